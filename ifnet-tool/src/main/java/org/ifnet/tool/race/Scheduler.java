package org.ifnet.tool.race;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.lifecycle.FailPoints;

/**
 * Runs one schedule of a scenario: the scenario's threads, one step at a time, in the order a
 * {@link ScheduleTree} dictates.
 *
 * <p>Overview. The scheduler is the stack's fail-point observer; its workers (the scenario's
 * threads) run on {@link Carriers} threads that outlive the run. Every site a worker passes
 * is a scheduling point: the worker records where it is, turns PARKED and waits for its
 * permit. Each worker also parks once before its script starts (the "start" point), so no
 * code of the scenario runs unscheduled. The explorer thread (the caller of {@link #run})
 * repeats: settle, choose one parked worker, give it a permit; the worker runs alone to its
 * next site or to its end. Threads that are not workers (the epoch reclaimer) pass sites
 * untouched.
 *
 * <p>Blocking. A worker let go may block before its next site: on a lock that a parked worker
 * holds, or in an epoch grace period that a parked worker's read section holds open. Settling
 * therefore ends for a worker when it is parked, done, or judged blocked ({@link
 * #blockedReason} says how). A blocked worker is not a choice; it becomes one again when it
 * reaches a site after the thread it waited for moved. When no worker is parked and some are
 * not done, the run is stuck; if nothing moves for {@link #DEADLOCK_NANOS} it is reported as
 * a deadlock and abandoned.
 *
 * <p>Memory: worker fields written by a worker are published by the volatile write of its
 * {@code state}; the explorer changes {@code state} only for a PARKED worker, before its
 * permit, so the two never write it at once.
 */
final class Scheduler implements FailPoints.Observer {
    /** The point where every worker waits before its script runs. */
    static final String START = "start";

    static final long QUIET_NANOS = 50_000_000L;
    static final long DEADLOCK_NANOS = 300_000_000L;
    static final long HANG_NANOS = 30_000_000_000L;
    private static final long POLL_NANOS = 1_000_000L;

    private static final int RUNNING = 0;
    private static final int PARKED = 1;
    private static final int DONE = 2;

    /** Thrown into workers when the explorer abandons a stuck run. */
    static final class Aborted extends Error {
        Aborted(String why) {
            super(why, null, false, false);
        }
    }

    /** One step of a run: which worker moved and where it got to. */
    record Step(int worker, String text) {
    }

    /** What one run did: its steps, each worker's outcome, and why it was abandoned (or null). */
    record Result(List<Step> steps, List<ThreadOutcome> outcomes, String stuck) {
    }

    private final class Worker implements Runnable {
        final int index;
        final String label;
        final Scenario.Script script;
        final Semaphore permit = new Semaphore(0);
        final Thread thread;
        volatile int state = RUNNING;
        volatile int arrivals;          // written by the worker only
        volatile String site = START;
        volatile String detail = "";
        volatile ThreadOutcome outcome;
        volatile int resumed;           // permits taken, written by the worker only
        volatile boolean inSection;     // parked inside an epoch read section (worker only)
        int released;                   // permits given, explorer only
        long stillSince;                // explorer only: since when every sample saw it waiting at stillStack
        List<StackTraceElement> stillStack; // explorer only
        String blockedOn;               // explorer only

        Worker(int index, Scenario.Script script) {
            this.index = index;
            this.label = "T" + (index + 1);
            this.script = script;
            this.thread = carriers.thread(index);
        }

        @Override
        public void run() {
            resumed++; // the hand-off to this carrier counts as the first permit
            ThreadOutcome o;
            try {
                park(this, START, null);
                o = ThreadOutcome.ok(script.run(stack));
            } catch (Throwable t) {
                o = ThreadOutcome.of(t);
            }
            outcome = o;
            state = DONE;
            LockSupport.unpark(explorer);
        }

        String position() {
            return detail.isEmpty() ? site : site + " " + detail;
        }
    }

    private final NetStack stack;
    private final Carriers carriers;
    private final List<Worker> workers = new ArrayList<>();
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private volatile Thread explorer;
    private volatile boolean aborted;

    Scheduler(NetStack stack, List<Scenario.Script> scripts, Carriers carriers) {
        this.stack = stack;
        this.carriers = carriers;
        for (int i = 0; i < scripts.size(); i++) {
            workers.add(new Worker(i, scripts.get(i)));
        }
    }

    // ================================================================== worker side

    @Override
    public void onSite(String site, Object arg) {
        Thread me = Thread.currentThread();
        for (Worker w : workers) {
            if (w.thread == me) {
                park(w, site, arg);
                return;
            }
        }
    }

    private void park(Worker w, String site, Object arg) {
        if (aborted) {
            throw new Aborted("run abandoned");
        }
        w.site = site;
        w.detail = describe(arg);
        w.inSection = stack.epoch().inSection();
        w.arrivals++;
        w.state = PARKED;
        LockSupport.unpark(explorer);
        w.permit.acquireUninterruptibly();
        w.resumed++;
        if (aborted) {
            throw new Aborted("run abandoned");
        }
    }

