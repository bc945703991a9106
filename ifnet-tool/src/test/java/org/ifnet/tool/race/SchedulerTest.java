package org.ifnet.tool.race;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.ifnet.core.NetStack;
import org.ifnet.core.lifecycle.Policy;
import org.junit.jupiter.api.Test;

/**
 * The scheduler on synthetic scenarios whose schedules can be counted by hand: threads that
 * pass a fixed number of fail points, threads that block on a lock a parked thread holds,
 * and two threads that deadlock. Their stacks hold no interface; the explorer still closes
 * each one and counts a leak if it fails.
 */
class SchedulerTest {
    private final Explorer explorer = new Explorer();

    /** A thread that passes {@code sites} fail points named after it. */
    private static Scenario.Script passes(String name, int sites) {
        return s -> {
            for (int i = 1; i <= sites; i++) {
                s.failPoints().hit(name + "." + i);
            }
            return null;
        };
    }

    private static Scenario synthetic(String name, List<Scenario.Script> threads) {
        return new Scenario(name, name, s -> { }, threads, Oracle.SERIALIZABLE);
    }

    /**
     * Threads with 1, 2 and 1 sites run in 2, 3 and 2 segments (start to first site, ..., last
     * site to end), so the schedules are the multinomial 7! / (2! 3! 2!) = 210.
     */
    @Test
    void fixedLengthThreadsGiveTheMultinomialCount() {
        Scenario s = synthetic("fixed", List.of(passes("a", 1), passes("b", 2), passes("c", 1)));

        ExplorationResult r = explorer.explore(s, Policy.SAFE, Explorer.Progress.NONE);

        assertThat(r.explored()).isEqualTo(210);
        assertThat(r.clean()).isTrue();
        assertThat(r.divergences()).isZero();
    }

    @Test
    void twoThreadsOfTwoSegmentsEach() {
        ExplorationResult r = explorer.explore(synthetic("pair", List.of(passes("a", 1), passes("b", 1))),
                Policy.SAFE, Explorer.Progress.NONE);

        assertThat(r.explored()).isEqualTo(6); // C(4, 2)
    }

    private final ReentrantLock lock = new ReentrantLock();

    /**
     * T1: lock, site t1.locked, unlock, site t1.after. T2: lock, site t2.locked, unlock. A
     * thread let go while the other is parked holding the lock blocks, and only the holder can
     * be chosen. By hand: T1 first gives (T1 again: 1 + 2) + (T2 blocks, then T1: 2) = 5
     * schedules; T2 first gives (T2 again: 1) + (T1 blocks, then T2: 1) = 2; 7 in all.
     */
    @Test
    void aThreadBlockedByAParkedLockHolderIsNotAChoice() {
        Scenario.Script t1 = s -> {
            lock.lock();
            try {
                s.failPoints().hit("t1.locked");
            } finally {
                lock.unlock();
            }
            s.failPoints().hit("t1.after");
            return null;
        };
        Scenario.Script t2 = s -> {
            lock.lock();
            try {
                s.failPoints().hit("t2.locked");
            } finally {
                lock.unlock();
            }
            return null;
        };

        ExplorationResult r = explorer.explore(synthetic("lock", List.of(t1, t2)), Policy.SAFE, Explorer.Progress.NONE);

        assertThat(r.explored()).isEqualTo(7);
        assertThat(r.clean()).isTrue();
        assertThat(r.divergences()).isZero();
        assertThat(lock.isLocked()).isFalse();
    }

    /**
     * T1 enters an epoch read section, passes t1.in, and leaves; T2 waits for a grace period,
     * then passes t2.after. T2 let go while T1 is parked inside its section blocks until T1
     * moves. By hand: T1 first, then T1 again (1) or T2, which blocks, then T1 (1); T2 first
     * (no reader yet) leaves T2's last segment to interleave with T1's two: 3. Total 5.
     */
    @Test
    void aGracePeriodHeldOpenByAParkedReaderBlocksTheWriter() {
        Scenario.Script reader = s -> {
            s.epoch().enter();
            try {
                s.failPoints().hit("t1.in");
            } finally {
                s.epoch().exit();
            }
            return null;
        };
        Scenario.Script writer = s -> {
            s.epoch().synchronize();
            s.failPoints().hit("t2.after");
            return null;
        };

        ExplorationResult r = explorer.explore(synthetic("grace", List.of(reader, writer)), Policy.SAFE, Explorer.Progress.NONE);

        assertThat(r.explored()).isEqualTo(5);
        assertThat(r.clean()).isTrue();
        assertThat(r.divergences()).isZero();
    }

    private final ReentrantLock a = new ReentrantLock();
    private final ReentrantLock b = new ReentrantLock();

    private static Object lockBoth(NetStack s, ReentrantLock first, ReentrantLock second, String site) throws InterruptedException {
        first.lockInterruptibly();
        try {
            s.failPoints().hit(site);
            second.lockInterruptibly();
            second.unlock();
        } finally {
            first.unlock();
        }
        return null;
    }

    /**
     * T1 takes a then b, T2 takes b then a, each passing a site after its first lock. Of the 6
     * schedules (3 per first thread: the first finishes, or the second takes its lock and then
     * either blocks first), 4 deadlock; each is reported as a wrong result with both waits named.
     */
    @Test
    void aDeadlockIsReportedAndTheRunAbandoned() {
        Scenario s = synthetic("deadlock", List.of(
                st -> lockBoth(st, a, b, "t1.a"),
                st -> lockBoth(st, b, a, "t2.b")));

        ExplorationResult r = explorer.explore(s, Policy.SAFE, Explorer.Progress.NONE);

        assertThat(r.explored()).isEqualTo(6);
        assertThat(r.wrong()).isEqualTo(4);
        assertThat(r.firstFailure().problems()).anySatisfy(p -> assertThat(p)
                .contains("deadlock").contains("T1 after t1.a waits for a lock T2 holds")
                .contains("T2 after t2.b waits for a lock T1 holds"));
        assertThat(r.firstFailure().steps()).anySatisfy(st -> assertThat(st.text()).startsWith("blocked: waits for a lock"));
        assertThat(a.isLocked()).isFalse();
        assertThat(b.isLocked()).isFalse();
    }
}
