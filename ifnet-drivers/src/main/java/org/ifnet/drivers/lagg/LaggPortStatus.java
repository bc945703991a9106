package org.ifnet.drivers.lagg;

import org.ifnet.drivers.lagg.proto.PortFlags;

/**
 * One port as SIOCGLAGGPORT and SIOCGLAGG report it (struct lagg_reqport): the lagg, the
 * member's name, its priority and its {@link PortFlags} under the lagg's protocol.
 */
public record LaggPortStatus(String lagg, String port, int prio, int flags) {
    /** "flags=5<MASTER,ACTIVE>". */
    public String flagsText() {
        return "flags=" + Integer.toHexString(flags) + "<" + PortFlags.names(flags) + ">";
    }
}
