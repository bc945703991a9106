package org.ifnet.drivers.lagg.proto;

import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * The lagg protocol table (FreeBSD's lagg_protos[] and LAGG_PROTO_* numbers): which protocols
 * exist, their numbers and names, and how each is attached.
 *
 * <p>LACP (IEEE 802.1AX) has its number and name here and is refused with EPROTONOSUPPORT
 * until its state machine lands. It plugs in as one more {@link Proto} subclass (listed in
 * Proto's permits clause) whose {@code pick} selects among the distributing ports of the
 * active aggregator, whose {@code accept} takes Slow Protocols frames (ethertype 0x8809) off
 * the input and drops frames on ports that are not collecting, and whose {@code portFlags}
 * adds COLLECTING and DISTRIBUTING; {@link #attach()} then returns it.
 */
public enum LaggProto {
    NONE(0, "none"),
    ROUNDROBIN(1, "roundrobin"),
    FAILOVER(2, "failover"),
    LOADBALANCE(3, "loadbalance"),
    LACP(4, "lacp"),
    BROADCAST(5, "broadcast");

    /** FreeBSD's LAGG_PROTO_DEFAULT. */
    public static final LaggProto DEFAULT = FAILOVER;

    private static final LaggProto[] BY_VALUE = values();

    private final int value;
    private final String protoName;

    LaggProto(int value, String protoName) {
        this.value = value;
        this.protoName = protoName;
    }

    /** FreeBSD's LAGG_PROTO_* number. */
    public int value() {
        return value;
    }

    /** The name ifconfig prints and accepts ("failover"). */
    public String protoName() {
        return protoName;
    }

    /** A fresh instance of this protocol's state (pr_attach); EPROTONOSUPPORT for LACP. */
    public Proto attach() {
        switch (this) {
            case NONE: return new NoneProto();
            case ROUNDROBIN: return new RoundRobinProto();
            case FAILOVER: return new FailoverProto();
            case LOADBALANCE: return new LoadBalanceProto();
            case BROADCAST: return new BroadcastProto();
            case LACP:
            default:
                throw new IfnetException(Errno.EPROTONOSUPPORT, "laggproto " + protoName + " is not supported yet");
        }
    }

    /** The protocol named {@code name} as ifconfig spells it ("default" is failover), or null. */
    public static LaggProto byName(String name) {
        if ("default".equals(name)) {
            return DEFAULT;
        }
        for (LaggProto p : BY_VALUE) {
            if (p.protoName.equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The protocol with FreeBSD number {@code value}; EPROTONOSUPPORT past LAGG_PROTO_MAX. */
    public static LaggProto byValue(int value) {
        if (value < 0 || value >= BY_VALUE.length) {
            throw new IfnetException(Errno.EPROTONOSUPPORT, "no lagg protocol number " + value);
        }
        return BY_VALUE[value];
    }
}
