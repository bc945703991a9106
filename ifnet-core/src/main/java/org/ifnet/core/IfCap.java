package org.ifnet.core;

/** Interface capabilities with FreeBSD's IFCAP_* bits, printed as {@code options=8<VLAN_MTU>}. */
public final class IfCap {
    public static final int RXCSUM = 0x1;
    public static final int TXCSUM = 0x2;
    public static final int NETCONS = 0x4;
    public static final int VLAN_MTU = 0x8;
    public static final int VLAN_HWTAGGING = 0x10;
    public static final int JUMBO_MTU = 0x20;
    public static final int POLLING = 0x40;
    public static final int VLAN_HWCSUM = 0x80;
    public static final int TSO4 = 0x100;
    public static final int TSO6 = 0x200;
    public static final int LRO = 0x400;
    public static final int WOL_UCAST = 0x800;
    public static final int WOL_MCAST = 0x1000;
    public static final int WOL_MAGIC = 0x2000;
    public static final int TOE4 = 0x4000;
    public static final int TOE6 = 0x8000;
    public static final int VLAN_HWFILTER = 0x10000;
    public static final int VLAN_HWTSO = 0x40000;
    public static final int LINKSTATE = 0x80000;
    public static final int NETMAP = 0x100000;
    public static final int RXCSUM_IPV6 = 0x200000;
    public static final int TXCSUM_IPV6 = 0x400000;
    public static final int HWSTATS = 0x800000;

    private static final String[] NAMES = {
        "RXCSUM", "TXCSUM", "NETCONS", "VLAN_MTU", "VLAN_HWTAGGING", "JUMBO_MTU", "POLLING",
        "VLAN_HWCSUM", "TSO4", "TSO6", "LRO", "WOL_UCAST", "WOL_MCAST", "WOL_MAGIC", "TOE4", "TOE6",
        "VLAN_HWFILTER", "NV", "VLAN_HWTSO", "LINKSTATE", "NETMAP", "RXCSUM_IPV6", "TXCSUM_IPV6", "HWSTATS"
    };

    private IfCap() {
    }

    public static String names(int caps) {
        return BitNames.of(caps, NAMES);
    }

    /** The bit for a capability name as ifconfig spells it ("vlanmtu" or "VLAN_MTU"); 0 if unknown. */
    public static int bit(String name) {
        String n = name.toUpperCase().replace("_", "");
        for (int bit = 0; bit < NAMES.length; bit++) {
            if (NAMES[bit].replace("_", "").equals(n)) {
                return 1 << bit;
            }
        }
        return 0;
    }
}
