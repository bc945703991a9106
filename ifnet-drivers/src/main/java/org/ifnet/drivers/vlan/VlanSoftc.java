package org.ifnet.drivers.vlan;

import java.util.List;
import org.ifnet.core.IfCap;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;
import org.ifnet.core.MacAddress;
import org.ifnet.core.NetStack;
import org.ifnet.core.Softc;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.core.lifecycle.Epoch;
import org.ifnet.core.lifecycle.IfState;
import org.ifnet.drivers.DataPath;
import org.ifnet.drivers.LinkSync;

/**
 * One vlan interface (FreeBSD's struct ifvlan): an 802.1Q VLAN on a parent interface.
 *
 * <p>Overview. The attachment to a parent is one immutable {@link Link} (parent, the vlan's
 * own reference to it, the parent's {@link VlanTrunk}, VLAN id, MTU fudge) published through
 * the volatile {@link #link}; null means unattached. Transmit reads it once inside an epoch
 * section, tags the frame and sends it on the parent; input arrives through the trunk.
 * Detaching from the parent (by -vlandev, by this vlan's destroy, or by the parent's departure)
 * unpublishes the link and removes the vlan from the trunk first and only then closes the
 * reference to the parent, so the parent's softc can be released only after a grace period
 * that covers every transmit that might still hold the old link.
 *
 * <p>Locking: {@code link} is written holding this softc's lock and then the cloner's
 * configuration lock (always in that order; the configuration lock is a leaf: nothing that
 * holds it takes another lock or calls out). Requests read it under the softc lock; the data
 * path and link-state propagation read it without locks. No lock is held while calling the
 * parent's driver, closing a reference, or changing a link state (listeners run then).
 */
final class VlanSoftc extends Softc {
    static final int ETHERMTU = 1500;
    static final int MIN_VID = 1;
    static final int MAX_VID = 4094;
    private static final int UP_AND_RUNNING = IfFlags.UP | IfFlags.RUNNING;
    private static final int PARENT_FLAGS = IfFlags.BROADCAST | IfFlags.MULTICAST;
    /** Bound on a chain of stacked vlans walked when looking for a loop. */
    private static final int MAX_STACK_DEPTH = 64;

    /** One attachment to a parent; immutable. */
    static final class Link {
        final Ifnet parent;
        final IfRef ref;          // this vlan's reference to the parent, closed once unlinked
        final VlanTrunk trunk;
        final int vid;
        final int mtuFudge;       // 4 unless the parent enables VLAN_MTU (ifv_mtufudge)

        Link(Ifnet parent, IfRef ref, VlanTrunk trunk, int vid, int mtuFudge) {
            this.parent = parent;
            this.ref = ref;
            this.trunk = trunk;
            this.vid = vid;
            this.mtuFudge = mtuFudge;
        }
    }

    private final VlanCloner cloner;
    private volatile Link link;   // see Locking above

    VlanSoftc(VlanCloner cloner) {
        this.cloner = cloner;
    }

    // ---------------------------------------------------------------- requests

    @Override
    @SuppressWarnings("unchecked")
    protected <R> R ioctl(IfRequest<R> req) {
        if (req instanceof VlanRequest.SetVlan) {
            return (R) setVlan((VlanRequest.SetVlan) req);
        }
        if (req instanceof GenericRequest.GetMedia) {
            return (R) parentMedia();
        }
        lockAttached();
        try {
            Link l = link;
            if (req instanceof VlanRequest.GetVlan) {
                return (R) (l == null ? VlanReply.NONE : new VlanReply(l.parent.name(), l.vid, VlanReply.ETHERTYPE_VLAN));
            }
            if (req instanceof GenericRequest.SetMedia) {
                throw new IfnetException(Errno.EINVAL, ifp().name() + ": a vlan's media is its parent's");
            }
            if (req instanceof GenericRequest.SetMtu) {
                checkMtu(l, ((GenericRequest.SetMtu) req).mtu());
                return (R) Ack.OK;
            }
            if (req instanceof GenericRequest.SetFlags) {
                return (R) Ack.OK;
            }
            return super.ioctl(req);
        } finally {
            unlock();
        }
    }

    /** SIOCSIFMTU: only with a parent, and no more than the parent's MTU less the fudge. */
    private void checkMtu(Link l, int mtu) {
        if (l == null) {
            throw new IfnetException(Errno.EINVAL, ifp().name() + " has no parent interface, so no MTU can be set");
        }
        int max = l.parent.mtu() - l.mtuFudge;
        if (mtu > max) {
            throw new IfnetException(Errno.EINVAL, "mtu " + mtu + " exceeds " + max + ", what parent "
                    + l.parent.name() + " (mtu " + l.parent.mtu() + ") can carry with an 802.1Q tag");
        }
    }

