package org.ifnet.drivers.lagg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfRef;
import org.ifnet.core.IfType;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;
import org.ifnet.core.NetStack;
import org.ifnet.core.PortOwner;
import org.ifnet.core.Softc;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.Epoch;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.IfState;
import org.ifnet.core.media.IfMedia;
import org.ifnet.core.media.MediaWord;
import org.ifnet.drivers.DataPath;
import org.ifnet.drivers.lagg.hash.FlowHash;
import org.ifnet.drivers.lagg.proto.Distribution;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.ifnet.drivers.lagg.proto.Proto;
import org.ifnet.drivers.lagg.proto.ProtoParams;
import org.ifnet.drivers.lagg.proto.RoundRobinProto;

/**
 * One lagg (FreeBSD's struct lagg_softc and the code of if_lagg.c that uses it): its ports,
 * protocol and settings, its requests, and its data path.
 *
 * <p>Overview. Two views of the same configuration:
 * <ul>
 * <li>The configuration proper ({@link #ports}, {@link #primary}, {@link #proto},
 * {@link #params}, {@link #media}) is guarded by the softc lock and changed only by requests
 * and by a member's departure. Every change ends by publishing a new {@link Distribution}.</li>
 * <li>{@link #dist}, the data path's immutable snapshot, is read without locks inside an epoch
 * section by {@link #transmit} and {@link #portInput}. It is replaced by compare-and-set only,
 * both by configuration changes (under the lock) and by link changes (without it), and every
 * replacement is computed from the members' live state after it was read, so the last
 * replacement always reflects the latest link change.</li>
 * </ul>
 * A removed port leaves the snapshot first; its member reference is dropped only after an
 * epoch grace period begun after that, so a frame in flight never reaches a released member.
 *
 * <p>Locking and order: the softc lock is taken before a member's driver lock (lagg calls its
 * members' drivers under its lock) and never the other way round: link-state events, which
 * member drivers raise under their own locks, update the snapshot and the lagg's link without
 * it. Work that waits (the grace period) or calls listeners (the lagg's own link change) runs
 * after the lock is released ({@link After}). Every entry point holds a reference on the lagg
 * or runs in an epoch section (DESIGN rule 1); {@link #lockAttached()} answers ENXIO once the
 * lagg is detached, and {@link #onRelease()} is the only teardown.
 */
final class LaggSoftc extends Softc {
    /** LAGG_MAX_PORTS. */
    static final int MAX_PORTS = 32;
    /** The lagg's only media word: Ethernet autoselect. */
    static final int MEDIA = MediaWord.IFM_ETHER | MediaWord.IFM_AUTO;

    private static final Ifnet[] NO_PORTS = new Ifnet[0];
    private static final int UP_RUNNING = IfFlags.UP | IfFlags.RUNNING;
    private static final VarHandle DIST;

