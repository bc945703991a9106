package org.ifnet.core;

import java.util.Arrays;
import java.util.List;
import org.ifnet.core.clone.Cloner;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.lifecycle.IfState;
import org.ifnet.core.lifecycle.Refcounted;

/**
 * One network interface (FreeBSD's struct ifnet): what the generic layer keeps, the link to
 * its driver's softc, and the data-path entry points.
 *
 * <p>Overview. Identity (index, generation, unit, type, cloner, softc) is final. Everything
 * else is a volatile field written under the stack's structure lock (name, groups, state) or by
 * the generic request path (flags, mtu, metric, description, lladdr, capabilities) and read
 * without locks. The reference count and the DYING bit live in {@link Refcounted}.
 *
 * <p>Who may call what: readers anywhere; the driver-facing setters ({@link #setLinkState},
 * {@link #setDriverFlags}, {@link #setBaudrate}, port and VLAN hooks) are for the interface's
 * own driver and for owners such as lagg; data-path methods ({@link #transmit}, {@link #input})
 * need an epoch section or a held reference (rule 1).
 */
public final class Ifnet extends Refcounted {
    private final NetStack stack;
    private final Cloner cloner;
    private final Softc softc;
    private final IfType type;
    private final int index;
    private final int generation;
    private final int unit;
    private final IfCounters counters = new IfCounters();

    private volatile String name;
    private volatile IfState state = IfState.ATTACHED;
    private volatile int flags;
    private volatile int mtu;
    private volatile int metric;
    private volatile String description = "";
    private volatile long lladdr;
    private volatile int capabilities;
    private volatile int capenable;
    private volatile LinkState linkState = LinkState.UNKNOWN;
    private volatile long baudrate;
    private volatile String[] groups;
    private volatile PortOwner portOwner;
    private volatile TagDemux tagDemux;
    private volatile Thread dyingBy;      // the thread that won beginDying(), for the layer

    Ifnet(NetStack stack, Cloner cloner, Softc softc, IfSpec spec, int index, int generation) {
        this.stack = stack;
        this.cloner = cloner;
        this.softc = softc;
        this.type = spec.type();
        this.index = index;
        this.generation = generation;
        this.unit = spec.unit();
        this.name = spec.name();
        this.flags = spec.flags();
        this.mtu = spec.mtu();
        this.lladdr = spec.lladdr();
        this.capabilities = spec.capabilities();
        this.capenable = spec.capenable();
        this.baudrate = spec.baudrate();
        this.groups = cloner == null ? new String[] {"all"} : new String[] {"all", cloner.name()};
    }

    // ------------------------------------------------------------------ identity and state

    public NetStack stack() { return stack; }
    public String name() { return name; }
    public int index() { return index; }
    public int generation() { return generation; }
    /** The cloner unit this interface owns, or -1. */
    public int unit() { return unit; }
    public IfType type() { return type; }
    public Cloner cloner() { return cloner; }
    /** The driver's name (FreeBSD's if_dname): the cloner's name. */
    public String driverName() { return cloner == null ? "" : cloner.name(); }
    public IfState state() { return state; }
    public int flags() { return flags; }
    public int mtu() { return mtu; }
    public int metric() { return metric; }
    public String description() { return description; }
    /** The link-level address, or {@link MacAddress#NONE}. */
    public long lladdr() { return lladdr; }
    public int capabilities() { return capabilities; }
    public int capenable() { return capenable; }
    public LinkState linkState() { return linkState; }
    public long baudrate() { return baudrate; }
    public IfCounters counters() { return counters; }
    public List<String> groups() { return List.of(groups); }
    public boolean inGroup(String g) { return Arrays.asList(groups).contains(g); }
    public boolean isUp() { return (flags & IfFlags.UP) != 0; }
    public PortOwner portOwner() { return portOwner; }
    public TagDemux tagDemux() { return tagDemux; }

    /** The driver's softc, for the driver that created it (it casts to its own type). */
    public Softc softc() { return softc; }

    /** A snapshot for printing. */
    public IfInfo info() {
        return new IfInfo(name, driverName(), index, generation, type, flags, mtu, metric, description,
                lladdr, capabilities, capenable, linkState, baudrate, List.of(groups), counters.snapshot());
    }

    // ------------------------------------------------------------------ layer-private setters

