package org.ifnet.core.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Waiting on another thread's state, for tests that prove a thread blocks (not by timing). */
public final class Threads {
    private Threads() {
    }

    /**
     * Returns once the thread {@code t} supplies is parked or waiting (on a lock, a
     * condition, a monitor's wait or a grace period); fails after 10 s. The supplier may return null
     * until the thread is known.
     */
    public static void awaitParked(Supplier<Thread> t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread th = t.get();
            if (th != null) {
                Thread.State s = th.getState();
                if (s == Thread.State.TIMED_WAITING || s == Thread.State.WAITING) {
                    return;
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError("thread never parked");
    }
}
