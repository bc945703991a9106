package org.ifnet.core.lifecycle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The one reference-count algorithm of ifnet (Netty's lesson: write it once; each resource
 * supplies only what happens at zero).
 *
 * <p>Overview. The state is one {@code long} word: the low 32 bits are the count, bit
 * {@link #DYING_BIT} says a destroy has begun. A new object starts at count 1: the registry's
 * own reference, dropped by destroy. So the count can only reach zero after destroy, and
 * {@link #tryRetain} refuses once the DYING bit is set: a dying object never gains a holder,
 * and an object at zero can never be resurrected.
 *
 * <p>Invariants: count >= 0; count == 0 implies DYING. Over-release (dropping below zero) is
 * detected and rolled back, then reported by the caller. All access to the word goes through
 * {@link #WORD}, with volatile (sequentially consistent) semantics, because lookups race with
 * destroy and the DYING check must be ordered with the increment in one CAS.
 */
public abstract class Refcounted {
    private static final long DYING_BIT = 1L << 62;
    private static final long COUNT_MASK = 0xFFFF_FFFFL;
    private static final VarHandle WORD;

    static {
        try {
            WORD = MethodHandles.lookup().findVarHandle(Refcounted.class, "word", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through WORD
    private volatile long word = 1;

    /** Takes a reference unless a destroy has begun. */
    protected final boolean tryRetain() {
        long w = (long) WORD.getVolatile(this);
        while ((w & DYING_BIT) == 0) {
            long witness = (long) WORD.compareAndExchange(this, w, w + 1);
            if (witness == w) {
                return true;
            }
            w = witness;
        }
        return false;
    }

    /**
     * Drops one reference; true when it was the last one.
     *
     * @throws IllegalStateException on over-release (the count is left unchanged)
     */
    protected final boolean releaseOne() {
        long prev = (long) WORD.getAndAdd(this, -1L);
        long count = prev & COUNT_MASK;
        if (count == 0) {
            WORD.getAndAdd(this, 1L);
            throw new IllegalStateException("reference released more often than taken");
        }
        return count == 1;
    }

    /** Sets the DYING bit; true for the one caller that set it. */
    protected final boolean markDying() {
        long w = (long) WORD.getVolatile(this);
        while ((w & DYING_BIT) == 0) {
            long witness = (long) WORD.compareAndExchange(this, w, w | DYING_BIT);
            if (witness == w) {
                return true;
            }
            w = witness;
        }
        return false;
    }

    protected final boolean dyingBit() {
        return ((long) WORD.getVolatile(this) & DYING_BIT) != 0;
    }

    /** The number of references now held, the registry's included while attached. */
    public final int refcount() {
        return (int) ((long) WORD.getVolatile(this) & COUNT_MASK);
    }
}
