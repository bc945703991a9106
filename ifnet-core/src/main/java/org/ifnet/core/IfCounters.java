package org.ifnet.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.EnumMap;
import java.util.Map;

/**
 * The counters of one interface. Updated from any thread on the data path without locks and
 * without allocation: each slot is a long updated with an atomic add through {@link #SLOT}.
 * Readers get a snapshot that is per-counter consistent (as FreeBSD's counter(9) gives).
 */
public final class IfCounters {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] slots = new long[IfCounter.ALL.length];

    /** Adds {@code delta} to one counter. */
    public void add(IfCounter c, long delta) {
        SLOT.getAndAdd(slots, c.ordinal(), delta);
    }

    /** Adds one to a packet counter and {@code bytes} to its byte counter. */
    public void addPacket(IfCounter packets, IfCounter byteCounter, int bytes) {
        SLOT.getAndAdd(slots, packets.ordinal(), 1L);
        SLOT.getAndAdd(slots, byteCounter.ordinal(), (long) bytes);
    }

    public long get(IfCounter c) {
        return (long) SLOT.getVolatile(slots, c.ordinal());
    }

    public Map<IfCounter, Long> snapshot() {
        Map<IfCounter, Long> m = new EnumMap<>(IfCounter.class);
        for (IfCounter c : IfCounter.ALL) {
            m.put(c, get(c));
        }
        return m;
    }
}
