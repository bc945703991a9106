package org.ifnet.drivers.vlan;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfListener;
import org.ifnet.core.IfRef;
import org.ifnet.core.IfType;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;
import org.ifnet.core.NetStack;
import org.ifnet.core.TagDemux;
import org.ifnet.core.clone.AdvancedCloner;
import org.ifnet.core.clone.CloneContext;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.clone.Cloner;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * The vlan cloner (FreeBSD's if_vlan.c). Names: {@code vlan}, {@code vlanN}, or
 * {@code <parent>.<vid>} for an existing parent, which attaches the new vlan to that parent with
 * that id (no unit number). Create parameters {@code vlandev} (the parent) and {@code vlan} (the
 * id, 1..4094) come together or not at all; an unknown vlandev is ENXIO, as in
 * vlan_clone_create(). Without a parent a vlan exists unattached until {@link VlanRequest.SetVlan}.
 *
 * <p>Overview. One cloner serves one stack: it listens to that stack's events to follow its
 * parents. A parent's departure detaches every vlan on it (each drops its reference, loses
 * RUNNING, and its link goes down; the vlan itself stays); a parent's link change is copied to
 * its vlans. {@link #configLock} (FreeBSD's VLAN_XLOCK) serialises changes to trunks and to
 * vlan links; it is a leaf lock, taken after a vlan's softc lock and never held while calling
 * out. Events reach vlans through a fresh reference by index and generation, so a vlan being
 * destroyed is never touched by them.
 */
public final class VlanCloner extends AdvancedCloner {
    /** Driver fail point: a vlan transmit has read its parent, inside its epoch section. Argument: the vlan. */
    public static final String FP_TRANSMIT = "vlan.transmit";
    /** Driver fail point: create attached the vlan and is about to configure its parent. Argument: the vlan. */
    public static final String FP_CREATE_ATTACHED = "vlan.create.attached";
    static final int FLAGS = IfFlags.BROADCAST | IfFlags.MULTICAST;

    private final NetStack stack;
    private final ReentrantLock configLock = new ReentrantLock();

    /** A vlan cloner for {@code stack}; register it there ({@code stack.registerCloner}). */
    public VlanCloner(NetStack stack) {
        super("vlan", 0x7fff);
        this.stack = stack;
        stack.addListener(new ParentEvents());
    }

    // ---------------------------------------------------------------- names

    /** vlan_clone_match(): {@code <existing parent>.<digits>}, or "vlan" plus an optional unit. */
    @Override
    public boolean matches(String ifname) {
        if (Cloner.parseUnit(ifname, "vlan") >= -1) {
            return true;
        }
        int dot = ifname.lastIndexOf('.');
        if (dot <= 0 || parseVid(ifname.substring(dot + 1)) < 0) {
            return false;
        }
        IfRef parent = stack.find(ifname.substring(0, dot));
        if (parent == null) {
            return false;
        }
        parent.close();
        return true;
    }

    /** The VLAN id in a name's suffix (digits only, at most 9 of them), or -1. */
    static int parseVid(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    // ---------------------------------------------------------------- create and destroy

    @Override
    public Ifnet create(CloneContext ctx, String name, CloneParams params) {
        if (ctx.stack() != stack) {
            throw new IllegalStateException("this vlan cloner serves stack " + stack.name() + ", not " + ctx.stack().name());
        }
        params.requireOnly("vlandev", "vlan");
        String dev = params.get("vlandev");
        if ((dev == null) != (params.get("vlan") == null)) {
            throw new IfnetException(Errno.EINVAL, "vlan and vlandev must be given together");
        }
        int vid = params.intValue("vlan", -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        IfRef parent = null;
        try {
            if (dev != null) {
                parent = stack.find(dev);
                if (parent == null) {
                    throw new IfnetException(Errno.ENXIO, "parent interface " + dev + " does not exist");
                }
            }
            String ifname;
            int unit;
            int wanted = Cloner.parseUnit(name, "vlan");
            if (wanted >= -1) {
                unit = ctx.allocUnit(wanted);
                ifname = "vlan" + unit;
            } else {
                int dot = name.lastIndexOf('.');
                int nameVid = dot > 0 ? parseVid(name.substring(dot + 1)) : -1;
                IfRef named = nameVid < 0 ? null : stack.find(name.substring(0, dot));
                if (named == null) {
                    throw new IfnetException(Errno.ENXIO, "no parent interface for " + name);
                }
                if (parent != null) {
                    boolean same = parent.ifp() == named.ifp();
                    named.close();
                    if (!same) {
                        throw new IfnetException(Errno.EINVAL, "vlandev " + dev + " contradicts the name " + name);
                    }
                } else {
                    parent = named;
                }
                if (vid >= 0 && vid != nameVid) {
                    throw new IfnetException(Errno.EINVAL, "vlan " + vid + " contradicts the name " + name);
                }
                vid = nameVid;
                unit = -1;
                ifname = name;
            }
            VlanSoftc sc = new VlanSoftc(this);
            IfSpec spec = new IfSpec(ifname, IfType.L2VLAN, FLAGS, VlanSoftc.ETHERMTU, 0L, 0, 0, 0, unit);
            Ifnet ifp = ctx.attach(spec, sc);
            stack.failPoints().hit(FP_CREATE_ATTACHED, ifp);
            if (parent != null) {
                // findable from here on, so possibly destroyed already: configure it holding a
                // reference taken by index and generation (ENXIO, and a rollback, if it is gone)
                try (IfRef self = stack.lookup(ifp.index(), ifp.generation())) {
                    IfRef handedOver = parent;
                    parent = null;
                    sc.attach(handedOver, vid);
                }
            }
            return ifp;
        } finally {
            if (parent != null) {
                parent.close();
            }
        }
    }

    /** vlan_clone_destroy(): EBUSY while other vlans are stacked on this one. */
    @Override
    public String refuseDestroy(Ifnet ifp) {
        if (trunkOf(ifp) != null) {
            throw new IfnetException(Errno.EBUSY, ifp.name() + " is the parent of other vlans; destroy them first");
        }
        return null;
    }

    // ---------------------------------------------------------------- trunks (configLock)

    void lockConfig() {
        configLock.lock();
    }

    void unlockConfig() {
        configLock.unlock();
    }

    /** The trunk this cloner installed on {@code parent}, or null. */
    VlanTrunk trunkOf(Ifnet parent) {
        TagDemux d = parent.tagDemux();
        return d instanceof VlanTrunk && ((VlanTrunk) d).owner == this ? (VlanTrunk) d : null;
    }

    /** The parent's trunk, installed now if it has none; EBUSY when another demux owns its tags. */
    VlanTrunk trunkFor(Ifnet parent) {
        VlanTrunk t = trunkOf(parent);
        if (t != null) {
            return t;
        }
        t = new VlanTrunk(this, parent);
        if (!parent.setTagDemux(t)) {
            throw new IfnetException(Errno.EBUSY, parent.name() + "'s tagged input is already taken by another vlan driver");
        }
        return t;
    }

    /** Uninstalls an empty trunk (trunk_destroy()). */
    void dropTrunkIfEmpty(VlanTrunk t) {
        if (t.isEmpty()) {
            t.parent.clearTagDemux(t);
        }
    }

    // ---------------------------------------------------------------- parent events

    /** Follows parents: departure detaches their vlans (vlan_ifdetach), link changes propagate. */
    private final class ParentEvents implements IfListener {
        @Override
        public void departure(Ifnet ifp) {
            List<Ifnet> vlans;
            lockConfig(); // orders this read after any configuration that saw the parent attached
            try {
                VlanTrunk t = trunkOf(ifp);
                vlans = t == null ? List.of() : t.members();
            } finally {
                unlockConfig();
            }
            for (Ifnet v : vlans) {
                withVlan(v, sc -> sc.parentDeparting(ifp));
            }
        }

        @Override
        public void linkStateChanged(Ifnet ifp, LinkState state) {
            VlanTrunk t = trunkOf(ifp);
            if (t != null) {
                for (Ifnet v : t.members()) {
                    withVlan(v, VlanSoftc::syncLink);
                }
            }
        }

        /** Runs {@code action} holding a reference to {@code v}; skips a vlan being destroyed. */
        private void withVlan(Ifnet v, Consumer<VlanSoftc> action) {
            IfRef ref;
            try {
                ref = stack.lookup(v.index(), v.generation());
            } catch (IfnetException e) {
                return;
            }
            try (ref) {
                action.accept((VlanSoftc) ref.ifp().softc());
            }
        }
    }
}
