package org.ifnet.tool.ifconfig;

import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.IfCap;

/**
 * FreeBSD's printb(): {@code flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST>}, with the
 * bit names ifconfig prints (its IFFBITS: the kernel-internal bits such as NEEDSEPOCH,
 * CANTCONFIG, DYING and RENAMING have no name there and are not printed by name).
 */
public final class Bits {
    /** IFFBITS, by bit number from 0. */
    private static final String[] IFF = {
        "UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT", null, "RUNNING", "NOARP",
        "PROMISC", "ALLMULTI", "OACTIVE", "SIMPLEX", "LINK0", "LINK1", "LINK2", "MULTICAST",
        null, "PPROMISC", "MONITOR", "STATICARP", "STICKYARP"
    };

    private Bits() {
    }

    /** "flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST>". */
    public static String flags(String label, int value) {
        return label + "=" + Integer.toHexString(value) + "<" + String.join(",", flagNames(value)) + ">";
    }

    public static List<String> flagNames(int value) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < IFF.length; bit++) {
            if (IFF[bit] != null && (value & (1 << bit)) != 0) {
                out.add(IFF[bit]);
            }
        }
        return out;
    }

    /** "options=8<VLAN_MTU>". */
    public static String caps(String label, int value) {
        return label + "=" + Integer.toHexString(value) + "<" + IfCap.names(value) + ">";
    }

    public static List<String> capNames(int value) {
        String n = IfCap.names(value);
        return n.isEmpty() ? List.of() : List.of(n.split(","));
    }

    /** printb with the caller's names, by bit number from 0 ("flags=5<MASTER,ACTIVE>"). */
    public static String named(String label, int value, String[] names) {
        StringBuilder sb = new StringBuilder(label).append('=').append(Integer.toHexString(value)).append('<');
        boolean any = false;
        for (int bit = 0; bit < names.length; bit++) {
            if (names[bit] != null && (value & (1 << bit)) != 0) {
                if (any) {
                    sb.append(',');
                }
                sb.append(names[bit]);
                any = true;
            }
        }
        return sb.append('>').toString();
    }
}