    /** A short name for a site's argument: the interface, the request, the name. */
    static String describe(Object arg) {
        if (arg == null) {
            return "";
        }
        if (arg instanceof Ifnet) {
            return ((Ifnet) arg).name();
        }
        if (arg instanceof IfRef) {
            return ((IfRef) arg).name();
        }
        if (arg instanceof IfRequest) {
            return ((IfRequest<?>) arg).ioctlName();
        }
        return arg.toString();
    }

    // ================================================================== explorer side

    /** Runs the workers to their ends under {@code tree}'s choices. Call once. */
    Result run(ScheduleTree tree) {
        explorer = Thread.currentThread();
        for (Worker w : workers) {
            w.released++;
            carriers.run(w.index, w);
        }
        List<Step> steps = new ArrayList<>();
        int[] seen = new int[workers.size()];
        boolean[] ended = new boolean[workers.size()];
        String stuck = settle();
        for (Worker w : workers) {
            seen[w.index] = w.arrivals;
        }
        while (stuck == null) {
            List<Worker> enabled = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            boolean allDone = true;
            for (Worker w : workers) {
                if (w.state == PARKED) {
                    enabled.add(w);
                    labels.add(w.label);
                }
                allDone &= w.state == DONE;
            }
            if (allDone) {
                break;
            }
            if (enabled.isEmpty()) {
                stuck = confirmStuck();
                if (stuck == null) {
                    stuck = settle();
                    record(null, steps, seen, ended);
                }
                continue;
            }
            Worker chosen = enabled.get(tree.choose(labels));
            chosen.state = RUNNING;
            chosen.released++;
            chosen.permit.release();
            stuck = settle();
            record(chosen, steps, seen, ended);
        }
        if (stuck != null) {
            abandon();
        }
        List<ThreadOutcome> outcomes = new ArrayList<>();
        for (Worker w : workers) {
            ThreadOutcome o = w.outcome;
            outcomes.add(o != null ? o : ThreadOutcome.of(new Aborted("still " + (w.blockedOn != null ? w.blockedOn : "running"))));
        }
        return new Result(steps, outcomes, stuck);
    }

    /** Appends a step for every worker that moved since the last call, the chosen one first. */
    private void record(Worker chosen, List<Step> steps, int[] seen, boolean[] ended) {
        if (chosen != null) {
            recordOne(chosen, steps, seen, ended, true);
        }
        for (Worker w : workers) {
            if (w != chosen) {
                recordOne(w, steps, seen, ended, false);
            }
        }
    }

    private void recordOne(Worker w, List<Step> steps, int[] seen, boolean[] ended, boolean chosen) {
        if (ended[w.index]) {
            return;
        }
        String resumed = chosen ? "" : " (resumed)";
        if (w.state == DONE) {
            ended[w.index] = true;
            steps.add(new Step(w.index, "end: " + w.outcome.describe() + resumed));
        } else if (w.arrivals != seen[w.index]) {
            seen[w.index] = w.arrivals;
            steps.add(new Step(w.index, w.position() + resumed));
        } else if (chosen && w.blockedOn != null) {
            steps.add(new Step(w.index, "blocked: " + w.blockedOn));
        }
    }

    /**
     * Waits until every worker is parked, done, or blocked. Returns null, or why the run must
     * be abandoned (a worker kept running without reaching a site for {@link #HANG_NANOS}).
     */
    private String settle() {
        long start = System.nanoTime();
        for (Worker w : workers) {
            w.stillSince = start;
            w.stillStack = null;
        }
        while (true) {
            long now = System.nanoTime();
            boolean settled = true;
            for (Worker w : workers) {
                if (w.state != RUNNING) {
                    w.blockedOn = null;
                    continue;
                }
                w.blockedOn = now - start < POLL_NANOS ? null : blockedReason(w, now);
                if (w.blockedOn == null) {
                    settled = false;
                    if (now - start > HANG_NANOS) {
                        return w.label + " ran for " + HANG_NANOS / 1_000_000_000L + " s without reaching a fail point";
                    }
                }
            }
            if (settled) {
                return null;
            }
            LockSupport.parkNanos(this, POLL_NANOS);
        }
    }

