package org.ifnet.tool.race;

import java.util.List;

/**
 * What a run ended with, in comparable form: each thread's outcome summary (in label order)
 * and the names of the attached interfaces, sorted.
 */
record Observation(List<String> results, List<String> interfaces) {
    Observation {
        results = List.copyOf(results);
        interfaces = List.copyOf(interfaces);
    }

    @Override
    public String toString() {
        return results + " leaving " + interfaces;
    }
}
