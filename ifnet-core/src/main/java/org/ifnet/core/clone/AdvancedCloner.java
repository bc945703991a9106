package org.ifnet.core.clone;

import org.ifnet.core.Ifnet;

/**
 * A cloner that matches and parses names itself (vlan's {@code <parent>.<vid>}, epair's a/b
 * pair) and allocates its own units through the context.
 */
public abstract non-sealed class AdvancedCloner extends Cloner {
    protected AdvancedCloner(String name, int maxUnit) {
        super(name, maxUnit);
    }

    /** Creates the interface(s) for {@code name}; returns the one whose name is reported. */
    public abstract Ifnet create(CloneContext ctx, String name, CloneParams params);
}
