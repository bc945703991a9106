package org.ifnet.tool.race;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

/**
 * The threads that carry a scenario's scripts (T1, T2, ...), kept from run to run: starting a
 * thread costs more than a whole schedule of a small scenario, and an exploration runs
 * thousands of schedules.
 *
 * <p>Each carrier takes one job at a time from its hand-off queue and runs it. A run the
 * explorer abandons (a deadlock) may leave its carriers stuck or interrupted, so they are
 * {@link #discard discarded}, and the next run gets fresh ones. Carriers are daemons; closing
 * stops the idle ones.
 */
final class Carriers implements AutoCloseable {
    private static final class Carrier extends Thread {
        final SynchronousQueue<Runnable> jobs = new SynchronousQueue<>();

        Carrier(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    jobs.take().run();
                }
            } catch (InterruptedException e) {
                // closed or discarded
            }
        }
    }

    private final List<Carrier> carriers = new ArrayList<>();

    /** The thread that will run T(index+1)'s next job. */
    Thread thread(int index) {
        while (carriers.size() <= index) {
            carriers.add(null);
        }
        Carrier c = carriers.get(index);
        if (c == null) {
            c = new Carrier("race-T" + (index + 1));
            c.start();
            carriers.set(index, c);
        }
        return c;
    }

    /** Hands {@code job} to {@link #thread(int) thread(index)}, which must be idle. */
    void run(int index, Runnable job) {
        Carrier c = (Carrier) thread(index);
        try {
            c.jobs.put(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting T" + (index + 1), e);
        }
    }

    /** Gives up on every carrier (after an abandoned run): the next run starts new ones. */
    void discard() {
        for (Carrier c : carriers) {
            if (c != null) {
                c.interrupt();
            }
        }
        carriers.clear();
    }

    @Override
    public void close() {
        discard();
    }
}
