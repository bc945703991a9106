package org.ifnet.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ifnet.core.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The epoch (issue 2, item 4): nesting, grace periods that wait for exactly the sections open
 * before them, deferred calls, drain. Waits are proven by the state of the waiting thread, not
 * by timing.
 */
@Timeout(60)
class EpochTest {
    private final Epoch epoch = new Epoch("test");
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void enterAndExitNest() {
        assertThat(epoch.inSection()).isFalse();
        epoch.enter();
        epoch.enter();
        assertThat(epoch.inSection()).isTrue();
        epoch.exit();
        assertThat(epoch.inSection()).isTrue();
        epoch.exit();
        assertThat(epoch.inSection()).isFalse();
        assertThatThrownBy(epoch::exit).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exit without enter");
        assertThat(epoch.inSection()).isFalse();
        epoch.synchronize(); // nothing open: returns at once
    }

    @Test
    void synchronizeInsideASectionThrows() {
        epoch.enter();
        try {
            assertThatThrownBy(epoch::synchronize).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("would wait for itself");
        } finally {
            epoch.exit();
        }
    }

    @Test
    void synchronizeWaitsForASectionOpenedBeforeIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        Future<?> reader = pool.submit(() -> {
            epoch.enter();
            entered.countDown();
            await(leave);
            epoch.exit();
        });
        entered.await();
        AtomicBoolean returned = new AtomicBoolean();
        Thread[] writer = new Thread[1];
        Future<?> sync = pool.submit(() -> {
            writer[0] = Thread.currentThread();
            epoch.synchronize();
            returned.set(true);
        });
        Threads.awaitParked(() -> writer[0]);
        assertThat(returned).isFalse();
        leave.countDown();
        sync.get(10, TimeUnit.SECONDS);
        assertThat(returned).isTrue();
        reader.get(10, TimeUnit.SECONDS);
    }

    @Test
    void synchronizeDoesNotWaitForASectionOpenedAfterIt() throws Exception {
        // A reader enters before the grace period starts and stays; a second reader enters
        // after the period started and never leaves while we wait: the period must end as soon
        // as the first reader leaves.
        CountDownLatch firstIn = new CountDownLatch(1);
        CountDownLatch firstLeave = new CountDownLatch(1);
        CountDownLatch secondIn = new CountDownLatch(1);
        CountDownLatch secondLeave = new CountDownLatch(1);
        Future<?> first = pool.submit(() -> {
            epoch.enter();
            firstIn.countDown();
            await(firstLeave);
            epoch.exit();
        });
        firstIn.await();
        Thread[] writer = new Thread[1];
        Future<?> sync = pool.submit(() -> {
            writer[0] = Thread.currentThread();
            epoch.synchronize();
        });
        Threads.awaitParked(() -> writer[0]); // the grace period has begun
        Future<?> second = pool.submit(() -> {
            epoch.enter();
            secondIn.countDown();
            await(secondLeave);
            epoch.exit();
        });
        secondIn.await();
        firstLeave.countDown();
        sync.get(10, TimeUnit.SECONDS); // returns with the second reader still inside
        assertThat(second.isDone()).isFalse();
        secondLeave.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
    }

    @Test
    void callAfterGraceOutsideASectionRunsNowOnThisThread() {
        List<Thread> ran = new CopyOnWriteArrayList<>();
        epoch.callAfterGrace(() -> ran.add(Thread.currentThread()));
        assertThat(ran).containsExactly(Thread.currentThread());
        assertThat(epoch.pending()).isZero();
    }

    @Test
    void callAfterGraceInsideASectionIsDeferredUntilAfterExit() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicBoolean ranInsideSection = new AtomicBoolean();
        AtomicBoolean inside = new AtomicBoolean(true);
        epoch.enter();
        try {
            epoch.callAfterGrace(() -> {
                ranInsideSection.set(inside.get());
                ran.countDown();
            });
            assertThat(ran.getCount()).isEqualTo(1);
            assertThat(epoch.pending()).isEqualTo(1);
        } finally {
            inside.set(false);
            epoch.exit();
        }
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue(); // the reclaimer ran it
        assertThat(ranInsideSection).isFalse();
    }

    @Test
    void drainRunsTheDeferredCallsAfterAGracePeriodAndCountsThem() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch queued = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        Future<?> reader = pool.submit(() -> {
            epoch.enter();
            epoch.callAfterGrace(() -> order.add(1));
            epoch.callAfterGrace(() -> order.add(2));
            queued.countDown();
            await(leave);
            epoch.exit();
        });
        queued.await();
        assertThat(order).isEmpty();
        leave.countDown();
        reader.get(10, TimeUnit.SECONDS);
        int drained = epoch.drain(); // the reclaimer may have run some already
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (epoch.pending() > 0 && System.nanoTime() < deadline) {
            drained += epoch.drain();
            Thread.sleep(1);
        }
        assertThat(epoch.pending()).isZero();
        // each ran once; the reclaimer and an explicit drain may split the queue, so no order
        assertThat(order).containsExactlyInAnyOrder(1, 2);
        assertThat(drained).isBetween(0, 2);
        assertThat(epoch.drain()).isZero();
    }

    @Test
    void drainInsideASectionThrowsAndLosesNothing() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        epoch.enter();
        try {
            epoch.callAfterGrace(ran::countDown);
            assertThatThrownBy(epoch::drain).isInstanceOf(IllegalStateException.class);
        } finally {
            epoch.exit();
        }
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("the deferred call still runs").isTrue();
    }

    @Test
    void aFailingDeferredCallDoesNotStopTheOthers() throws Exception {
        CountDownLatch ran = new CountDownLatch(2);
        epoch.enter();
        try {
            epoch.callAfterGrace(ran::countDown);
            epoch.callAfterGrace(() -> {
                throw new IllegalStateException("a buggy deferred call");
            });
            epoch.callAfterGrace(ran::countDown);
        } finally {
            epoch.exit();
        }
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        // the reclaimer survived: a later deferred call still runs without an explicit drain
        CountDownLatch later = new CountDownLatch(1);
        epoch.enter();
        try {
            epoch.callAfterGrace(later::countDown);
        } finally {
            epoch.exit();
        }
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void pendingCountsACallUntilItHasRun() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        epoch.enter();
        try {
            epoch.callAfterGrace(() -> {
                running.countDown();
                await(finish);
            });
        } finally {
            epoch.exit();
        }
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue(); // the reclaimer is running it
        assertThat(epoch.pending()).as("a call being run is still pending").isEqualTo(1);
        finish.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (epoch.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(epoch.pending()).isZero();
    }

    /** Regression: every thread that ever entered kept a slot, scanned by every grace period. */
    @Test
    void slotsOfThreadsThatEndedAreDropped() throws Exception {
        for (int i = 0; i < 300; i++) {
            Thread t = new Thread(() -> {
                epoch.enter();
                epoch.exit();
            });
            t.start();
            t.join();
        }
        epoch.enter(); // this thread registers now, after all of them ended
        epoch.exit();
        assertThat(epoch.slotCount()).isLessThan(10);
        epoch.synchronize();
    }

    /** Regression: a thread that ended inside a section made every later grace period hang. */
    @Test
    void aThreadThatEndedInsideASectionDoesNotHoldGracePeriodsForever() throws Exception {
        Thread t = new Thread(epoch::enter, "dies-inside-a-section");
        t.start();
        t.join();
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                epoch::synchronize);
    }

    // ------------------------------------------------------------------ helpers

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
