package org.ifnet.drivers.lagg.proto;

import java.util.concurrent.ThreadLocalRandom;
import org.ifnet.core.Ifnet;
import org.ifnet.core.frame.Frame;
import org.ifnet.drivers.lagg.hash.FlowHash;

/**
 * laggproto loadbalance: a frame's flow picks one of the active ports, so a flow stays on one
 * port while the set of active ports is unchanged (lagg_lb_start). The flow is the frame's
 * flow id shifted right by flowid_shift when use_flowid is on and the frame carries one, else
 * the {@link FlowHash} of the enabled layers, keyed per attach as lb_key is. Every port's input
 * is taken.
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
        int flow = params.useFlowid() && f.hasFlowid()
                ? f.flowid() >>> params.flowidShift()
                : FlowHash.hash(f, params.hashLayers(), key);
        Ifnet p = act[Integer.remainderUnsigned(flow, n)];
        return Distribution.isActive(p) ? p : d.linkActive(p);
    }

    @Override
    public boolean accept(Distribution d, Ifnet port) {
        return true;
    }
}