    /** SIOCGIFMEDIA: the parent's answer, limited to its current word; EINVAL without a parent. */
    private MediaReply parentMedia() {
        IfRef pref;
        lockAttached();
        try {
            Link l = link;
            if (l == null) {
                throw new IfnetException(Errno.EINVAL, ifp().name() + " has no parent interface");
            }
            pref = ifp().stack().ref(l.ref);
        } finally {
            unlock();
        }
        try (pref) {
            MediaReply m = pref.ioctl(new GenericRequest.GetMedia());
            return new MediaReply(m.current(), m.active(), m.status(), List.of(m.current()));
        }
    }

    private Ack setVlan(VlanRequest.SetVlan req) {
        if (req.parent().isEmpty()) {
            IfRef dropped;
            lockAttached();
            try {
                dropped = unlinkLocked();
            } finally {
                unlock();
            }
            afterUnlink(dropped);
            return Ack.OK;
        }
        IfRef pref = ifp().stack().find(req.parent());
        if (pref == null) {
            throw new IfnetException(Errno.ENOENT, "parent interface " + req.parent() + " does not exist");
        }
        attach(pref, req.tag());
        return Ack.OK;
    }

    // ---------------------------------------------------------------- attach and detach

    /**
     * Attaches to the parent {@code pref} refers to, with id {@code vid} (vlan_config()).
     * Takes over {@code pref}: kept while attached, closed here if the attach fails.
     */
    void attach(IfRef pref, int vid) {
        boolean kept = false;
        try {
            lockAttached();
            try {
                linkLocked(pref, vid);
                kept = true;
            } finally {
                unlock();
            }
        } finally {
            if (!kept) {
                pref.close();
            }
        }
        syncLink();
    }

    /** Checks in vlan_config()'s order, then publishes the link; all or nothing. Lock held. */
    private void linkLocked(IfRef pref, int vid) {
        Ifnet p = pref.ifp();
        Ifnet self = ifp();
        if (!p.type().isEthernetLike() && (p.capenable() & IfCap.VLAN_HWTAGGING) == 0) {
            throw new IfnetException(Errno.EPROTONOSUPPORT, p.name() + " is not an Ethernet interface and cannot carry vlans");
        }
        if ((p.flags() & PARENT_FLAGS) != PARENT_FLAGS) {
            throw new IfnetException(Errno.EPROTONOSUPPORT, p.name() + " lacks BROADCAST and MULTICAST and cannot carry vlans");
        }
        if (vid < MIN_VID || vid > MAX_VID) {
            throw new IfnetException(Errno.EINVAL, "vlan tag " + vid + " is outside " + MIN_VID + ".." + MAX_VID);
        }
        cloner.lockConfig();
        try {
            Link cur = link;
            if (cur != null) {
                throw new IfnetException(Errno.EBUSY, self.name() + " is already attached to " + cur.parent.name()
                        + " with tag " + cur.vid + "; detach it first (-vlandev)");
            }
            if (stackedOn(p, self)) {
                throw new IfnetException(Errno.EINVAL, p.name() + " is " + self.name() + " or is stacked on it");
            }
            if (p.state() != IfState.ATTACHED) {
                throw new IfnetException(Errno.ENOENT, "parent interface " + p.name() + " is being destroyed");
            }
            VlanTrunk t = cloner.trunkFor(p);
            if (!t.add(vid, self)) {
                cloner.dropTrunkIfEmpty(t);
                throw new IfnetException(Errno.EEXIST, p.name() + " already carries a vlan with tag " + vid);
            }
            int fudge = (p.capenable() & IfCap.VLAN_MTU) != 0 ? 0 : Ether.VLAN_ENCAP_LEN;
            link = new Link(p, pref, t, vid, fudge);
            self.setMtu(p.mtu() - fudge);
            self.setBaudrate(p.baudrate());
            if (p.lladdr() != MacAddress.NONE) {
                self.setLladdr(p.lladdr());
            }
            int simplex = p.flags() & IfFlags.SIMPLEX;
            self.setDriverFlags(IfFlags.RUNNING | simplex, IfFlags.SIMPLEX & ~simplex);
        } finally {
            cloner.unlockConfig();
        }
    }

