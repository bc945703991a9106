package org.ifnet.core.frame;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pool of frames (FreeBSD's mbuf zone). Frames are created lazily up to {@code maxFrames};
 * past that {@link #get()} returns null, the data path's backpressure sentinel, and callers
 * count a drop.
 *
 * <p>Overview. Each thread keeps a small stack of free frames (a ThreadLocal array), so the
 * common get/free pair on one thread touches no shared state; overflow and underflow move
 * frames to and from a shared stack guarded by a monitor. No operation allocates once the
 * pool has warmed up. Invariant: a frame is in at most one stack, and {@code outstanding}
 * counts frames handed out and not yet returned.
 *
 * <p>Caches of threads that have ended: every cache is also listed in {@link #caches}; when
 * the pool runs dry, and whenever a thread makes its cache, the frames cached by threads that
 * have ended move back to the shared stack. Otherwise each thread that freed frames and ended
 * would take up to {@code LOCAL_MAX} frames out of the pool for good.
 */
public final class FramePool {
    private static final int LOCAL_MAX = 256;

    private static final class LocalCache {
        final Frame[] frames = new Frame[LOCAL_MAX];
        int size;                                   // owner thread only, until it has ended
        final WeakReference<Thread> owner = new WeakReference<>(Thread.currentThread());

        boolean ownerEnded() {
            Thread t = owner.get();
            return t == null || !t.isAlive();
        }
    }

    private final int frameCapacity;
    private final int maxFrames;
    private final ThreadLocal<LocalCache> local = ThreadLocal.withInitial(this::newCache);
    private final Object sharedLock = new Object();
    private final List<LocalCache> caches = new ArrayList<>();   // guarded by sharedLock
    private Frame[] shared = new Frame[64];
    private int sharedSize;
    private int created;
    private final AtomicLong outstanding = new AtomicLong();

    public FramePool(int frameCapacity, int maxFrames) {
        this.frameCapacity = frameCapacity;
        this.maxFrames = maxFrames;
    }

    /** A clean frame, or null when {@code maxFrames} are all in use. */
    public Frame get() {
        LocalCache lc = local.get();
        Frame f;
        if (lc.size > 0) {
            f = lc.frames[--lc.size];
            lc.frames[lc.size] = null;
        } else {
            f = takeShared();
            if (f == null) {
                return null;
            }
        }
        f.reset();
        outstanding.getAndIncrement();
        return f;
    }

    private LocalCache newCache() {
        LocalCache c = new LocalCache();
        synchronized (sharedLock) {
            reclaimEnded();
            caches.add(c);
        }
        return c;
    }

    /**
     * Moves the frames cached by threads that have ended to the shared stack (under
     * sharedLock). Seeing a thread ended (isAlive() false) orders its last writes to its cache
     * before our reads.
     */
    private void reclaimEnded() {
        for (Iterator<LocalCache> it = caches.iterator(); it.hasNext(); ) {
            LocalCache c = it.next();
            if (c.ownerEnded()) {
                for (int i = 0; i < c.size; i++) {
                    pushShared(c.frames[i]);
                    c.frames[i] = null;
                }
                c.size = 0;
                it.remove();
            }
        }
    }

    private void pushShared(Frame f) {
        if (sharedSize == shared.length) {
            shared = java.util.Arrays.copyOf(shared, shared.length * 2);
        }
        shared[sharedSize++] = f;
    }

    private Frame takeShared() {
        synchronized (sharedLock) {
            if (sharedSize == 0 && created >= maxFrames) {
                reclaimEnded();
            }
            if (sharedSize > 0) {
                Frame f = shared[--sharedSize];
                shared[sharedSize] = null;
                return f;
            }
            if (created < maxFrames) {
                created++;
                return new Frame(this, frameCapacity);
            }
            return null;
        }
    }

    void put(Frame f) {
        if (f.pool() != this || !f.markFree()) {
            throw new IllegalStateException("frame freed twice or into the wrong pool");
        }
        outstanding.getAndDecrement();
        LocalCache lc = local.get();
        if (lc.size < LOCAL_MAX) {
            lc.frames[lc.size++] = f;
            return;
        }
        synchronized (sharedLock) {
            pushShared(f);
        }
    }

    /** Frames handed out and not yet freed: zero when no frame leaked. */
    public long outstanding() {
        return outstanding.get();
    }

    public int frameCapacity() {
        return frameCapacity;
    }
}
