package org.ifnet.drivers.lagg.proto;

import java.util.concurrent.atomic.AtomicInteger;
import org.ifnet.core.Ifnet;
import org.ifnet.core.frame.Frame;

/**
 * laggproto roundrobin: frame number {@code seq} goes to port {@code (seq / stride) mod count}
 * (lagg_rr_start), or the next active port when that one is down; {@code stride} is rr_limit,
 * 1 after attach. Every port's input is taken.
 *
 * <p>The sequence is one atomic counter shared by all senders; it wraps as an unsigned 32-bit
 * number, as FreeBSD's uint32_t sc_seq does. {@code stride} is written under the lagg's lock.
 */
public final class RoundRobinProto extends UnicastProto {
    private final AtomicInteger seq = new AtomicInteger();
    private volatile int stride = 1;

    @Override
    public LaggProto kind() {
        return LaggProto.ROUNDROBIN;
    }

    /** rr_limit: frames sent on a port before moving to the next. */
    public int stride() {
        return stride;
    }

    /** Sets rr_limit; the caller checked {@code stride > 0} and holds the lagg's lock. */
    public void setStride(int stride) {
        if (stride <= 0) {
            throw new IllegalArgumentException("stride " + stride);
        }
        this.stride = stride;
    }

    @Override
    Ifnet pick(Distribution d, Frame f) {
        Ifnet[] ps = d.ports;
        if (ps.length == 0) {
            return null;
        }
        int s = seq.getAndIncrement();
        int i = Integer.remainderUnsigned(Integer.divideUnsigned(s, stride), ps.length);
        return d.linkActive(ps[i]);
    }

    @Override
    public boolean accept(Distribution d, Ifnet port) {
        return true;
    }
}
