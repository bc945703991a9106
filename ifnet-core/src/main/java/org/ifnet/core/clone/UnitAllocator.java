package org.ifnet.core.clone;

import java.util.BitSet;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * Unit numbers of one cloner (FreeBSD's unr(9) as if_clone uses it): the lowest free unit, or
 * a specific one. EEXIST when the unit is taken, ENOSPC past {@code maxUnit}.
 *
 * <p>Thread-safe; one monitor guards the bitmap. {@code lowestFree} is a hint no greater than
 * the lowest clear bit, so sequential allocation stays O(1) with a million units.
 */
public final class UnitAllocator {
    private final int maxUnit;
    private final BitSet used = new BitSet();
    private int lowestFree;

    public UnitAllocator(int maxUnit) {
        this.maxUnit = maxUnit;
    }

    /** Allocates {@code wanted}, or the lowest free unit when {@code wanted} is negative. */
    public synchronized int alloc(int wanted) {
        if (wanted < 0) {
            int u = used.nextClearBit(lowestFree);
            if (u > maxUnit) {
                throw new IfnetException(Errno.ENOSPC, "no free unit (maximum " + maxUnit + ")");
            }
            used.set(u);
            lowestFree = u + 1;
            return u;
        }
        if (wanted > maxUnit) {
            throw new IfnetException(Errno.ENOSPC, "unit " + wanted + " is above the maximum " + maxUnit);
        }
        if (used.get(wanted)) {
            throw new IfnetException(Errno.EEXIST, "unit " + wanted + " is in use");
        }
        used.set(wanted);
        if (wanted == lowestFree) {
            lowestFree = wanted + 1;
        }
        return wanted;
    }

    public synchronized void free(int unit) {
        if (!used.get(unit)) {
            throw new IllegalStateException("unit " + unit + " freed twice");
        }
        used.clear(unit);
        if (unit < lowestFree) {
            lowestFree = unit;
        }
    }

    public synchronized boolean inUse(int unit) {
        return used.get(unit);
    }

    public int maxUnit() {
        return maxUnit;
    }
}
