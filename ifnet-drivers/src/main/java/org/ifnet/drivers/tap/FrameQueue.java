package org.ifnet.drivers.tap;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.ifnet.core.frame.Frame;

/**
 * The bounded queue between a tap interface and the application that has it open (FreeBSD's
 * if_snd queue of a tap, read by tapread()). The interface's transmit path offers frames
 * without blocking; the application takes them, waiting up to a timeout.
 *
 * <p>Overview. A ring of {@code capacity} slots guarded by one lock; {@code notEmpty} wakes a
 * waiting reader. Closing is one-way: a closed queue frees the frames it still holds, refuses
 * new ones and wakes every reader. The queue is its own object, never part of the softc, so a
 * reader blocked on it touches no driver state and cannot see released memory; the reason it
 * was closed tells the reader whether the interface went away or its own handle was closed.
 * Nothing here allocates except a waiting reader's condition node.
 */
final class FrameQueue {
    /** Why a queue no longer carries frames. */
    enum Closed { OPEN, BY_HANDLE, BY_DESTROY }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Frame[] ring;                  // guarded by lock
    private int head;                            // guarded by lock: index of the oldest frame
    private int size;                            // guarded by lock
    private volatile Closed closed = Closed.OPEN; // written under lock, read anywhere

    FrameQueue(int capacity) {
        ring = new Frame[capacity];
    }

    /** Queues a frame the caller owns; false (the caller keeps it) when full or closed. */
    boolean offer(Frame f) {
        lock.lock();
        try {
            if (closed != Closed.OPEN || size == ring.length) {
                return false;
            }
            ring[(head + size) % ring.length] = f;
            size++;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest frame, now owned by the caller, or null when none is queued. */
    Frame poll() {
        lock.lock();
        try {
            return size == 0 ? null : removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #poll()}, waiting up to {@code timeout}; null on timeout or once closed. */
    Frame take(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (size == 0) {
                if (closed != Closed.OPEN || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    private Frame removeFirst() {
        Frame f = ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
        return f;
    }

    /** Closes the queue once (later calls keep the first reason), freeing what it holds. */
    void close(Closed why) {
        lock.lock();
        try {
            if (closed != Closed.OPEN) {
                return;
            }
            closed = why;
            while (size > 0) {
                removeFirst().free();
            }
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    Closed closed() {
        return closed;
    }

    int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    int capacity() {
        return ring.length;
    }
}
