package org.ifnet.drivers.tap;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.NetStack;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.Epoch;
import org.ifnet.drivers.DataPath;

/**
 * An application's open tap device (FreeBSD's open /dev/tapN): {@link #read} returns the
 * frames sent on the interface, {@link #write} delivers frames as the interface's input.
 * Obtained from {@link TapDevice#open}; close it when done (try-with-resources).
 *
 * <p>Overview. A handle holds no reference to the interface and never touches the driver's
 * softc while idle or reading: reads wait on the handle's own {@link FrameQueue}; writes run
 * inside an epoch section and check that the queue is still open before handing the frame to
 * the interface. Destroying the interface closes the queue, so every later read or write fails
 * with ENXIO and nothing of the interface stays alive for the handle's sake. {@link #close()}
 * reaches the softc through a fresh reference taken by index and generation, so a handle kept
 * across a destroy and re-create of the same name can never close the newer interface's handle.
 */
public final class TapHandle implements AutoCloseable {
    private final Ifnet ifp;
    private final long pid;
    private final FrameQueue queue;
    private final AtomicBoolean closed = new AtomicBoolean();

    TapHandle(Ifnet ifp, long pid, FrameQueue queue) {
        this.ifp = ifp;
        this.pid = pid;
        this.queue = queue;
    }

    /** The interface's current name. */
    public String name() {
        return ifp.name();
    }

    /** The process this handle was opened for ("Opened by PID n"). */
    public long pid() {
        return pid;
    }

    /** Frames waiting to be read (at most {@link #capacity()}). */
    public int pending() {
        return queue.size();
    }

    public int capacity() {
        return queue.capacity();
    }

    /** True until this handle is closed or its interface destroyed. */
    public boolean isOpen() {
        return !closed.get() && queue.closed() == FrameQueue.Closed.OPEN;
    }

    FrameQueue queue() {
        return queue;
    }

    // ---------------------------------------------------------------- reading

    /**
     * The next frame sent on the interface, waiting up to {@code timeout}; null on timeout.
     * The caller owns the frame and must free it. ENXIO once the interface is destroyed.
     */
    public Frame read(long timeout, TimeUnit unit) throws InterruptedException {
        checkNotClosed();
        Frame f = queue.take(timeout, unit);
        if (f == null) {
            checkQueueOpen();
        }
        return f;
    }

    /** The next frame without waiting, or null when none is queued (FreeBSD's O_NONBLOCK read). */
    public Frame poll() {
        checkNotClosed();
        Frame f = queue.poll();
        if (f == null) {
            checkQueueOpen();
        }
        return f;
    }

    /** Copies the next frame (waiting up to {@code timeout}) into {@code dst}; -1 on timeout. */
    public int read(byte[] dst, int off, long timeout, TimeUnit unit) throws InterruptedException {
        Frame f = read(timeout, unit);
        if (f == null) {
            return -1;
        }
        try {
            int n = Math.min(f.length(), dst.length - off);
            System.arraycopy(f.buffer(), f.offset(), dst, off, n);
            return n;
        } finally {
            f.free();
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Delivers a frame the caller owns as the interface's input; the interface owns it
     * afterwards, whatever happens. EINVAL when shorter than an Ethernet header, EMSGSIZE when
     * longer than the MTU allows, ENXIO once the interface is destroyed. False when the
     * interface is down (the frame is dropped and counted, as tunwrite() refuses it).
     */
    public boolean write(Frame f) {
        if (closed.get()) {
            f.free();
            throw closedError();
        }
        int max = ifp.mtu() + Ether.HEADER_LEN + Ether.VLAN_ENCAP_LEN;
        if (f.length() < Ether.HEADER_LEN || f.length() > max) {
            int len = f.length();
            f.free();
            if (len < Ether.HEADER_LEN) {
                throw new IfnetException(Errno.EINVAL, "a " + len + "-byte frame is shorter than an Ethernet header");
            }
            throw new IfnetException(Errno.EMSGSIZE, "a " + len + "-byte frame exceeds " + ifp.name() + "'s " + max + " bytes");
        }
        Epoch epoch = ifp.stack().epoch();
        epoch.enter();
        try {
            if (queue.closed() != FrameQueue.Closed.OPEN) {
                f.free();
                checkQueueOpen();
                throw closedError();
            }
            if (!ifp.isUp()) {
                return DataPath.drop(ifp, IfCounter.IQDROPS, f);
            }
            ifp.input(f);
            return true;
        } finally {
            epoch.exit();
        }
    }

    /**
     * Copies {@code len} bytes into a pool frame and writes it. False when the interface is
     * down or the frame pool is exhausted (counted as an input queue drop).
     */
    public boolean write(byte[] src, int off, int len) {
        checkNotClosed();
        Frame f = ifp.stack().framePool().get();
        if (f == null) {
            ifp.counters().add(IfCounter.IQDROPS, 1);
            return false;
        }
        if (len > f.capacity()) {
            f.free();
            throw new IfnetException(Errno.EMSGSIZE, "a " + len + "-byte frame exceeds the pool's " + f.capacity() + "-byte frames");
        }
        f.put(src, off, len);
        return write(f);
    }

    // ---------------------------------------------------------------- closing

    /**
     * Closes the handle: the interface's link goes down and the frames still queued are freed.
     * Idempotent; a no-op for the interface once it has been destroyed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        NetStack stack = ifp.stack();
        try (IfRef ref = stack.lookup(ifp.index(), ifp.generation())) {
            ((TapSoftc) ref.ifp().softc()).close(this);
        } catch (IfnetException e) {
            // destroyed (ENXIO): the destroy already revoked this handle
        } finally {
            queue.close(FrameQueue.Closed.BY_HANDLE);
        }
    }

    private void checkNotClosed() {
        if (closed.get()) {
            throw closedError();
        }
    }

    private void checkQueueOpen() {
        FrameQueue.Closed why = queue.closed();
        if (why == FrameQueue.Closed.BY_DESTROY) {
            throw new IfnetException(Errno.ENXIO, "tap interface " + ifp.name() + " was destroyed");
        }
        if (why == FrameQueue.Closed.BY_HANDLE) {
            throw closedError();
        }
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("tap handle for " + ifp.name() + " (PID " + pid + ") is closed");
    }

    @Override
    public String toString() {
        return "tap handle " + ifp.name() + " PID " + pid + (isOpen() ? "" : " (closed)");
    }
}
