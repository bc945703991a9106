package org.ifnet.drivers.lagg;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfType;
import org.ifnet.core.Ifnet;
import org.ifnet.core.NetStack;
import org.ifnet.core.clone.CloneContext;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.clone.SimpleCloner;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * The lagg cloner (FreeBSD's if_lagg.c lagg_clone_create): {@code lagg create} takes the
 * lowest free unit, {@code laggN create} unit N. A new lagg is an Ethernet interface
 * (IFT_ETHER, as in FreeBSD, so that it is printed and bridged like one) with flags
 * BROADCAST, SIMPLEX and MULTICAST, MTU 1500, link-level address 00:00:00:00:00:00 until its
 * first port, protocol failover, hash l2,l3,l4, use_flowid and flowid_shift 16.
 * The only create parameter is {@code laggtype=ethernet} (FreeBSD also has infiniband).
 *
 * <p>The first lagg created on a stack installs {@link LaggEvents} there, the one listener
 * that removes departing members from their laggs and follows their links.
 */
public final class LaggCloner extends SimpleCloner {
    public static final int FLAGS = IfFlags.BROADCAST | IfFlags.SIMPLEX | IfFlags.MULTICAST;
    public static final int DEFAULT_MTU = 1500;

    private final Set<NetStack> listening = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    public LaggCloner() {
        super("lagg", 0, 0x7fff);
    }

    @Override
    public Ifnet create(CloneContext ctx, String name, int unit, CloneParams params) {
        params.requireOnly("laggtype");
        String type = params.get("laggtype");
        if (type != null && !type.equals("ethernet")) {
            throw new IfnetException(Errno.EINVAL, "laggtype " + type + " is not supported (only ethernet)");
        }
        NetStack stack = ctx.stack();
        if (listening.add(stack)) {
            stack.addListener(LaggEvents.INSTANCE);
        }
        IfSpec spec = new IfSpec(name, IfType.ETHER, FLAGS, DEFAULT_MTU, 0L, 0, 0, 0, unit);
        return ctx.attach(spec, new LaggSoftc(stack));
    }
}
