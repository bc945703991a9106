package org.ifnet.tool.race;

import java.util.List;

/**
 * What a run ended with, in comparable form: each thread's outcome summary (in label order),
 * the names of the attached interfaces, sorted, and what the scenario's probe says of the
 * state ("" without a probe).
 */
record Observation(List<String> results, List<String> interfaces, String state) {
    Observation {
        results = List.copyOf(results);
        interfaces = List.copyOf(interfaces);
    }

    Observation(List<String> results, List<String> interfaces) {
        this(results, interfaces, "");
    }

    @Override
    public String toString() {
        return results + " leaving " + interfaces + (state.isEmpty() ? "" : " with " + state);
    }
}
