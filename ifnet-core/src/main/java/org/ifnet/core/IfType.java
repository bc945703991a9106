package org.ifnet.core;

/** Interface types with FreeBSD's IFT_* values (sys/net/if_types.h). */
public enum IfType {
    ETHER(0x06), LOOP(0x18), L2VLAN(0x87), IEEE8023ADLAG(0x88), PROPVIRTUAL(0x35);

    private final int value;

    IfType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** Ethernet-like interfaces can be lagg ports and vlan parents. */
    public boolean isEthernetLike() {
        return this == ETHER || this == L2VLAN || this == IEEE8023ADLAG;
    }
}
