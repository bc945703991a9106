package org.ifnet.drivers.lagg;

/**
 * SIOCGLAGGOPTS's reply (struct lagg_reqopts): the stored option bits ({@link LaggOpt}),
 * flowid_shift, rr_limit (0 unless the protocol is roundrobin), rx_all, and the statistics
 * ifconfig -v prints: active ports and flapping (always 0 without LACP).
 */
public record LaggOptions(int opts, int flowidShift, int rrLimit, boolean rxAll, int activePorts, int flapping) {
    public boolean useFlowid() {
        return (opts & LaggOpt.USE_FLOWID.bit()) != 0;
    }
}
