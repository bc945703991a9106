package org.ifnet.core;

import org.ifnet.core.frame.Frame;

/**
 * Receives the 802.1Q-tagged input of a parent interface (FreeBSD's if_vlantrunk and
 * vlan_input_p). The frame's tag is out of band ({@link Frame#vlanTag()}).
 */
public interface TagDemux {
    /** Takes ownership of a tagged frame received on {@code parent}. Called inside an epoch section. */
    void input(Ifnet parent, Frame f);
}
