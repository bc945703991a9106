package org.ifnet.drivers.lagg.proto;

import java.util.Arrays;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;
import org.ifnet.core.lifecycle.FailPoints;

/**
 * What lagg's data path reads: one immutable snapshot of a lagg's ports, primary, protocol and
 * settings (the part of FreeBSD's lagg_softc that lagg_transmit and lagg_input read under
 * their epoch section).
 *
 * <p>Overview. The lagg publishes a new Distribution with one volatile write whenever its
 * configuration changes, and readers take it with one volatile read inside an epoch section,
 * so a reader sees a consistent set of ports for a whole frame. A port dropped from the
 * snapshot keeps its member reference until an epoch grace period has passed, so a reader
 * holding an older snapshot never sends on a released member.
 *
 * <p>Invariants: {@code ports} is sorted by interface index and never modified after
 * construction; {@code primary} is null or one of {@code ports}; {@code active} holds, in
 * port order, the ports that were active (link up and UP, FreeBSD's LAGG_PORTACTIVE) when the
 * snapshot was built, and {@code linkUp} whether any port's link was up. Link changes rebuild
 * only those two ({@link #withActiveRecomputed}).
 * Because the active set is a snapshot, protocols confirm a chosen port is still active and
 * fall back to {@link #linkActive}, which reads the live state.
 */
public final class Distribution {
    private static final Ifnet[] NO_PORTS = new Ifnet[0];

    final Ifnet lagg;
    final Ifnet[] ports;
    final Ifnet primary;
    final Ifnet[] active;
    final boolean linkUp;
    final Proto proto;
    final ProtoParams params;
    final FailPoints failPoints;

    private Distribution(Ifnet lagg, Ifnet[] ports, Ifnet primary, Ifnet[] active, boolean linkUp, Proto proto,
                         ProtoParams params, FailPoints failPoints) {
        this.lagg = lagg;
        this.ports = ports;
        this.primary = primary;
        this.active = active;
        this.linkUp = linkUp;
        this.proto = proto;
        this.params = params;
        this.failPoints = failPoints;
    }

    /**
     * A snapshot of {@code ports} (copied; sorted by index by the caller), computing the
     * active set from the ports' live state now.
     */
    public static Distribution of(Ifnet lagg, Ifnet[] ports, Ifnet primary, Proto proto, ProtoParams params,
                                  FailPoints failPoints) {
        Ifnet[] copy = ports.length == 0 ? NO_PORTS : ports.clone();
        return new Distribution(lagg, copy, primary, activeOf(copy), linkUpOf(copy), proto, params, failPoints);
    }

    /**
     * This snapshot with the active set and the link recomputed from live state; {@code this}
     * when neither changed.
     */
    public Distribution withActiveRecomputed() {
        Ifnet[] now = activeOf(ports);
        boolean up = linkUpOf(ports);
        if (up == linkUp && Arrays.equals(now, active)) {
            return this;
        }
        return new Distribution(lagg, ports, primary, now, up, proto, params, failPoints);
    }

    /** lagg_linkstate(): the lagg's link is up when any port's link is up. */
    private static boolean linkUpOf(Ifnet[] ports) {
        for (Ifnet p : ports) {
            if (p.linkState() == LinkState.UP) {
                return true;
            }
        }
        return false;
    }

    /** The active ports in order, in one pass over the live state (it may change meanwhile). */
    private static Ifnet[] activeOf(Ifnet[] ports) {
        Ifnet[] a = new Ifnet[ports.length];
        int n = 0;
        for (Ifnet p : ports) {
            if (isActive(p)) {
                a[n++] = p;
            }
        }
        return n == 0 ? NO_PORTS : n == a.length ? a : Arrays.copyOf(a, n);
    }

    // ---------------------------------------------------------------- queries

    /** FreeBSD's LAGG_PORTACTIVE: the member's link is up and it is administratively UP. */
    public static boolean isActive(Ifnet port) {
        return port.linkState() == LinkState.UP && port.isUp();
    }

    /**
     * FreeBSD's lagg_link_active(): {@code from} if it is active, else the port after it if
     * that one is, else the first active port in order; null when none is active. Reads the
     * live state.
     */
    public Ifnet linkActive(Ifnet from) {
        Ifnet[] ps = ports;
        if (from != null) {
            if (isActive(from)) {
                return from;
            }
            for (int i = 0; i + 1 < ps.length; i++) {
                if (ps[i] == from) {
                    if (isActive(ps[i + 1])) {
                        return ps[i + 1];
                    }
                    break;
                }
            }
        }
        for (Ifnet p : ps) {
            if (isActive(p)) {
                return p;
            }
        }
        return null;
    }

    public Ifnet lagg() {
        return lagg;
    }

    /** The ports in index order (a copy). */
    public Ifnet[] ports() {
        return ports.clone();
    }

    public int portCount() {
        return ports.length;
    }

    /** The ports active when this snapshot was built (a copy). */
    public Ifnet[] active() {
        return active.clone();
    }

    /** The primary port (the first added still present), or null without ports. */
    public Ifnet primary() {
        return primary;
    }

    /** Whether the lagg's link is up by this snapshot (any port's link up). */
    public boolean linkUp() {
        return linkUp;
    }

    public Proto proto() {
        return proto;
    }

    public ProtoParams params() {
        return params;
    }

    /** The flags GLAGGPORT reports for {@code port} under this snapshot's protocol. */
    public int portFlags(Ifnet port) {
        return proto.portFlags(this, port);
    }

    /** The lagg's baudrate under this snapshot's protocol. */
    public long baudrate() {
        return proto.baudrate(this);
    }

    /** How many ports are active now (live state). */
    public int activeNow() {
        int n = 0;
        for (Ifnet p : ports) {
            if (isActive(p)) {
                n++;
            }
        }
        return n;
    }
}
