package org.ifnet.drivers.epair;

import org.ifnet.core.IfCap;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfRef;
import org.ifnet.core.IfType;
import org.ifnet.core.Ifnet;
import org.ifnet.core.MacAddress;
import org.ifnet.core.NetStack;
import org.ifnet.core.clone.AdvancedCloner;
import org.ifnet.core.clone.CloneContext;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.clone.Cloner;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * The epair cloner (FreeBSD's if_epair.c): {@code epair create} or {@code epairN create}
 * makes the pair epairNa and epairNb, two Ethernet ends of one virtual cable. Destroying
 * either end destroys both. Only "epair" plus digits matches, as epair_clone_match() has it.
 */
public final class EpairCloner extends AdvancedCloner {
    /** Driver fail point: create attached both ends and is about to pair them. Argument: end a. */
    public static final String FP_ATTACHED = "epair.create.attached";
    static final int FLAGS = IfFlags.BROADCAST | IfFlags.SIMPLEX | IfFlags.MULTICAST;
    static final long BAUDRATE = 10_000_000_000L;
    /** FreeBSD's IF_MAXUNIT, the default highest unit. */
    public static final int IF_MAXUNIT = 0x7fff;

    public EpairCloner() {
        this(IF_MAXUNIT);
    }

    /**
     * A cloner whose highest unit is {@code maxUnit} instead of IF_MAXUNIT: for a stack that
     * must hold more than 32,768 pairs (the heap benchmark holds 500,000).
     */
    public EpairCloner(int maxUnit) {
        super("epair", maxUnit);
    }

    @Override
    public boolean matches(String ifname) {
        return Cloner.parseUnit(ifname, "epair") >= -1;
    }

    @Override
    public Ifnet create(CloneContext ctx, String name, CloneParams params) {
        params.requireOnly();
        int wanted = Cloner.parseUnit(name, "epair");
        if (wanted < -1) {
            throw new IfnetException(Errno.EINVAL, "bad epair name " + name);
        }
        int unit = ctx.allocUnit(wanted);
        long seed = ((long) ctx.stack().name().hashCode() << 20) ^ unit;
        long macA = (MacAddress.generate(seed) & ~0xffL) | 0x0a;
        long macB = (macA & ~0xffL) | 0x0b;
        EpairSoftc a = new EpairSoftc();
        EpairSoftc b = new EpairSoftc();
        Ifnet ia = ctx.attach(spec("epair" + unit + "a", macA, unit), a);
        Ifnet ib = ctx.attach(spec("epair" + unit + "b", macB, -1), b);
        // Both ends are findable from here on and may be destroyed at any moment: pair them
        // holding references (rule 1), taken by index and generation so that an end already
        // gone is never touched. A failed pairing (ENXIO) rolls the whole create back.
        NetStack stack = ctx.stack();
        stack.failPoints().hit(FP_ATTACHED, ia);
        try (IfRef ra = stack.lookup(ia.index(), ia.generation());
             IfRef rb = stack.lookup(ib.index(), ib.generation())) {
            a.pairWith(ib);
            b.pairWith(ia);
        }
        return ia;
    }

    private static IfSpec spec(String name, long mac, int unit) {
        return new IfSpec(name, IfType.ETHER, FLAGS, 1500, mac, IfCap.VLAN_MTU, IfCap.VLAN_MTU, BAUDRATE, unit);
    }

    @Override
    public void destroy(CloneContext ctx, Ifnet ifp) {
        Ifnet peer = ((EpairSoftc) ifp.softc()).peerForDestroy();
        ctx.detach(ifp);
        if (peer != null) {
            ctx.detach(peer);
        }
    }
}
