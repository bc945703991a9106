package org.ifnet.drivers.vlan;

/**
 * SIOCGETVLAN's reply (struct vlanreq): the parent's name ("" when unattached), the VLAN id
 * and the tag protocol ({@link #ETHERTYPE_VLAN} for 802.1Q; 0 when unattached, as FreeBSD
 * zeroes the whole request).
 */
public record VlanReply(String parent, int tag, int proto) {
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final VlanReply NONE = new VlanReply("", 0, 0);

    public boolean attached() {
        return !parent.isEmpty();
    }
}
