package org.ifnet.drivers.lagg;

import java.util.StringJoiner;

/**
 * The options SIOCSLAGGOPTS sets, one per request, with FreeBSD's LAGG_OPT_* values where
 * FreeBSD has them. {@link #RX_ALL} is ifnet's own: FreeBSD only has the global sysctl
 * net.link.lagg.failover_rx_all; here it is per lagg, with a bit outside FreeBSD's range.
 */
public enum LaggOpt {
    /** Use a frame's flow id to pick the loadbalance port (value 1 on, 0 off). */
    USE_FLOWID(0x01, false),
    /** Bits the flow id is shifted right by first: 0..31 (LAGG_OPT_FLOWIDSHIFT_MASK). */
    FLOWID_SHIFT(0x02, false),
    LACP_STRICT(0x10, true),
    LACP_TXTEST(0x20, true),
    LACP_RXTEST(0x40, true),
    LACP_FAST_TIMO(0x80, true),
    /** Round-robin stride: frames per port before moving on, > 0, roundrobin only. */
    RR_LIMIT(0x100, false),
    /** Failover takes input on every port (value 1 on, 0 off). */
    RX_ALL(0x10000, false);

    /** Bits that are stored flags (printed in "lagg options: flags="), not one-shot settings. */
    public static final int STORED = USE_FLOWID.bit | LACP_STRICT.bit | LACP_TXTEST.bit | LACP_RXTEST.bit
            | LACP_FAST_TIMO.bit | RX_ALL.bit;

    private final int bit;
    private final boolean lacp;

    LaggOpt(int bit, boolean lacp) {
        this.bit = bit;
        this.lacp = lacp;
    }

    /** FreeBSD's LAGG_OPT_* value (RX_ALL: ifnet's). */
    public int bit() {
        return bit;
    }

    /** True for the options FreeBSD accepts only with laggproto lacp. */
    public boolean lacpOnly() {
        return lacp;
    }

    /** "USE_FLOWID,RX_ALL" for the stored bits of {@code opts}, as printb prints LAGG_OPT_BITS. */
    public static String names(int opts) {
        StringJoiner j = new StringJoiner(",");
        for (LaggOpt o : values()) {
            if ((STORED & o.bit) != 0 && (opts & o.bit) != 0) {
                j.add(o.name());
            }
        }
        return j.toString();
    }
}