    void setName(String n) { name = n; }
    void setState(IfState s) { state = s; }
    void setMetricRaw(int m) { metric = m; }
    void setDescriptionRaw(String d) { description = d; }
    void setGroupsRaw(String[] g) { groups = g; }
    boolean retain() { return tryRetain(); }
    /** True once a destroy has begun (the DYING bit, set before the state field says DYING). */
    boolean isDying() { return dyingBit(); }
    /** The thread destroying this interface, or null. */
    Thread dyingBy() { return dyingBy; }
    boolean dropOne() { return releaseOne(); }
    boolean beginDying() {
        if (!markDying()) {
            return false;
        }
        dyingBy = Thread.currentThread();
        updateFlags(IfFlags.DYING, 0);
        state = IfState.DYING;
        return true;
    }

    // ------------------------------------------------------------------ driver-facing setters

    /** Sets and clears flag bits atomically (drivers: RUNNING, OACTIVE; the layer: the rest). */
    public synchronized void updateFlags(int set, int clear) {
        flags = (flags & ~clear) | set;
    }

    /** Drivers: RUNNING and other bits a SIOCSIFFLAGS cannot change. */
    public void setDriverFlags(int set, int clear) {
        updateFlags(set, clear);
    }

    /** Drivers and owners (lagg) set the MTU they have accepted. */
    public void setMtu(int m) { mtu = m; }

    /** Drivers and owners (lagg) set the link-level address. */
    public void setLladdr(long mac) { lladdr = mac; }

    public void setCapenable(int enabled) { capenable = enabled; }

    public void setCapabilities(int caps) { capabilities = caps; }

    public void setBaudrate(long bps) { baudrate = bps; }

    /** Drivers report link changes; listeners hear of real changes only (if_link_state_change). */
    public void setLinkState(LinkState s) {
        LinkState old;
        synchronized (this) {
            old = linkState;
            linkState = s;
        }
        if (old != s) {
            stack.fireLinkState(this, s);
        }
    }

    /** Installs a port owner (lagg); false when another owner already holds the port. */
    public synchronized boolean setPortOwner(PortOwner o) {
        if (portOwner != null) {
            return false;
        }
        portOwner = o;
        return true;
    }

    public synchronized void clearPortOwner(PortOwner o) {
        if (portOwner == o) {
            portOwner = null;
        }
    }

    /** Installs a VLAN trunk; false when another is installed. */
    public synchronized boolean setTagDemux(TagDemux d) {
        if (tagDemux != null) {
            return false;
        }
        tagDemux = d;
        return true;
    }

    public synchronized void clearTagDemux(TagDemux d) {
        if (tagDemux == d) {
            tagDemux = null;
        }
    }

    // ------------------------------------------------------------------ data path

    /**
     * Sends a frame the caller owns; this interface owns it afterwards. A detached interface
     * drops it (counted as oqdrops). Call inside an epoch section or with a reference held.
     */
    public boolean transmit(Frame f) {
        if (state != IfState.ATTACHED) {
            counters.add(IfCounter.OQDROPS, 1);
            f.free();
            return false;
        }
        return softc.transmit(f);
    }

    /**
     * Input received by this interface's driver (ether_input): counts it, drops a runt on an
     * Ethernet-like interface as an input error, hands it to a port owner if one is installed,
     * strips an 802.1Q header into the frame's tag, gives tagged frames to the VLAN trunk
     * (noproto drop without one), and the rest to the stack's input handler. Call inside an
     * epoch section.
     */
    public void input(Frame f) {
        counters.addPacket(IfCounter.IPACKETS, IfCounter.IBYTES, f.length());
        if (f.length() < Ether.HEADER_LEN && type.isEthernetLike()) {
            counters.add(IfCounter.IERRORS, 1); // a runt, as ether_input drops it
            f.free();
            return;
        }
        long dst = Ether.dst(f);
        if (Ether.isMulticast(dst)) {
            counters.add(IfCounter.IMCASTS, 1);
        }
        PortOwner o = portOwner;
        if (o != null) {
            o.input(this, f);
            return;
        }
        if (!f.hasVlanTag() && Ether.type(f) == Ether.TYPE_VLAN && !Ether.vlanDecap(f)) {
            counters.add(IfCounter.IERRORS, 1);
            f.free();
            return;
        }
        if (f.hasVlanTag()) {
            TagDemux d = tagDemux;
            if (d == null) {
                counters.add(IfCounter.NOPROTO, 1);
                f.free();
                return;
            }
            d.input(this, f);
            return;
        }
        stack.inputHandler().input(this, f);
    }

    /**
     * Sends a request to this interface's driver, bypassing the port owner: what a
     * {@link PortOwner} calls to pass a request on, and what lagg calls on its ports.
     * The caller holds a reference.
     */
    public <R> R driverIoctl(IfRequest<R> req) {
        return softc.ioctl(req);
    }

    @Override
    public String toString() {
        return name + "[" + index + "." + generation + " " + state + " refs=" + refcount() + "]";
    }
}
