package org.ifnet.core.clone;

import org.ifnet.core.Ifnet;

/**
 * An interface cloner (FreeBSD's if_clone): a narrow table of driver callbacks. The layer owns
 * naming, units, groups, registration, events and rollback, and calls a cloner with no layer
 * lock held. Two kinds, as in FreeBSD: {@link SimpleCloner} (prefix plus unit) and
 * {@link AdvancedCloner} (the driver matches and parses names itself).
 */
public abstract sealed class Cloner permits SimpleCloner, AdvancedCloner {
    private final String name;
    private final UnitAllocator units;

    protected Cloner(String name, int maxUnit) {
        this.name = name;
        this.units = new UnitAllocator(maxUnit);
    }

    /** The cloner's name, which is also the group its interfaces join. */
    public final String name() {
        return name;
    }

    public final UnitAllocator units() {
        return units;
    }

    /** True when {@code ifname} names an interface this cloner would create. */
    public abstract boolean matches(String ifname);

    /**
     * Destroys a created interface. The default detaches just {@code ifp}; a driver whose
     * create made several interfaces (epair) detaches all of them.
     */
    public void destroy(CloneContext ctx, Ifnet ifp) {
        ctx.detach(ifp);
    }

    /** Null when {@code ifp} may be destroyed, else why not (EINVAL). */
    public String refuseDestroy(Ifnet ifp) {
        return null;
    }

    /** FreeBSD's ifc_name2unit: the unit after {@code prefix}, -1 for none, -2 when malformed. */
    public static int parseUnit(String ifname, String prefix) {
        if (!ifname.startsWith(prefix)) {
            return -2;
        }
        String rest = ifname.substring(prefix.length());
        if (rest.isEmpty()) {
            return -1;
        }
        if (rest.length() > 1 && rest.charAt(0) == '0') {
            return -2;
        }
        int u = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c < '0' || c > '9' || u > 100_000_000) {
                return -2;
            }
            u = u * 10 + (c - '0');
        }
        return u;
    }
}
