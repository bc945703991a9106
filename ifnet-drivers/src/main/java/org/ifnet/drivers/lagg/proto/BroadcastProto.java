package org.ifnet.drivers.lagg.proto;

import org.ifnet.core.IfCounter;
import org.ifnet.core.Ifnet;
import org.ifnet.core.frame.Frame;

/**
 * laggproto broadcast: every frame goes out on every active port, a copy on each but the last,
 * which gets the original (lagg_bcast_start). A copy the frame pool cannot supply is counted
 * as an output error of the lagg and the other ports still get theirs (FreeBSD stops copying
 * at the first failure). Every port's input is taken.
 */
final class BroadcastProto extends Proto {
    @Override
    public LaggProto kind() {
        return LaggProto.BROADCAST;
    }

    @Override
    public boolean start(Distribution d, Frame f) {
        Ifnet last = null;
        boolean sent = false;
        for (Ifnet p : d.ports) {
            if (!Distribution.isActive(p)) {
                continue;
            }
            if (last == null) {
                d.failPoints.hit(TX_PICKED, p);
            } else {
                Frame copy = f.duplicate();
                if (copy == null) {
                    d.lagg.counters().add(IfCounter.OERRORS, 1);
                } else {
                    sent |= last.transmit(copy);
                }
            }
            last = p;
        }
        if (last == null) {
            f.free();
            return false;
        }
        return last.transmit(f) | sent;
    }

    @Override
    public boolean accept(Distribution d, Ifnet port) {
        return true;
    }
}