    /**
     * Why a running worker cannot move now, or null when it may still be on its way. A worker
     * not yet back from its permit is waking, not blocked: on a loaded machine a released
     * thread can stay in WAITING for milliseconds before the OS runs it.
     *
     * <p>A wait on a lock owned by a parked worker is judged at once, but only if the owner
     * was parked at the same site before and after the thread snapshot: a snapshot can show a
     * lock owner that released the lock and parked just after it was taken. A wait for a lock
     * that has no owner is a thread woken but not yet run. A wait for an epoch grace period is
     * judged at once when a worker is parked inside a read section (each worker notes that
     * when it parks), and is no block at all when no worker is. Every other wait (an owner
     * that is itself waiting, a condition) must last {@link #QUIET_NANOS} with the thread's
     * stack unchanged.
     */
    private String blockedReason(Worker w, long now) {
        if (w.resumed != w.released) {
            w.stillSince = now;
            return null;
        }
        int[] stateBefore = new int[workers.size()];
        int[] arrivalsBefore = new int[workers.size()];
        for (Worker o : workers) {
            arrivalsBefore[o.index] = o.arrivals;
            stateBefore[o.index] = o.state;
        }
        ThreadInfo ti = mx.getThreadInfo(w.thread.getId(), 16);
        if (ti == null || ti.getThreadState() == Thread.State.RUNNABLE || w.state != RUNNING) {
            w.stillSince = now;
            w.stillStack = null;
            return null;
        }
        long owner = ti.getLockOwnerId();
        for (Worker o : workers) {
            if (o != w && o.thread.getId() == owner && stateBefore[o.index] == PARKED && o.state == PARKED
                    && o.arrivals == arrivalsBefore[o.index]) {
                return "waits for a lock " + o.label + " holds";
            }
        }
        if (owner == -1 && waitsForALock(ti)) {
            w.stillSince = now; // the lock is free: the thread was woken and has yet to run
            return null;
        }
        List<StackTraceElement> stack = List.of(ti.getStackTrace());
        if (waitsForAGracePeriod(stack)) {
            for (Worker o : workers) {
                if (o != w && o.inSection && stateBefore[o.index] == PARKED && o.state == PARKED
                        && o.arrivals == arrivalsBefore[o.index]) {
                    return "waits for an epoch grace period (" + o.label + " is in a read section)";
                }
            }
            boolean otherBlocked = false;
            for (Worker o : workers) {
                otherBlocked |= o != w && o.state == RUNNING && o.blockedOn != null;
            }
            if (!otherBlocked) {
                w.stillSince = now; // no reader is parked: the grace period ends by itself
                return null;
            }
        }
        if (!stack.equals(w.stillStack)) {
            w.stillStack = stack;
            w.stillSince = now;
            return null;
        }
        if (now - w.stillSince < QUIET_NANOS) {
            return null;
        }
        for (Worker o : workers) {
            if (o != w && o.thread.getId() == owner) {
                return "waits for a lock " + o.label + " holds";
            }
        }
        if (waitsForAGracePeriod(stack)) {
            return "waits for an epoch grace period";
        }
        return "waits (" + ti.getThreadState() + (ti.getLockName() != null ? " on " + ti.getLockName() : "") + ")";
    }

    /**
     * Whether the thread waits to enter a monitor or to take a ReentrantLock (or a read-write
     * lock): waits that end by themselves once the lock has no owner, unlike a condition, a
     * semaphore or a timed park.
     */
    private static boolean waitsForALock(ThreadInfo ti) {
        if (ti.getThreadState() == Thread.State.BLOCKED) {
            return true;
        }
        String lock = ti.getLockName();
        return lock != null && lock.startsWith("java.util.concurrent.locks.Reentrant") && !lock.contains("ConditionObject");
    }

    private static boolean waitsForAGracePeriod(List<StackTraceElement> stack) {
        for (StackTraceElement e : stack) {
            if (e.getClassName().equals("org.ifnet.core.lifecycle.Epoch") && e.getMethodName().equals("synchronize")) {
                return true;
            }
        }
        return false;
    }

    /** No worker is parked and some are not done: null if one moves soon, else the deadlock. */
    private String confirmStuck() {
        int[] before = new int[workers.size()];
        for (Worker w : workers) {
            before[w.index] = w.arrivals;
        }
        long start = System.nanoTime();
        while (System.nanoTime() - start < DEADLOCK_NANOS) {
            for (Worker w : workers) {
                if (w.state != RUNNING || w.arrivals != before[w.index]) {
                    return null;
                }
            }
            LockSupport.parkNanos(this, POLL_NANOS);
        }
        StringBuilder sb = new StringBuilder("deadlock:");
        for (Worker w : workers) {
            if (w.state == RUNNING) {
                String why = w.blockedOn;
                sb.append(' ').append(w.label).append(" after ").append(w.position()).append(' ')
                        .append(why != null ? why : "does not move").append(';');
            }
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /**
     * Wakes every worker with an {@link Aborted} error and gives up on their threads: one stuck
     * on a lock stays stuck (a daemon), the next run gets fresh carriers.
     */
    private void abandon() {
        aborted = true;
        for (Worker w : workers) {
            w.thread.interrupt();
            w.permit.release();
        }
        for (Worker w : workers) {
            long deadline = System.nanoTime() + 100_000_000L;
            while (w.state != DONE && System.nanoTime() < deadline) {
                LockSupport.parkNanos(this, POLL_NANOS);
            }
        }
        carriers.discard();
    }
}
