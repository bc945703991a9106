package org.ifnet.core;

import java.util.List;

/**
 * The outcome of a destroy with a bounded wait: whether the interface was released within
 * the wait and, if not, how many references were still held and by whom (Linux's
 * "waiting for lagg0 to become free. Usage count = 2").
 */
public record DestroyReport(String name, boolean released, int usageCount, List<String> holders) {
    public DestroyReport {
        holders = List.copyOf(holders);
    }

    @Override
    public String toString() {
        if (released) {
            return name + " destroyed and released";
        }
        StringBuilder sb = new StringBuilder("waiting for ").append(name)
                .append(" to become free. Usage count = ").append(usageCount);
        holders.forEach(h -> sb.append("\n  ").append(h));
        return sb.toString();
    }
}
