package org.ifnet.drivers.lagg;

import org.ifnet.drivers.lagg.proto.Proto;

/**
 * lagg's fail-point sites (see {@code FailPoints}), for deterministic race tests. The argument
 * passed at each site is given; "locked" sites are passed holding the lagg's softc lock.
 */
public final class LaggSites {
    /** A port add passed its checks, lock held; argument: the member Ifnet. */
    public static final String PORTADD_LOCKED = "lagg.portadd.locked";
    /** A port remove found the port, lock held; argument: the member Ifnet. */
    public static final String PORTDEL_LOCKED = "lagg.portdel.locked";
    /** A status query is building its port list, lock held; argument: the lagg Ifnet. */
    public static final String STATUS_LOCKED = "lagg.status.locked";
    /** A departing member was found to be a port, before the lagg's lock; argument: the member. */
    public static final String DEPARTURE = "lagg.departure";
    /**
     * Removed ports were unlinked and the lock released; their member references are about to
     * be dropped after a grace period. Argument: the lagg Ifnet.
     */
    public static final String PORTS_RETIRING = "lagg.ports.retiring";
    /** The data path picked a port, inside its epoch section; argument: the member Ifnet. */
    public static final String TRANSMIT_PICKED = Proto.TX_PICKED;

    private LaggSites() {
    }
}
