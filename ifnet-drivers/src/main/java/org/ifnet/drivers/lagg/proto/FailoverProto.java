package org.ifnet.drivers.lagg.proto;

import org.ifnet.core.Ifnet;
import org.ifnet.core.frame.Frame;

/**
 * laggproto failover: traffic goes to the primary port (MASTER) while it is active, else to
 * the next active port (lagg_fail_start). Input is taken from the primary, or, while the
 * primary is inactive, from the port carrying the traffic; with rx_all from every port
 * (lagg_fail_input). Only the port carrying traffic is ACTIVE. The lagg's baudrate is the
 * primary's.
 */
final class FailoverProto extends UnicastProto {
    @Override
    public LaggProto kind() {
        return LaggProto.FAILOVER;
    }

    @Override
    Ifnet pick(Distribution d, Frame f) {
        return d.linkActive(d.primary);
    }

    @Override
    public boolean accept(Distribution d, Ifnet port) {
        Ifnet primary = d.primary;
        if (port == primary || d.params.rxAll()) {
            return true;
        }
        if (primary != null && !Distribution.isActive(primary)) {
            Ifnet carrying = d.linkActive(primary);
            // no active port at all: take it anyway, as FreeBSD does
            return carrying == null || carrying == port;
        }
        return false;
    }

    @Override
    public int portFlags(Distribution d, Ifnet port) {
        int flags = 0;
        if (port == d.primary) {
            flags |= PortFlags.MASTER;
        }
        if (port == d.linkActive(d.primary)) {
            flags |= PortFlags.ACTIVE;
        }
        return flags;
    }

    @Override
    public long baudrate(Distribution d) {
        return d.primary == null ? 0 : d.primary.baudrate();
    }
}
