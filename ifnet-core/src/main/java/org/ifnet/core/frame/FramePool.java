package org.ifnet.core.frame;

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
 */
public final class FramePool {
    private static final int LOCAL_MAX = 256;

    private static final class LocalCache {
        final Frame[] frames = new Frame[LOCAL_MAX];
        int size;
    }

    private final int frameCapacity;
    private final int maxFrames;
    private final ThreadLocal<LocalCache> local = ThreadLocal.withInitial(LocalCache::new);
    private final Object sharedLock = new Object();
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

    private Frame takeShared() {
        synchronized (sharedLock) {
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
            if (sharedSize == shared.length) {
                shared = java.util.Arrays.copyOf(shared, shared.length * 2);
            }
            shared[sharedSize++] = f;
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
