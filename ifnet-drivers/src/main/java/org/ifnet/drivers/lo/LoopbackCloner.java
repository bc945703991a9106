package org.ifnet.drivers.lo;

import org.ifnet.core.IfFlags;
import org.ifnet.core.IfType;
import org.ifnet.core.Ifnet;
import org.ifnet.core.MacAddress;
import org.ifnet.core.clone.CloneContext;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.clone.SimpleCloner;

/**
 * The loopback cloner (FreeBSD's if_loop.c): {@code lo0} is created when the cloner is
 * registered and cannot be destroyed; {@code lo create} adds lo1, lo2, ... Frames sent on a
 * loopback come back as its input. Default MTU 16384, flags LOOPBACK and MULTICAST.
 */
public final class LoopbackCloner extends SimpleCloner {
    public static final int LOMTU = 16384;
    public static final int MAX_MTU = 131072;

    public LoopbackCloner() {
        super("lo", 1, 0x7fff);
    }

    @Override
    public Ifnet create(CloneContext ctx, String name, int unit, CloneParams params) {
        params.requireOnly();
        IfSpec spec = new IfSpec(name, IfType.LOOP, IfFlags.LOOPBACK | IfFlags.MULTICAST, LOMTU,
                MacAddress.NONE, 0, 0, 0, unit);
        return ctx.attach(spec, new LoopbackSoftc());
    }
}
