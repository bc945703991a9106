package org.ifnet.core;

/** Thrown by {@link NetStack#close()} when the stack still holds references or softcs. */
public final class LeakException extends IllegalStateException {
    private final LeakReport report;

    public LeakException(String stack, LeakReport report) {
        super("stack " + stack + " closed with leaks:\n" + report);
        this.report = report;
    }

    public LeakReport report() {
        return report;
    }
}
