package org.ifnet.drivers;

import org.ifnet.core.IfCounter;
import org.ifnet.core.Ifnet;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;

/**
 * The steps every driver's data path repeats: dropping a frame it owns and counting why,
 * counting a frame sent, and putting an out-of-band VLAN tag into the bytes. None of them
 * allocates or throws (the frame contract: whoever owns a frame passes it on or frees it and
 * counts the drop).
 */
public final class DataPath {
    private DataPath() {
    }

    /** Frees {@code f} and counts one {@code why} on {@code ifp}; returns false ("not sent"). */
    public static boolean drop(Ifnet ifp, IfCounter why, Frame f) {
        ifp.counters().add(why, 1);
        f.free();
        return false;
    }

    /** Counts one frame of {@code len} bytes sent on {@code ifp}: opackets, obytes, omcasts. */
    public static void countOutput(Ifnet ifp, int len, boolean multicast) {
        ifp.counters().addPacket(IfCounter.OPACKETS, IfCounter.OBYTES, len);
        if (multicast) {
            ifp.counters().add(IfCounter.OMCASTS, 1);
        }
    }

    /**
     * For links without hardware tagging: moves an out-of-band 802.1Q tag into the frame's
     * bytes. True when the frame is now untagged out of band; false when it lacks the headroom
     * (the caller drops it).
     */
    public static boolean tagInBand(Frame f) {
        if (!f.hasVlanTag()) {
            return true;
        }
        if (f.offset() < Ether.VLAN_ENCAP_LEN) {
            return false;
        }
        Ether.vlanEncap(f, f.vlanTag());
        f.clearVlanTag();
        return true;
    }
}
