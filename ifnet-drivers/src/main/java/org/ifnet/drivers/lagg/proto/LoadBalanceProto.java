package org.ifnet.drivers.lagg.proto;

import java.util.concurrent.ThreadLocalRandom;
import org.ifnet.core.Ifnet;
import org.ifnet.core.frame.Frame;
import org.ifnet.drivers.lagg.hash.FlowHash;

/**
 * laggproto loadbalance: a frame's flow picks one of the active ports, so a flow stays on one
 * port while the set of active ports is unchanged (lagg_lb_start). The flow is the frame's
 * flow id shifted right by flowid_shift when use_flowid is on and the frame carries one, else
 * the {@link FlowHash} of the enabled layers, keyed per attach as lb_key is; the flow id is
 * taken modulo the port count, the hash mapped by {@link #reduce}. Every port's input is taken.
 *
 * <p>FreeBSD takes the flow modulo the number of all ports and then the next active port;
 * here it is taken modulo the active ports, so a down port's share spreads over the others
 * instead of doubling its neighbour's.
 */
final class LoadBalanceProto extends UnicastProto {
    private final int key = ThreadLocalRandom.current().nextInt();

    @Override
    public LaggProto kind() {
        return LaggProto.LOADBALANCE;
    }

    @Override
    Ifnet pick(Distribution d, Frame f) {
        Ifnet[] act = d.active;
        int n = act.length;
        if (n == 0) {
            return d.linkActive(null); // a port came up after the snapshot, or none is up
        }
        ProtoParams params = d.params;
        int i = params.useFlowid() && f.hasFlowid()
                ? Integer.remainderUnsigned(f.flowid() >>> params.flowidShift(), n)
                : reduce(FlowHash.hash(f, params.hashLayers(), key), n);
        Ifnet p = act[i];
        return Distribution.isActive(p) ? p : d.linkActive(p);
    }

    /**
     * Maps a 32-bit hash onto [0, n) by multiply and shift (Lemire's fast range reduction):
     * as even as a modulo for a hash whose bits are all mixed, without a division. A flow id
     * keeps FreeBSD's modulo: after flowid_shift its value may be small.
     */
    static int reduce(int hash, int n) {
        return (int) (((hash & 0xffff_ffffL) * n) >>> 32);
    }

    @Override
    public boolean accept(Distribution d, Ifnet port) {
        return true;
    }
}