    /** True when {@code p} is {@code self} or a vlan whose parent chain reaches it. Config lock held. */
    private static boolean stackedOn(Ifnet p, Ifnet self) {
        Ifnet cur = p;
        for (int depth = 0; cur != null && depth < MAX_STACK_DEPTH; depth++) {
            if (cur == self) {
                return true;
            }
            Softc sc = cur.softc();
            if (!(sc instanceof VlanSoftc)) {
                return false;
            }
            Link l = ((VlanSoftc) sc).link;
            cur = l == null ? null : l.parent;
        }
        return cur != null;
    }

    /**
     * Unpublishes the link (vlan_unconfig_locked()): out of the trunk, RUNNING off, MTU back to
     * ETHERMTU. Returns the parent reference for the caller to close after unlocking, or null
     * when there was no parent. Softc lock held.
     */
    private IfRef unlinkLocked() {
        Link l;
        cloner.lockConfig();
        try {
            l = link;
            if (l == null) {
                return null;
            }
            l.trunk.remove(l.vid, ifp());
            cloner.dropTrunkIfEmpty(l.trunk);
            link = null;
        } finally {
            cloner.unlockConfig();
        }
        Ifnet self = ifp();
        self.setDriverFlags(0, IfFlags.RUNNING);
        self.setMtu(ETHERMTU);
        return l.ref;
    }

    /** Drops the parent reference and lets the link go down; no lock held. */
    private void afterUnlink(IfRef dropped) {
        if (dropped != null) {
            dropped.close();
            syncLink();
        }
    }

    /**
     * The parent {@code parent} is going away (its departure event): let go of it unless this
     * vlan has already moved on or is itself being destroyed (its own detach unlinks it then).
     * The caller holds a reference to this vlan.
     */
    void parentDeparting(Ifnet parent) {
        IfRef dropped;
        try {
            lockAttached();
        } catch (IfnetException e) {
            return;
        }
        try {
            Link l = link;
            if (l == null || l.parent != parent) {
                return;
            }
            dropped = unlinkLocked();
        } finally {
            unlock();
        }
        afterUnlink(dropped);
    }

    /** Copies the parent's link state and speed (vlan_link_state()); down without a parent. */
    void syncLink() {
        Link l = link;
        if (l != null) {
            ifp().setBaudrate(l.parent.baudrate());
        }
        LinkSync.converge(ifp(), this::desiredLink);
    }

    private LinkState desiredLink() {
        Link l = link;
        return l == null ? LinkState.DOWN : l.parent.linkState();
    }

    // ---------------------------------------------------------------- data path

    /**
     * vlan_transmit(): tags the frame (out of band when the parent enables VLAN_HWTAGGING, else
     * in the bytes) and sends it on the parent. No parent, or either side not UP and RUNNING:
     * an output error. Inside an epoch section, so the parent read here stays valid.
     */
    @Override
    protected boolean transmit(Frame f) {
        checkLive();
        Ifnet self = ifp();
        NetStack stack = self.stack();
        Epoch epoch = stack.epoch();
        epoch.enter();
        try {
            Link l = link;
            stack.failPoints().hit(VlanCloner.FP_TRANSMIT, self);
            f.clearVlanTag();
            boolean hw = l != null && (l.parent.capenable() & IfCap.VLAN_HWTAGGING) != 0;
            if (l == null || (self.flags() & UP_AND_RUNNING) != UP_AND_RUNNING
                    || (l.parent.flags() & UP_AND_RUNNING) != UP_AND_RUNNING
                    || (!hw && f.offset() < Ether.VLAN_ENCAP_LEN)) {
                return DataPath.drop(self, IfCounter.OERRORS, f);
            }
            int len = f.length();
            boolean mcast = Ether.isMulticast(Ether.dst(f));
            if (hw) {
                f.setVlanTag(l.vid);
            } else {
                Ether.vlanEncap(f, l.vid);
            }
            if (!l.parent.transmit(f)) {
                self.counters().add(IfCounter.OERRORS, 1);
                return false;
            }
            DataPath.countOutput(self, len, mcast);
            return true;
        } finally {
            epoch.exit();
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Detaches from the parent; the softc stays valid (and unattached) until the release hook. */
    @Override
    protected void onDetach() {
        IfRef dropped;
        lock();
        try {
            dropped = unlinkLocked();
        } finally {
            unlock();
        }
        if (dropped != null) {
            dropped.close();
        }
        ifp().setLinkState(LinkState.DOWN);
    }

    @Override
    protected void onRelease() {
        lock();
        try {
            link = null;
        } finally {
            unlock();
        }
    }
}
