package org.ifnet.core;

import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * 48-bit link-level addresses kept in a {@code long} (no arrays per interface). {@link #NONE}
 * marks an interface without one (lo).
 */
public final class MacAddress {
    public static final long NONE = -1L;
    private static final long MASK = 0xFFFF_FFFF_FFFFL;

    private MacAddress() {
    }

    /** "58:9c:fc:10:ff:b1". */
    public static String format(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int b = (int) (mac >>> (i * 8)) & 0xff;
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /**
     * Parses six colon- (or dash- or dot-) separated hex bytes, as FreeBSD's link_addr() and
     * ether_aton() accept them ("0:1:2:3:4:5" too). EINVAL when malformed.
     */
    public static long parse(String text) {
        String[] parts = text.split("[:.-]", -1);
        if (parts.length != 6) {
            throw new IfnetException(org.ifnet.core.ioctl.Errno.EINVAL, "bad MAC address: " + text);
        }
        long mac = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2) {
                throw new IfnetException(Errno.EINVAL, "bad MAC address: " + text);
            }
            int v = 0;
            for (int i = 0; i < p.length(); i++) {
                int d = Character.digit(p.charAt(i), 16);
                if (d < 0) {
                    throw new IfnetException(Errno.EINVAL, "bad MAC address: " + text);
                }
                v = v * 16 + d;
            }
            mac = (mac << 8) | v;
        }
        return mac;
    }

    public static boolean isMulticast(long mac) {
        return ((mac >>> 40) & 1) != 0;
    }

    public static boolean isValid(long mac) {
        return mac >= 0 && (mac & ~MASK) == 0;
    }

    /**
     * A locally administered unicast address derived from a seed, the way FreeBSD's
     * ether_gen_addr() derives one from the host and the interface name.
     */
    public static long generate(long seed) {
        long x = seed * 0x9E3779B97F4A7C15L;
        x ^= x >>> 29;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 32;
        long mac = (x & MASK);
        mac &= ~(1L << 40); // unicast
        mac |= (1L << 41);  // locally administered
        return mac;
    }
}
