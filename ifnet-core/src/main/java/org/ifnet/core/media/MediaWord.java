package org.ifnet.core.media;

import java.util.StringJoiner;

/**
 * ifmedia words with FreeBSD's encoding (sys/net/if_media.h): network type in IFM_NMASK,
 * subtype in IFM_TMASK, global options in IFM_GMASK. Only the Ethernet subtypes our drivers
 * offer are named; the numbers are FreeBSD's.
 */
public final class MediaWord {
    public static final int IFM_ETHER = 0x20;
    public static final int IFM_NMASK = 0xe0;
    public static final int IFM_TMASK = 0x1f;
    public static final int IFM_GMASK = 0x0ff00000;

    public static final int IFM_AUTO = 0;
    public static final int IFM_MANUAL = 1;
    public static final int IFM_NONE = 2;
    public static final int IFM_10_T = 3;
    public static final int IFM_100_TX = 6;
    public static final int IFM_1000_T = 16;
    public static final int IFM_10G_LR = 18;
    public static final int IFM_10G_SR = 19;
    public static final int IFM_10G_T = 26;
    public static final int IFM_40G_CR4 = 27;

    public static final int IFM_FDX = 0x00100000;
    public static final int IFM_HDX = 0x00200000;
    public static final int IFM_FLOW = 0x00400000;
    public static final int IFM_LOOP = 0x08000000;

    /** Status bits. */
    public static final int IFM_AVALID = 0x1;
    public static final int IFM_ACTIVE = 0x2;

    private static final int[] SUBTYPES = {IFM_AUTO, IFM_MANUAL, IFM_NONE, IFM_10_T, IFM_100_TX,
        IFM_1000_T, IFM_10G_LR, IFM_10G_SR, IFM_10G_T, IFM_40G_CR4};
    private static final String[] SUBTYPE_NAMES = {"autoselect", "manual", "none", "10baseT/UTP",
        "100baseTX", "1000baseT", "10Gbase-LR", "10Gbase-SR", "10Gbase-T", "40Gbase-CR4"};
    private static final String[][] SUBTYPE_ALIASES = {{"auto"}, {}, {}, {"10baseT", "UTP", "10UTP"},
        {"100TX"}, {"1000TX", "1000baseTX"}, {}, {}, {}, {}};
    private static final long[] SUBTYPE_SPEEDS = {0, 0, 0, 10_000_000L, 100_000_000L,
        1_000_000_000L, 10_000_000_000L, 10_000_000_000L, 10_000_000_000L, 40_000_000_000L};
    private static final int[] OPTIONS = {IFM_FDX, IFM_HDX, IFM_FLOW, IFM_LOOP};
    private static final String[] OPTION_NAMES = {"full-duplex", "half-duplex", "flowcontrol", "loopback"};

    private MediaWord() {
    }

    public static int subtype(int word) {
        return word & IFM_TMASK;
    }

    public static int options(int word) {
        return word & IFM_GMASK;
    }

    /** "Ethernet" for IFM_ETHER. */
    public static String typeName(int word) {
        return (word & IFM_NMASK) == IFM_ETHER ? "Ethernet" : "unknown type";
    }

    /** "10Gbase-T", "autoselect". */
    public static String subtypeName(int word) {
        int st = subtype(word);
        for (int i = 0; i < SUBTYPES.length; i++) {
            if (SUBTYPES[i] == st) {
                return SUBTYPE_NAMES[i];
            }
        }
        return "unknown subtype";
    }

    /** The link speed in bit/s of a subtype, 0 when it has none (autoselect). */
    public static long speed(int word) {
        int st = subtype(word);
        for (int i = 0; i < SUBTYPES.length; i++) {
            if (SUBTYPES[i] == st) {
                return SUBTYPE_SPEEDS[i];
            }
        }
        return 0;
    }

    /** "full-duplex,flowcontrol", or "" without options. */
    public static String optionNames(int word) {
        StringJoiner j = new StringJoiner(",");
        for (int i = 0; i < OPTIONS.length; i++) {
            if ((word & OPTIONS[i]) != 0) {
                j.add(OPTION_NAMES[i]);
            }
        }
        return j.toString();
    }

    /** "10Gbase-T <full-duplex>" or "autoselect": a word's subtype and options as ifconfig prints them. */
    public static String describe(int word) {
        String opts = optionNames(word);
        return opts.isEmpty() ? subtypeName(word) : subtypeName(word) + " <" + opts + ">";
    }

    /** Ethernet subtype for a name ifconfig accepts ("1000baseT", "autoselect", "auto"); -1 if unknown. */
    public static int parseSubtype(String name) {
        for (int i = 0; i < SUBTYPES.length; i++) {
            if (SUBTYPE_NAMES[i].equalsIgnoreCase(name)) {
                return SUBTYPES[i];
            }
            for (String alias : SUBTYPE_ALIASES[i]) {
                if (alias.equalsIgnoreCase(name)) {
                    return SUBTYPES[i];
                }
            }
        }
        return -1;
    }

    /** Option bit for a name ifconfig accepts ("full-duplex", "fdx"); 0 if unknown. */
    public static int parseOption(String name) {
        switch (name.toLowerCase()) {
            case "full-duplex": case "fdx": return IFM_FDX;
            case "half-duplex": case "hdx": return IFM_HDX;
            case "flowcontrol": case "flow": return IFM_FLOW;
            case "loopback": case "loop": return IFM_LOOP;
            default: return 0;
        }
    }
}
