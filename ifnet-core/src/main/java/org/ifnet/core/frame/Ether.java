package org.ifnet.core.frame;

/**
 * Ethernet and 802.1Q header fields read and written in place (a flyweight over the frame's
 * buffer; IEEE 802.3 and 802.1Q, network byte order). Reads past the frame's length return -1
 * rather than throwing, so the data path never throws on a short frame.
 */
public final class Ether {
    public static final int HEADER_LEN = 14;
    public static final int VLAN_ENCAP_LEN = 4;
    public static final int TYPE_VLAN = 0x8100;
    public static final int TYPE_IPV4 = 0x0800;
    public static final int TYPE_IPV6 = 0x86dd;
    public static final int TYPE_SLOW = 0x8809;
    public static final int MIN_FRAME = 60;

    private static final int OFF_DST = 0;
    private static final int OFF_SRC = 6;
    private static final int OFF_TYPE = 12;

    private Ether() {
    }

    public static int u16(Frame f, int at) {
        if (at < 0 || at + 2 > f.length()) {
            return -1;
        }
        byte[] b = f.buffer();
        int o = f.offset() + at;
        return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
    }

    public static long mac(Frame f, int at) {
        if (at + 6 > f.length()) {
            return -1;
        }
        byte[] b = f.buffer();
        int o = f.offset() + at;
        long m = 0;
        for (int i = 0; i < 6; i++) {
            m = (m << 8) | (b[o + i] & 0xff);
        }
        return m;
    }

    public static long dst(Frame f) {
        return mac(f, OFF_DST);
    }

    public static long src(Frame f) {
        return mac(f, OFF_SRC);
    }

    public static int type(Frame f) {
        return u16(f, OFF_TYPE);
    }

    public static void putMac(Frame f, int at, long mac) {
        byte[] b = f.buffer();
        int o = f.offset() + at;
        for (int i = 5; i >= 0; i--) {
            b[o + 5 - i] = (byte) (mac >>> (i * 8));
        }
    }

    public static void putU16(Frame f, int at, int v) {
        byte[] b = f.buffer();
        int o = f.offset() + at;
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }

    /** Writes a 14-byte header and sets the length to {@code HEADER_LEN + payloadLen}. */
    public static void writeHeader(Frame f, long dst, long src, int type, int payloadLen) {
        f.setLength(HEADER_LEN + payloadLen);
        putMac(f, OFF_DST, dst);
        putMac(f, OFF_SRC, src);
        putU16(f, OFF_TYPE, type);
    }

    /** Inserts an 802.1Q header carrying {@code tag} after the MAC addresses (ether_vlanencap). */
    public static void vlanEncap(Frame f, int tag) {
        f.adjustFront(-VLAN_ENCAP_LEN);
        byte[] b = f.buffer();
        int o = f.offset();
        System.arraycopy(b, o + VLAN_ENCAP_LEN, b, o, 12);
        putU16(f, OFF_TYPE, TYPE_VLAN);
        putU16(f, OFF_TYPE + 2, tag & 0xffff);
    }

    /**
     * Moves an in-band 802.1Q header into the frame's out-of-band tag and strips it, as
     * FreeBSD's ether_input does before demux. False when the frame is too short to hold one.
     */
    public static boolean vlanDecap(Frame f) {
        if (f.length() < HEADER_LEN + VLAN_ENCAP_LEN) {
            return false;
        }
        int tci = u16(f, OFF_TYPE + 2);
        byte[] b = f.buffer();
        int o = f.offset();
        System.arraycopy(b, o, b, o + VLAN_ENCAP_LEN, 12);
        f.adjustFront(VLAN_ENCAP_LEN);
        f.setVlanTag(tci);
        return true;
    }

    public static boolean isMulticast(long mac) {
        return mac >= 0 && ((mac >>> 40) & 1) != 0;
    }

    public static boolean isBroadcast(long mac) {
        return mac == 0xFFFF_FFFF_FFFFL;
    }
}
