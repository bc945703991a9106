package org.ifnet.drivers.lagg.proto;

/**
 * lagg port flags with FreeBSD's values (LAGG_PORT_*), printed as
 * {@code flags=5<MASTER,ACTIVE>}. STACK is never set: like FreeBSD, lagg refuses a lagg as a
 * port. COLLECTING and DISTRIBUTING belong to LACP.
 */
public final class PortFlags {
    public static final int MASTER = 0x1;
    public static final int STACK = 0x2;
    public static final int ACTIVE = 0x4;
    public static final int COLLECTING = 0x8;
    public static final int DISTRIBUTING = 0x10;
    public static final int DISABLED = 0x20;

    private static final String[] NAMES = {"MASTER", "STACK", "ACTIVE", "COLLECTING", "DISTRIBUTING", "DISABLED"};

    private PortFlags() {
    }

    /** "MASTER,ACTIVE" (lowest bit first, as printb prints LAGG_PORT_BITS). */
    public static String names(int flags) {
        return org.ifnet.core.BitNames.of(flags, NAMES);
    }
}
