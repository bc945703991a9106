package org.ifnet.core;

import java.util.Arrays;

/**
 * Interface indexes with generations (FreeBSD's ifindex_table plus a generation count per
 * slot). Index 0 is never used. A freed slot's generation is bumped, so a stale
 * (index, generation) pair never reaches the interface that reuses the index (rule 5).
 *
 * <p>Writers hold the stack's structure lock; readers use {@link #get} without locks: the
 * table array is replaced, never mutated in a way a reader could see half-done, because each
 * slot write is a volatile publication of the array reference after the store.
 */
final class IndexTable {
    private volatile Ifnet[] slots = new Ifnet[16];
    private int[] generations = new int[16];   // guarded by the structure lock
    private int lowestFree = 1;                  // hint, guarded by the structure lock

    /** Allocates the lowest free index; returns it, with its new generation in {@code gen[0]}. */
    int alloc(int[] gen) {
        Ifnet[] s = slots;
        int i = lowestFree;
        while (i < s.length && s[i] != null) {
            i++;
        }
        if (i >= s.length) {
            s = Arrays.copyOf(s, s.length * 2);
            generations = Arrays.copyOf(generations, s.length);
            slots = s;
        }
        lowestFree = i + 1;
        gen[0] = ++generations[i];
        return i;
    }

    void publish(int index, Ifnet ifp) {
        Ifnet[] s = slots;
        s[index] = ifp;
        slots = s; // volatile write publishes the slot store
    }

    void free(int index) {
        Ifnet[] s = slots;
        s[index] = null;
        slots = s;
        if (index < lowestFree) {
            lowestFree = index;
        }
    }

    Ifnet get(int index) {
        Ifnet[] s = slots;
        return index > 0 && index < s.length ? s[index] : null;
    }

    /** A snapshot of the attached interfaces in index order. */
    java.util.List<Ifnet> list() {
        Ifnet[] s = slots;
        java.util.List<Ifnet> out = new java.util.ArrayList<>();
        for (Ifnet i : s) {
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }
}
