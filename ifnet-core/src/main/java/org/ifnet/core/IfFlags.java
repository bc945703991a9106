package org.ifnet.core;

/**
 * FreeBSD's interface flags (sys/net/if.h), with their bit values, so that
 * {@code flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST>} reads the same here as there.
 */
public final class IfFlags {
    public static final int UP = 0x1;
    public static final int BROADCAST = 0x2;
    public static final int DEBUG = 0x4;
    public static final int LOOPBACK = 0x8;
    public static final int POINTOPOINT = 0x10;
    public static final int NEEDSEPOCH = 0x20;
    public static final int RUNNING = 0x40;
    public static final int NOARP = 0x80;
    public static final int PROMISC = 0x100;
    public static final int ALLMULTI = 0x200;
    public static final int OACTIVE = 0x400;
    public static final int SIMPLEX = 0x800;
    public static final int LINK0 = 0x1000;
    public static final int LINK1 = 0x2000;
    public static final int LINK2 = 0x4000;
    public static final int MULTICAST = 0x8000;
    public static final int CANTCONFIG = 0x10000;
    public static final int PPROMISC = 0x20000;
    public static final int MONITOR = 0x40000;
    public static final int STATICARP = 0x80000;
    public static final int STICKYARP = 0x100000;
    public static final int DYING = 0x200000;
    public static final int RENAMING = 0x400000;
    public static final int SPARE = 0x800000;

    /** Flags a SIOCSIFFLAGS request cannot change (FreeBSD's IFF_CANTCHANGE). */
    public static final int CANTCHANGE = BROADCAST | POINTOPOINT | RUNNING | OACTIVE | SIMPLEX
            | MULTICAST | ALLMULTI | PROMISC | LOOPBACK | CANTCONFIG | DYING | RENAMING | NEEDSEPOCH;

    private static final String[] NAMES = {
        "UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT", "NEEDSEPOCH", "RUNNING", "NOARP",
        "PROMISC", "ALLMULTI", "OACTIVE", "SIMPLEX", "LINK0", "LINK1", "LINK2", "MULTICAST",
        "CANTCONFIG", "PPROMISC", "MONITOR", "STATICARP", "STICKYARP", "DYING", "RENAMING", "SPARE"
    };

    private IfFlags() {
    }

    /** "UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST" (FreeBSD's printb order: lowest bit first). */
    public static String names(int flags) {
        return BitNames.of(flags, NAMES);
    }

    /** The bit for one flag name ("UP"), or 0 when the name is unknown. */
    public static int bit(String name) {
        for (int bit = 0; bit < NAMES.length; bit++) {
            if (NAMES[bit].equalsIgnoreCase(name)) {
                return 1 << bit;
            }
        }
        return 0;
    }
}