    static {
        try {
            DIST = MethodHandles.lookup().findVarHandle(LaggSoftc.class, "dist", Distribution.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Epoch epoch;
    private final FailPoints failPoints;

    // ------------------------------------------------ guarded by the softc lock
    private final List<LaggPort> ports = new ArrayList<>(4);   // sorted by member index
    private LaggPort primary;
    private Proto proto;
    private ProtoParams params = ProtoParams.DEFAULTS;
    private IfMedia media = new IfMedia(MEDIA);

    /** The data path's snapshot; replaced only through {@link #DIST} compare-and-set. */
    private volatile Distribution dist;

    LaggSoftc(NetStack stack) {
        this.epoch = stack.epoch();
        this.failPoints = stack.failPoints();
        this.proto = LaggProto.DEFAULT.attach();
        this.dist = Distribution.of(null, NO_PORTS, null, proto, params, failPoints);
    }

    /** Work a request leaves for after the lock: ports whose references to drop, a link update. */
    private static final class After {
        List<LaggPort> retired;
        boolean link;
        boolean adopted;      // the request's member reference now belongs to a port

        void retire(LaggPort lp) {
            if (retired == null) {
                retired = new ArrayList<>(2);
            }
            retired.add(lp);
        }
    }

    // =============================================================== requests

    @Override
    @SuppressWarnings("unchecked")
    protected <R> R ioctl(IfRequest<R> req) {
        IfRef member = memberOf(req);
        After after = new After();
        try {
            lockAttached();
            try {
                return dispatch(req, member, after);
            } finally {
                unlock();
            }
        } finally {
            if (member != null && !after.adopted) {
                member.close();
            }
            finish(after);
        }
    }

    /** The member a port request names, referenced (ifunit_ref); EINVAL when there is none. */
    private IfRef memberOf(IfRequest<?> req) {
        String name;
        if (req instanceof LaggRequest.SetLaggPort) {
            name = ((LaggRequest.SetLaggPort) req).port();
        } else if (req instanceof LaggRequest.DelLaggPort) {
            name = ((LaggRequest.DelLaggPort) req).port();
        } else if (req instanceof LaggRequest.GetLaggPort) {
            name = ((LaggRequest.GetLaggPort) req).port();
        } else {
            return null;
        }
        IfRef r = name == null || name.isEmpty() ? null : ifp().stack().find(name);
        if (r == null) {
            throw new IfnetException(Errno.EINVAL, "no interface named '" + name + "' to use as a lagg port");
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private <R> R dispatch(IfRequest<R> req, IfRef member, After after) {
        if (req instanceof LaggRequest) {
            return (R) laggRequest((LaggRequest<R>) req, member, after);
        }
        if (req instanceof GenericRequest.GetMedia) {
            int status = MediaWord.IFM_AVALID | (dist.activeNow() > 0 ? MediaWord.IFM_ACTIVE : 0);
            return (R) media.reply(MEDIA, status);
        }
        if (req instanceof GenericRequest.SetMedia) {
            media.set(((GenericRequest.SetMedia) req).media());
            return (R) Ack.OK;
        }
        if (req instanceof GenericRequest.SetFlags) {
            setFlags(after);
            return (R) Ack.OK;
        }
        if (req instanceof GenericRequest.SetMtu) {
            int mtu = ((GenericRequest.SetMtu) req).mtu();
            int old = ifp().mtu();
            Members.applyAll(ports, "mtu " + mtu, m -> m.mtu() != mtu, m -> Members.setMtu(m, mtu),
                    m -> Members.setMtu(m, old));
            return (R) Ack.OK;
        }
        if (req instanceof GenericRequest.SetLladdr) {
            long mac = ((GenericRequest.SetLladdr) req).lladdr();
            long old = ifp().lladdr();
            Members.applyAll(ports, "its link-level address", m -> m.lladdr() != mac, m -> Members.setLladdr(m, mac),
                    m -> Members.setLladdr(m, old));
            return (R) Ack.OK;
        }
        if (req instanceof GenericRequest.SetCap) {
            int reqcap = ((GenericRequest.SetCap) req).reqcap();
            for (LaggPort p : ports) { // as FreeBSD: each port takes what it can, errors ignored
                Ifnet m = p.member;
                int want = reqcap & m.capabilities();
                if (m.capenable() != want) {
                    Members.quietly("set capabilities of " + m.name(), () -> Members.setCapenable(m, want));
                }
            }
            return (R) Ack.OK;
        }
        return super.ioctl(req);
    }

    private Object laggRequest(LaggRequest<?> req, IfRef member, After after) {
        if (req instanceof LaggRequest.GetLagg) {
            return status();
        }
        if (req instanceof LaggRequest.SetLaggPort) {
            addPort(member, after);
            return Ack.OK;
        }
        if (req instanceof LaggRequest.DelLaggPort) {
            LaggPort lp = portOf(member.ifp());
            failPoints.hit(LaggSites.PORTDEL_LOCKED, lp.member);
            removePort(lp, after);
            return Ack.OK;
        }
        if (req instanceof LaggRequest.GetLaggPort) {
            return statusOf(portOf(member.ifp()));
        }
        if (req instanceof LaggRequest.SetLaggProto) {
            setProto(((LaggRequest.SetLaggProto) req).proto(), after);
            return Ack.OK;
        }
        if (req instanceof LaggRequest.SetLaggHash) {
            setHash(((LaggRequest.SetLaggHash) req).layers());
            return Ack.OK;
        }
        if (req instanceof LaggRequest.GetLaggOpts) {
            return options();
        }
        if (req instanceof LaggRequest.SetLaggOpts) {
            setOpt((LaggRequest.SetLaggOpts) req);
            return Ack.OK;
        }
        throw new IfnetException(Errno.ENOTTY, ifp().name() + " does not support " + req.ioctlName());
    }

    /** Runs what a request left for after the lock. */
    private void finish(After after) {
        if (after.retired != null) {
            failPoints.hit(LaggSites.PORTS_RETIRING, ifp());
            List<LaggPort> gone = after.retired;
            epoch.callAfterGrace(() -> {
                for (LaggPort lp : gone) {
                    lp.ref.close();
                }
            });
        }
        if (after.link) {
            portStateChanged();
        }
    }

    // =============================================================== ports

    /** lagg_port_create(): the checks of DESIGN section 4, in FreeBSD's order, then the join. */
    private void addPort(IfRef ref, After after) {
        Ifnet ifp = ifp();
        Ifnet m = ref.ifp();
        if (m == ifp) {
            throw new IfnetException(Errno.EINVAL, "cannot add " + ifp.name() + " to itself as a port");
        }
        if (ports.size() >= MAX_PORTS) {
            throw new IfnetException(Errno.ENOSPC, ifp.name() + " already has " + MAX_PORTS + " ports");
        }
        PortOwner owner = m.portOwner();
        if (owner != null) {
            if (owner instanceof LaggPort && ((LaggPort) owner).sc == this) {
                throw new IfnetException(Errno.EEXIST, m.name() + " is already a port of " + ifp.name());
            }
            throw new IfnetException(Errno.EBUSY, m.name() + " is already a port of " + owner.ownerName());
        }
        if (m.type() != IfType.ETHER && m.type() != IfType.L2VLAN) {
            throw new IfnetException(Errno.EPROTONOSUPPORT, m.name() + " is not an Ethernet interface");
        }
        if (m.softc() instanceof LaggSoftc) {
            throw new IfnetException(Errno.EINVAL, m.name() + " is a lagg; a lagg cannot be a port of another");
        }
        failPoints.hit(LaggSites.PORTADD_LOCKED, m);
        LaggPort lp = new LaggPort(this, ref);
        if (!m.setPortOwner(lp)) {
            throw new IfnetException(Errno.EBUSY, m.name() + " became a port of " + m.portOwner().ownerName() + " meanwhile");
        }
        boolean first = ports.isEmpty();
        int laggMtu = ifp.mtu();
        long laggMac = ifp.lladdr();
        try {
            // after the owner is installed, a destroy of the member either was seen here or
            // will see the owner in its departure event
            if (m.state() != IfState.ATTACHED) {
                throw new IfnetException(Errno.EINVAL, m.name() + " is being destroyed");
            }
            if (first) { // the first port gives the lagg its MTU and MAC
                ifp.setMtu(m.mtu());
                ifp.setLladdr(m.lladdr());
            } else {     // later ones take the lagg's
                if (m.mtu() != laggMtu) {
                    Members.setMtu(m, laggMtu);
                }
                if (m.lladdr() != laggMac) {
                    Members.setLladdr(m, laggMac);
                }
            }
        } catch (RuntimeException | Error e) {
            if (first) {
                ifp.setMtu(laggMtu);
                ifp.setLladdr(laggMac);
            } else {
                Members.restore(lp);
            }
            lp.removed = true;    // a departure that saw this owner meanwhile must not retire it
            m.clearPortOwner(lp);
            throw e;
        }
        int at = 0;
        while (at < ports.size() && ports.get(at).member.index() < m.index()) {
            at++;
        }
        ports.add(at, lp);
        if (first) {
            primary = lp;
        }
        updateCapabilities(null, 0);
        publish();
        after.adopted = true;
        after.link = true;
    }

    /**
     * lagg_port_destroy(): unlinks the port from the data path first, then hands the primary
     * role on, then puts the member back as it was (unless it is being destroyed). The member
     * reference is dropped by {@link #finish} after a grace period.
     */
    private void removePort(LaggPort lp, After after) {
        Ifnet m = lp.member;
        boolean wasPrimary = lp == primary;
        ports.remove(lp);
        lp.removed = true;
        m.clearPortOwner(lp);
        if (wasPrimary) {
            primary = ports.isEmpty() ? null : ports.get(0);
        }
        updateCapabilities(null, 0);
        publish();
        if (wasPrimary) {
            handPrimaryOn();
        }
        if (!lp.detaching && m.state() == IfState.ATTACHED) {
            Members.restore(lp);
        }
        after.retire(lp);
        after.link = true;
    }

    /**
     * The lagg's MAC follows its primary's own: a new primary's original address, or zeros
     * without ports; the remaining ports take it (skipped while the lagg is being destroyed,
     * as FreeBSD's sc_destroying does).
     */
    private void handPrimaryOn() {
        if (detached()) {
            return;
        }
        long mac = primary == null ? 0L : primary.savedLladdr;
        ifp().setLladdr(mac);
        for (LaggPort p : ports) {
            if (p.member.lladdr() != mac) {
                Members.quietly("set lladdr of " + p.member.name(), () -> Members.setLladdr(p.member, mac));
            }
        }
    }

    /** The port whose member is {@code m}; ENOENT when {@code m} is not a port of this lagg. */
    private LaggPort portOf(Ifnet m) {
        PortOwner o = m.portOwner();
        if (o instanceof LaggPort && ((LaggPort) o).sc == this && !((LaggPort) o).removed) {
            return (LaggPort) o;
        }
        throw new IfnetException(Errno.ENOENT, m.name() + " is not a port of " + ifp().name());
    }

    /** A member is being destroyed (the departure event): remove its port, leaving it as it is. */
    void memberDeparting(LaggPort lp) {
        After after = new After();
        lockAttached();
        try {
            if (!lp.removed) {
                lp.detaching = true;
                removePort(lp, after);
            }
        } finally {
            unlock();
        }
        finish(after);
    }

    /** lagg_capabilities(): what every port has; {@code override} is a port whose change is in flight. */
    private void updateCapabilities(LaggPort override, int overrideEnabled) {
        int cap = ~0;
        int ena = ~0;
        for (LaggPort p : ports) {
            cap &= p.member.capabilities();
            ena &= p == override ? overrideEnabled : p.member.capenable();
        }
        if (ports.isEmpty()) {
            cap = 0;
            ena = 0;
        }
        ifp().setCapabilities(cap);
        ifp().setCapenable(ena & cap);
    }

    /** A member changed its enabled capabilities through its own request. */
    void portCapsChanged(LaggPort lp, int reqcap) {
        lockAttached();
        try {
            if (!lp.removed) {
                updateCapabilities(lp, reqcap);
            }
        } finally {
            unlock();
        }
    }

    // =============================================================== status and settings

    private LaggStatus status() {
        failPoints.hit(LaggSites.STATUS_LOCKED, ifp());
        List<LaggPortStatus> list = new ArrayList<>(ports.size());
        for (LaggPort p : ports) {
            list.add(statusOf(p));
        }
        return new LaggStatus(ifp().name(), proto.kind(), params.hashLayers(), options(), list);
    }

    private LaggPortStatus statusOf(LaggPort lp) {
        return new LaggPortStatus(ifp().name(), lp.member.name(), 0, dist.portFlags(lp.member));
    }

    /** GLAGGPORT sent to the member itself. */
    LaggPortStatus portStatus(LaggPort lp) {
        lockAttached();
        try {
            if (lp.removed) {
                throw new IfnetException(Errno.ENOENT, lp.member.name() + " is no longer a port of " + ifp().name());
            }
            return statusOf(lp);
        } finally {
            unlock();
        }
    }

    private LaggOptions options() {
        int opts = (params.useFlowid() ? LaggOpt.USE_FLOWID.bit() : 0) | (params.rxAll() ? LaggOpt.RX_ALL.bit() : 0);
        int rr = proto instanceof RoundRobinProto ? ((RoundRobinProto) proto).stride() : 0;
        return new LaggOptions(opts, params.flowidShift(), rr, params.rxAll(), dist.activeNow(), 0);
    }

    private void setProto(LaggProto p, After after) {
        Proto attached = p.attach(); // EPROTONOSUPPORT for lacp, before anything changes
        proto = attached;
        publish();
        after.link = true;           // the baudrate depends on the protocol
    }

    private void setHash(int layers) {
        if ((layers & FlowHash.MASK) == 0) {
            throw new IfnetException(Errno.EINVAL, "lagghash needs at least one of l2, l3, l4");
        }
        if ((layers & ~FlowHash.MASK) != 0) {
            throw new IfnetException(Errno.EINVAL, "unknown lagghash layer bits 0x" + Integer.toHexString(layers & ~FlowHash.MASK));
        }
        params = params.withHashLayers(layers);
        publish();
    }

    /** SIOCSLAGGOPTS with FreeBSD's checks; one option per request. */
    private void setOpt(LaggRequest.SetLaggOpts req) {
        LaggOpt opt = req.opt();
        int v = req.value();
        if (opt.lacpOnly() && proto.kind() != LaggProto.LACP) {
            throw new IfnetException(Errno.EINVAL, opt.name().toLowerCase() + " needs laggproto lacp");
        }
        switch (opt) {
            case USE_FLOWID:
                params = params.withUseFlowid(onOff(opt, v));
                break;
            case RX_ALL:
                params = params.withRxAll(onOff(opt, v));
                break;
            case FLOWID_SHIFT:
                if (v < 0 || v > 31) {
                    throw new IfnetException(Errno.EINVAL, "flowid_shift " + v + " is outside 0..31");
                }
                params = params.withFlowidShift(v);
                break;
            case RR_LIMIT:
                if (!(proto instanceof RoundRobinProto)) {
                    throw new IfnetException(Errno.EINVAL, "rr_limit needs laggproto roundrobin");
                }
                if (v <= 0) {
                    throw new IfnetException(Errno.EINVAL, "rr_limit must be at least 1, not " + v);
                }
                ((RoundRobinProto) proto).setStride(v);
                break;
            default: // the lacp options: refused above, lacp cannot be attached yet
                throw new IfnetException(Errno.EINVAL, opt.name().toLowerCase() + " needs laggproto lacp");
        }
        publish();
    }

    private static boolean onOff(LaggOpt opt, int v) {
        if (v != 0 && v != 1) {
            throw new IfnetException(Errno.EINVAL, opt.name().toLowerCase() + " takes 1 (on) or 0 (off), not " + v);
        }
        return v == 1;
    }

    /** SIOCSIFFLAGS: UP and DOWN go to every port (all or none), then lagg_init or lagg_stop. */
    private void setFlags(After after) {
        Ifnet ifp = ifp();
        boolean up = ifp.isUp();
        Members.applyAll(ports, up ? "UP" : "DOWN", m -> m.isUp() != up, m -> Members.setUp(m, up),
                m -> Members.setUp(m, !up));
        boolean running = (ifp.flags() & IfFlags.RUNNING) != 0;
        if (up && !running) {
            ifp.setDriverFlags(IfFlags.RUNNING, 0);
            long mac = ifp.lladdr();
            for (LaggPort p : ports) { // lagg_init: ports follow the lagg's address
                if (p.member.lladdr() != mac) {
                    Members.quietly("set lladdr of " + p.member.name(), () -> Members.setLladdr(p.member, mac));
                }
            }
        } else if (!up && running) {
            ifp.setDriverFlags(0, IfFlags.RUNNING);
        }
        after.link = true;
    }

    // =============================================================== snapshot and link

    /** Publishes the configuration as a new snapshot. Lock held. */
    private void publish() {
        Ifnet[] members = new Ifnet[ports.size()];
        for (int i = 0; i < members.length; i++) {
            members[i] = ports.get(i).member;
        }
        Ifnet prim = primary == null ? null : primary.member;
        for (;;) {
            Distribution cur = dist;
            Distribution next = Distribution.of(ifp(), members, prim, proto, params, failPoints);
            if (DIST.compareAndSet(this, cur, next)) {
                return;
            }
        }
    }

    /** Recomputes the snapshot's active ports and link from live state; no lock needed. */
    private Distribution refreshActive() {
        for (;;) {
            Distribution cur = dist;
            Distribution next = cur.withActiveRecomputed();
            if (next == cur || DIST.compareAndSet(this, cur, next)) {
                return next;
            }
        }
    }

    /**
     * A port's link or UP flag changed, or the ports did (lagg_port_state and lagg_linkstate):
     * re-selects the active ports and sets the lagg's link (up when any port's link is up) and
     * baudrate. Runs without the softc lock, so member drivers may call it under theirs; the
     * caller holds a reference on the lagg. Repeats until no other change slipped in between
     * computing and setting, so concurrent callers end on the latest state.
     */
    void portStateChanged() {
        checkLive();
        Ifnet ifp = ifp();
        for (int round = 0; round < 16; round++) {
            Distribution d = refreshActive();
            if (ifp.state() != IfState.ATTACHED) {
                return;
            }
            ifp.setBaudrate(d.baudrate());
            ifp.setLinkState(d.linkUp() ? LinkState.UP : LinkState.DOWN);
            if (dist == d) {
                return;
            }
        }
    }

    /** A reference on this lagg for work started from a member's side, or null when it is being destroyed. */
    IfRef tryRef() {
        Ifnet ifp = ifp();
        try {
            return ifp.stack().lookup(ifp.index(), ifp.generation());
        } catch (IfnetException e) {
            return null;
        }
    }

    // =============================================================== data path

    /**
     * lagg_transmit(): the protocol sends the frame on its port(s). Counts the frame as output
     * of the lagg when a port took it, else as an output error. No lock, no allocation.
     */
    @Override
    protected boolean transmit(Frame f) {
        checkLive();
        Ifnet ifp = ifp();
        if ((ifp.flags() & UP_RUNNING) != UP_RUNNING) {
            return DataPath.drop(ifp, IfCounter.OERRORS, f);
        }
        int len = f.length();
        boolean mcast = len >= Ether.HEADER_LEN && (f.buffer()[f.offset()] & 1) != 0; // I/G bit of the destination
        epoch.enter();
        try {
            Distribution d = dist;
            if (d.proto().start(d, f)) {
                DataPath.countOutput(ifp, len, mcast);
                return true;
            }
            ifp.counters().add(IfCounter.OERRORS, 1);
            return false;
        } finally {
            epoch.exit();
        }
    }

    /**
     * lagg_input(): input a port received, inside the member's epoch section. Taken as the
     * lagg's own input when the lagg is running, the port is still a member and the protocol
     * accepts it; otherwise dropped and counted as an input drop of the lagg.
     */
    void portInput(LaggPort lp, Frame f) {
        checkLive();
        Ifnet ifp = ifp();
        Distribution d = dist;
        if (lp.removed || (ifp.flags() & IfFlags.RUNNING) == 0 || !d.proto().accept(d, lp.member)) {
            DataPath.drop(ifp, IfCounter.IQDROPS, f);
            return;
        }
        ifp.input(f);
    }

    // =============================================================== lifecycle

    /**
     * lagg_clone_destroy()'s first half: stop, and remove every port, putting each member back
     * as it was. The softc stays valid; requests in flight now get ENXIO.
     */
    @Override
    protected void onDetach() {
        After after = new After();
        lock();
        try {
            Ifnet ifp = ifp();
            ifp.setDriverFlags(0, IfFlags.RUNNING);
            ifp.updateFlags(0, IfFlags.UP);
            while (!ports.isEmpty()) {
                removePort(ports.get(0), after);
            }
        } finally {
            unlock();
        }
        after.link = false; // the lagg is no longer attached; its link goes down below
        finish(after);
        ifp().setLinkState(LinkState.DOWN);
    }

    /** The release hook: the one teardown. Drops the configuration and the snapshot's ports. */
    @Override
    protected void onRelease() {
        lock();
        try {
            ports.clear();
            primary = null;
            media = null;
            proto = null;
            dist = Distribution.of(null, NO_PORTS, null, LaggProto.NONE.attach(), ProtoParams.DEFAULTS, failPoints);
        } finally {
            unlock();
        }
    }
}
