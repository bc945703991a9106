package org.ifnet.drivers.lagg.proto;

import org.ifnet.core.Ifnet;
import org.ifnet.core.frame.Frame;

/**
 * One attached lagg protocol: its private state and its data-path methods (FreeBSD's
 * pr_start, pr_input and the protocol cases of lagg_port2req and lagg_linkstate).
 *
 * <p>Overview. Two families: {@link UnicastProto} sends each frame on one picked port,
 * {@link BroadcastProto} on all of them. An instance is made by {@link LaggProto#attach()} when a lagg switches
 * protocol and is referenced from each {@link Distribution} snapshot. Data-path methods run
 * without locks inside an epoch section, allocate nothing and never throw; any mutable state
 * (the round-robin sequence) is atomic. Settings a protocol owns (round-robin's stride) are
 * written under the lagg's softc lock and read with a volatile read.
 */
public abstract sealed class Proto permits UnicastProto, BroadcastProto {
    /** Fail-point site passed on the data path after a port was picked; its argument is the port. */
    public static final String TX_PICKED = "lagg.transmit.picked";

    /** Which protocol this is. */
    public abstract LaggProto kind();

    /**
     * Sends a frame the lagg owns on the port(s) this protocol picks, or frees it when there
     * is none. True when a port's transmit accepted it.
     */
    public abstract boolean start(Distribution d, Frame f);

    /** Whether input received on {@code port} is taken as the lagg's input. */
    public abstract boolean accept(Distribution d, Ifnet port);

    /** The protocol's flags for {@code port}: ACTIVE for every active port unless overridden. */
    public int portFlags(Distribution d, Ifnet port) {
        return Distribution.isActive(port) ? PortFlags.ACTIVE : 0;
    }

    /** The lagg's baudrate: the sum of its ports' unless overridden (lagg_linkstate). */
    public long baudrate(Distribution d) {
        long sum = 0;
        for (Ifnet p : d.ports) {
            sum += p.baudrate();
        }
        return sum;
    }
}
