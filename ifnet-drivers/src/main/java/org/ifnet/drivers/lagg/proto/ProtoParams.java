package org.ifnet.drivers.lagg.proto;

import org.ifnet.drivers.lagg.hash.FlowHash;

/**
 * The lagg settings the data path reads, as one immutable value replaced on every change:
 * the hash layers ({@link FlowHash#L2} ...), whether a frame's flow id picks the port
 * (use_flowid) and how far it is shifted first (flowid_shift), and whether failover accepts
 * input on every port (rx_all, FreeBSD's net.link.lagg.failover_rx_all, here per lagg).
 */
public record ProtoParams(int hashLayers, boolean useFlowid, int flowidShift, boolean rxAll) {
    /** FreeBSD's defaults: all layers, use_flowid on (default_use_flowid), shift 16. */
    public static final ProtoParams DEFAULTS = new ProtoParams(FlowHash.MASK, true, 16, false);

    public ProtoParams withHashLayers(int layers) {
        return new ProtoParams(layers, useFlowid, flowidShift, rxAll);
    }

    public ProtoParams withUseFlowid(boolean on) {
        return new ProtoParams(hashLayers, on, flowidShift, rxAll);
    }

    public ProtoParams withFlowidShift(int shift) {
        return new ProtoParams(hashLayers, useFlowid, shift, rxAll);
    }

    public ProtoParams withRxAll(boolean on) {
        return new ProtoParams(hashLayers, useFlowid, flowidShift, on);
    }
}
