package org.ifnet.core.lifecycle;

import java.lang.invoke.MethodHandles;
import java.lang.ref.WeakReference;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An epoch for the data path and for lists read without locks (FreeBSD's epoch(9), Linux's
 * RCU): readers mark a section with {@link #enter()} / {@link #exit()}, writers unlink an
 * object and then wait for a grace period ({@link #synchronize()}) or defer its reclamation
 * ({@link #callAfterGrace}).
 *
 * <p>Overview. Each reader thread owns one {@link Slot}, found through a ThreadLocal and
 * registered once. A slot holds the global epoch the thread saw when it entered its outermost
 * section, or 0 while it is outside. {@code synchronize()} advances the global epoch to a new
 * target and waits until every slot is idle or shows an epoch at least the target. A reader
 * that entered before the advance may still see the unlinked object; one that entered after
 * cannot, because the writer unlinked before advancing and all slot and epoch accesses are
 * volatile (sequentially consistent).
 *
 * <p>Cost. enter() is one ThreadLocal read, a nesting counter and one volatile store; exit()
 * a counter and one release store. Neither allocates after the thread's first section.
 *
 * <p>Slots of threads that have ended are dropped at the next registration, and a grace period
 * does not wait for a thread that ended inside a section, so neither the slot array nor the
 * cost of {@code synchronize()} grows with every thread that ever read.
 *
 * <p>Invariants: a slot's nesting counter is touched only by its owner; {@code synchronize()}
 * and {@code drain()} refuse to run inside a section (they would wait for themselves forever).
 * Deferred calls queued before a grace period are run after it, by {@link #drain()} or by the
 * reclaimer thread, which is started on demand and stops when idle. {@code outstanding}
 * counts deferred calls from the moment they are queued until they have finished running, so
 * {@link #pending()} is zero only when every deferred call is done, not merely dequeued. A
 * deferred call that throws is logged and does not stop the others.
 */
public final class Epoch {
    /** One reader thread's published state; padded against false sharing with its neighbours. */
    static final class Slot {
        long p0, p1, p2, p3, p4, p5, p6;
        volatile long epoch;          // 0 when outside any section, else the epoch seen at entry
        int nest;                     // owner thread only
        final WeakReference<Thread> owner = new WeakReference<>(Thread.currentThread());
        long q0, q1, q2, q3, q4, q5, q6;

        /** False once the owner thread has ended: its slot can hold nothing up any more. */
        boolean ownerAlive() {
            Thread t = owner.get();
            return t != null && t.isAlive();
        }
    }

    private static final VarHandle SLOT_EPOCH;

    static {
        try {
            SLOT_EPOCH = MethodHandles.lookup().findVarHandle(Slot.class, "epoch", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AtomicLong global = new AtomicLong(1);
    private final ThreadLocal<Slot> local = ThreadLocal.withInitial(this::register);
    private final Object registerLock = new Object();
    private volatile Slot[] slots = new Slot[0];
    private static final System.Logger LOG = System.getLogger(Epoch.class.getName());

    private final ConcurrentLinkedQueue<Runnable> deferred = new ConcurrentLinkedQueue<>();
    private final AtomicLong outstanding = new AtomicLong();   // queued or running deferred calls
    private final AtomicLong reclaimerRunning = new AtomicLong();
    private final String name;

    public Epoch(String name) {
        this.name = name;
    }

    /** Adds the calling thread's slot, dropping the slots of threads that have ended. */
    private Slot register() {
        Slot s = new Slot();
        synchronized (registerLock) {
            Slot[] old = slots;
            Slot[] grown = new Slot[old.length + 1];
            int n = 0;
            for (Slot o : old) {
                if (o.ownerAlive()) {
                    grown[n++] = o;
                }
            }
            grown[n++] = s;
            slots = java.util.Arrays.copyOf(grown, n);
        }
        return s;
    }

    /** Registered reader slots (for tests). */
    int slotCount() {
        return slots.length;
    }

    /** Enters a read section; sections nest. */
    public void enter() {
        Slot s = local.get();
        if (s.nest++ == 0) {
            s.epoch = global.get();
        }
    }

    /** Leaves a read section entered by this thread. */
    public void exit() {
        Slot s = local.get();
        int n = --s.nest;
        if (n == 0) {
            SLOT_EPOCH.setRelease(s, 0L);
        } else if (n < 0) {
            s.nest = 0;
            throw new IllegalStateException("epoch exit without enter");
        }
    }

    /** True when the calling thread is inside a section. */
    public boolean inSection() {
        return local.get().nest > 0;
    }

    /**
     * Waits for a grace period: returns once every section that was open when it was called
     * has closed.
     *
     * @throws IllegalStateException when called inside a section
     */
    public void synchronize() {
        if (inSection()) {
            throw new IllegalStateException("epoch " + name + ": synchronize() inside a read section would wait for itself");
        }
        long target = global.incrementAndGet();
        for (Slot s : slots) {
            int spins = 0;
            long e;
            while ((e = s.epoch) != 0 && e < target) {
                if (++spins < 100) {
                    Thread.onSpinWait();
                } else if (spins < 200) {
                    Thread.yield();
                } else if (!s.ownerAlive()) {
                    break; // the reader ended inside its section: nothing of it can run again
                } else {
                    LockSupport.parkNanos(50_000);
                }
            }
        }
    }

    /**
     * Runs {@code task} after a grace period. Outside a section it waits for the grace period
     * and runs the task now, on this thread; inside one it queues the task for the reclaimer.
     */
    public void callAfterGrace(Runnable task) {
        if (!inSection()) {
            synchronize();
            task.run();
            return;
        }
        outstanding.incrementAndGet();
        deferred.add(task);
        startReclaimer();
    }

    /**
     * Waits for a grace period and runs every call deferred before it. Returns how many ran.
     * A call that throws a RuntimeException is logged and the others still run; an Error is
     * rethrown once the whole batch has run.
     *
     * @throws IllegalStateException when called inside a section (nothing is dequeued)
     */
    public int drain() {
        if (inSection()) {
            throw new IllegalStateException("epoch " + name + ": drain() inside a read section would wait for itself");
        }
        List<Runnable> batch = new ArrayList<>();
        for (Runnable r; (r = deferred.poll()) != null; ) {
            batch.add(r);
        }
        if (batch.isEmpty()) {
            return 0;
        }
        synchronize();
        Error fatal = null;
        for (Runnable r : batch) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "epoch " + name + ": a deferred call failed", e);
            } catch (Error e) {
                if (fatal == null) {
                    fatal = e;
                }
            } finally {
                outstanding.decrementAndGet();
            }
        }
        if (fatal != null) {
            throw fatal;
        }
        return batch.size();
    }

    /** Deferred calls not yet finished: queued, or dequeued and still running. */
    public int pending() {
        return (int) outstanding.get();
    }

    private void startReclaimer() {
        if (reclaimerRunning.compareAndSet(0, 1)) {
            Thread t = new Thread(this::reclaim, "epoch-reclaimer-" + name);
            t.setDaemon(true);
            t.start();
        }
    }

    private void reclaim() {
        while (true) {
            try {
                drain();
            } catch (Error e) {
                LOG.log(System.Logger.Level.ERROR, "epoch " + name + ": a deferred call failed", e);
            }
            reclaimerRunning.set(0);
            if (deferred.isEmpty() || !reclaimerRunning.compareAndSet(0, 1)) {
                return;
            }
        }
    }
}
