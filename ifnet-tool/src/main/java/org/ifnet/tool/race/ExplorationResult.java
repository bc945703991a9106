package org.ifnet.tool.race;

import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.lifecycle.Policy;

/**
 * The outcome of exploring one scenario under one policy: how many schedules ran, how many
 * ended in each kind of failure (one run may count in several), and the first failing run.
 *
 * @param explored     schedules run to their end
 * @param useAfterFree runs where a thread touched a released softc
 * @param leaked       runs whose stack closed with references held or softcs never released
 * @param wrong        runs whose ending the scenario's oracle rejects, or that deadlocked
 * @param divergences  replays that met a different set of waiting threads (0 when deterministic)
 * @param capped       true when the explorer stopped at its limit before the last schedule
 * @param firstFailure the first failing run, or null
 */
record ExplorationResult(String scenario, Policy policy, int threads, int explored, int useAfterFree,
                         int leaked, int wrong, int divergences, boolean capped, FailedRun firstFailure) {

    /** A failing run: its number in exploration order, its steps, and what went wrong. */
    record FailedRun(int number, List<Scheduler.Step> steps, List<String> problems) {
        FailedRun {
            steps = List.copyOf(steps);
            problems = List.copyOf(problems);
        }
    }

    boolean clean() {
        return useAfterFree == 0 && leaked == 0 && wrong == 0;
    }

    /** "clean", or the kinds of failure seen, most severe first. */
    String verdict() {
        if (clean()) {
            return capped ? "clean (capped)" : "clean";
        }
        List<String> kinds = new ArrayList<>();
        if (useAfterFree > 0) {
            kinds.add("USE AFTER FREE");
        }
        if (leaked > 0) {
            kinds.add("LEAK");
        }
        if (wrong > 0) {
            kinds.add("WRONG RESULT");
        }
        return String.join(", ", kinds);
    }
}
