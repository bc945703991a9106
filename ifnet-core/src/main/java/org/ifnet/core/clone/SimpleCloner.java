package org.ifnet.core.clone;

import org.ifnet.core.Ifnet;

/**
 * A cloner whose names are a prefix plus a unit ("lo0", "tap3"), with a minimum number of
 * units created at registration that cannot be destroyed (FreeBSD's ifcs_minifs: lo0).
 */
public abstract non-sealed class SimpleCloner extends Cloner {
    private final int minUnits;

    protected SimpleCloner(String prefix, int minUnits, int maxUnit) {
        super(prefix, maxUnit);
        this.minUnits = minUnits;
    }

    public final int minUnits() {
        return minUnits;
    }

    @Override
    public boolean matches(String ifname) {
        return parseUnit(ifname, name()) >= -1;
    }

    /**
     * Creates unit {@code unit} named {@code name} (the unit is already allocated and passes
     * to the interface through {@link IfSpec#unit()}).
     */
    public abstract Ifnet create(CloneContext ctx, String name, int unit, CloneParams params);

    @Override
    public String refuseDestroy(Ifnet ifp) {
        if (ifp.unit() >= 0 && ifp.unit() < minUnits) {
            return ifp.name() + " is one of the " + minUnits + " permanent " + name() + " interface(s)";
        }
        return null;
    }
}
