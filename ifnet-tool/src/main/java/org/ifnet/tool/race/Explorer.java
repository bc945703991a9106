package org.ifnet.tool.race;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ifnet.core.LeakException;
import org.ifnet.core.LeakReport;
import org.ifnet.core.NetStack;
import org.ifnet.core.lifecycle.Policy;

/**
 * Explores every schedule of one scenario under one release policy and counts the failures.
 *
 * <p>Overview. Each schedule is one run from scratch: a fresh stack with the policy under
 * test, the scenario's set-up, then its threads under a {@link Scheduler} that follows the
 * {@link ScheduleTree}; the tree advances depth-first until every schedule has run (or the
 * limit is hit, which the result says). After the threads end, the run is judged in this
 * order:
 * <ol>
 * <li>use after free: a thread caught {@code UseAfterFreeError}, or the stack counted an
 * access to a released softc (even one a driver swallowed);</li>
 * <li>wrong result: the run deadlocked, a thread threw something other than an errno, the
 * registry is inconsistent ({@link RegistryCheck}), or the scenario's oracle rejects the
 * ending. A run with a use after free is not judged by the oracle: its results mean nothing;</li>
 * <li>leak: closing the stack (which destroys what is left and waits for releases) reports
 * references still held, softcs never released, handles closed twice or frames not freed.</li>
 * </ol>
 * Stacks run in reference-tracking mode so a leak names where the reference was taken.
 */
final class Explorer {
    /** Schedules explored at most per scenario and policy. */
    static final int DEFAULT_LIMIT = 100_000;

    /** Hears how many schedules have run so far. */
    @FunctionalInterface
    interface Progress {
        void explored(int runs);

        Progress NONE = runs -> { };
    }

    private final int limit;

    Explorer() {
        this(DEFAULT_LIMIT);
    }

    Explorer(int limit) {
        this.limit = limit;
    }

    /** The stack every run and every serial reference run uses: fixed name, so drivers that derive addresses from it agree. */
    static NetStack newStack(Policy policy) {
        return NetStack.builder().name("race").policy(policy).tracking(true).build();
    }

    /** The comparable ending of a run: call with no thread racing and no observer set. */
    static Observation observe(Scenario s, List<ThreadOutcome> outcomes, NetStack stack) {
        List<String> results = new ArrayList<>();
        for (ThreadOutcome o : outcomes) {
            results.add(o.summary());
        }
        List<String> names = new ArrayList<>(stack.interfaces());
        names.sort(null);
        String state = "";
        if (s.probe() != null) {
            try {
                state = String.valueOf(s.probe().run(stack));
            } catch (Exception e) {
                state = "probe failed: " + ThreadOutcome.of(e).summary();
            }
        }
        return new Observation(results, names, state);
    }

    ExplorationResult explore(Scenario s, Policy policy, Progress progress) {
        Set<Observation> serial = SerialOrders.endings(s, policy);
        try (Carriers carriers = new Carriers()) {
            return explore(s, policy, progress, serial, carriers);
        }
    }

    private ExplorationResult explore(Scenario s, Policy policy, Progress progress, Set<Observation> serial,
                                      Carriers carriers) {
        ScheduleTree tree = new ScheduleTree();
        int runs = 0;
        int uaf = 0;
        int leaked = 0;
        int wrong = 0;
        boolean capped = false;
        ExplorationResult.FailedRun first = null;
        while (true) {
            runs++;
            Judged j = runOnce(s, policy, serial, tree, carriers);
            uaf += j.useAfterFree ? 1 : 0;
            leaked += j.leaked ? 1 : 0;
            wrong += j.wrong ? 1 : 0;
            if (first == null && !j.problems.isEmpty()) {
                first = new ExplorationResult.FailedRun(runs, j.steps, j.problems);
            }
            progress.explored(runs);
            if (!tree.advance()) {
                break;
            }
            if (runs >= limit) {
                capped = true;
                break;
            }
        }
        return new ExplorationResult(s.name(), policy, s.threads().size(), runs, uaf, leaked, wrong,
                tree.divergences(), capped, first);
    }

    /** One run's verdict. */
    private static final class Judged {
        final List<Scheduler.Step> steps;
        final List<String> problems = new ArrayList<>();
        boolean useAfterFree;
        boolean leaked;
        boolean wrong;

        Judged(List<Scheduler.Step> steps) {
            this.steps = steps;
        }
    }

    private Judged runOnce(Scenario s, Policy policy, Set<Observation> serial, ScheduleTree tree, Carriers carriers) {
        NetStack stack = newStack(policy);
        s.setUp().apply(stack);
        Scheduler scheduler = new Scheduler(stack, s.threads(), carriers);
        stack.failPoints().setObserver(scheduler);
        Scheduler.Result r;
        try {
            r = scheduler.run(tree);
        } finally {
            stack.failPoints().setObserver(null);
        }
        Judged j = new Judged(r.steps());
        for (int i = 0; i < r.outcomes().size(); i++) {
            ThreadOutcome o = r.outcomes().get(i);
            if (o.kind() == ThreadOutcome.Kind.USE_AFTER_FREE) {
                j.useAfterFree = true;
                j.problems.add("T" + (i + 1) + ": " + o.value());
            } else if (o.kind() == ThreadOutcome.Kind.UNEXPECTED) {
                wrong(j, "T" + (i + 1) + " threw " + o.value());
            }
        }
        if (r.stuck() != null) {
            wrong(j, r.stuck()); // threads may still hold the stack's locks: leave it unclosed
            return j;
        }
        stack.quiesce();
        if (!j.useAfterFree) {
            String why = RegistryCheck.check(stack);
            if (why == null) {
                why = s.oracle().judge(observe(s, r.outcomes(), stack), serial);
            }
            if (why != null) {
                wrong(j, why);
            }
        }
        judgeClose(stack, j);
        return j;
    }

    private static void judgeClose(NetStack stack, Judged j) {
        LeakReport report;
        try {
            stack.close();
            return;
        } catch (LeakException e) {
            report = e.report();
        } catch (RuntimeException | Error e) {
            wrong(j, "closing the stack failed: " + e);
            return;
        }
        if (report.poisonedAccesses() > 0 && !j.useAfterFree) {
            j.useAfterFree = true;
            j.problems.add(report.poisonedAccesses() + " access(es) to released softcs");
        }
        if (!report.heldReferences().isEmpty() || !report.unreleasedSoftcs().isEmpty()
                || report.doubleCloses() > 0 || report.outstandingFrames() > 0) {
            j.leaked = true;
            LeakReport leaksOnly = new LeakReport(report.heldReferences(), report.unreleasedSoftcs(), 0,
                    report.doubleCloses(), report.outstandingFrames());
            j.problems.add("leak: " + leaksOnly);
        }
    }

    private static void wrong(Judged j, String why) {
        j.wrong = true;
        j.problems.add("wrong result: " + why);
    }
}
