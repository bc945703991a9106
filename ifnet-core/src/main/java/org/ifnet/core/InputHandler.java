package org.ifnet.core;

import org.ifnet.core.frame.Frame;

/**
 * The protocol layer above the interfaces: receives every frame delivered as input and not
 * taken by a port owner or a VLAN trunk. Takes ownership of the frame. Called inside an epoch
 * section; must not block.
 */
@FunctionalInterface
public interface InputHandler {
    void input(Ifnet ifp, Frame f);

    /** The default: no protocol is attached; counts noproto and frees, as ether_demux does. */
    InputHandler DISCARD = (ifp, f) -> {
        ifp.counters().add(IfCounter.NOPROTO, 1);
        f.free();
    };
}
