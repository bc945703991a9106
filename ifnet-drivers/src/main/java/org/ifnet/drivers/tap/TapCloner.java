package org.ifnet.drivers.tap;

import org.ifnet.core.IfCap;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfType;
import org.ifnet.core.Ifnet;
import org.ifnet.core.MacAddress;
import org.ifnet.core.clone.CloneContext;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.clone.SimpleCloner;

/**
 * The tap cloner (FreeBSD's if_tuntap.c, layer-2 side): {@code tap create} or
 * {@code tapN create} makes an Ethernet interface whose other end is an application
 * ({@link TapDevice#open}). No permanent units. Flags BROADCAST, SIMPLEX and MULTICAST;
 * capabilities LINKSTATE, RXCSUM and RXCSUM_IPV6 with LINKSTATE enabled, as tuncreate() sets.
 */
public final class TapCloner extends SimpleCloner {
    static final int FLAGS = IfFlags.BROADCAST | IfFlags.SIMPLEX | IfFlags.MULTICAST;
    static final int CAPS = IfCap.LINKSTATE | IfCap.RXCSUM | IfCap.RXCSUM_IPV6;
    static final long BAUDRATE = 1_000_000_000L;

    public TapCloner() {
        super("tap", 0, 0x7fff);
    }

    @Override
    public Ifnet create(CloneContext ctx, String name, int unit, CloneParams params) {
        params.requireOnly();
        long seed = ((long) ctx.stack().name().hashCode() << 24) ^ ((long) name.hashCode() << 8) ^ unit;
        IfSpec spec = new IfSpec(name, IfType.ETHER, FLAGS, 1500, MacAddress.generate(seed),
                CAPS, IfCap.LINKSTATE, BAUDRATE, unit);
        return ctx.attach(spec, new TapSoftc());
    }
}
