package org.ifnet.drivers.lagg.proto;

import org.ifnet.core.Ifnet;
import org.ifnet.core.frame.Frame;

/** The protocols that send each frame on one port: they only say which. */
abstract sealed class UnicastProto extends Proto permits NoneProto, RoundRobinProto, FailoverProto, LoadBalanceProto {
    @Override
    public final boolean start(Distribution d, Frame f) {
        Ifnet p = pick(d, f);
        if (p == null) {
            f.free();
            return false;
        }
        d.failPoints.hit(TX_PICKED, p);
        return p.transmit(f);
    }

    /** The port for {@code f}, or null when no port can take it. Never throws, never allocates. */
    abstract Ifnet pick(Distribution d, Frame f);
}
