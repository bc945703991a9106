package org.ifnet.tool.ifconfig;

import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.IfCap;
import org.ifnet.core.IfFlags;
import org.ifnet.core.MacAddress;
import org.ifnet.core.ioctl.CapReply;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.core.media.MediaWord;

/**
 * The words every interface understands, as FreeBSD's ifconfig.c, ifclone.c, ifgroup.c,
 * ifmedia.c and af_link.c define them, with their error texts. Numbers are checked strictly
 * (FreeBSD's atoi would turn "abc" into 0).
 */
final class BaseWords {
    private BaseWords() {
    }

    static List<Word> all() {
        List<Word> w = new ArrayList<>();
        // ifclone.c
        w.add(new Word("create", Word.Arg.NONE, true, (s, a) -> s.requestCreate()));
        w.add(new Word("plumb", Word.Arg.NONE, true, (s, a) -> s.requestCreate()));
        w.add(Word.plain("destroy", BaseWords::destroy));
        w.add(Word.plain("unplumb", BaseWords::destroy));
        // flags
        flag(w, "up", IfFlags.UP);
        flag(w, "down", -IfFlags.UP);
        flag(w, "arp", -IfFlags.NOARP);
        flag(w, "-arp", IfFlags.NOARP);
        flagPair(w, "debug", IfFlags.DEBUG);
        flagPair(w, "promisc", IfFlags.PPROMISC);
        flagPair(w, "link0", IfFlags.LINK0);
        flagPair(w, "link1", IfFlags.LINK1);
        flagPair(w, "link2", IfFlags.LINK2);
        flagPair(w, "monitor", IfFlags.MONITOR);
        flagPair(w, "staticarp", IfFlags.STATICARP);
        // capabilities
        cap(w, "rxcsum", IfCap.RXCSUM);
        cap(w, "txcsum", IfCap.TXCSUM);
        cap(w, "rxcsum6", IfCap.RXCSUM_IPV6);
        cap(w, "txcsum6", IfCap.TXCSUM_IPV6);
        cap(w, "tso4", IfCap.TSO4);
        cap(w, "tso6", IfCap.TSO6);
        cap(w, "tso", IfCap.TSO4 | IfCap.TSO6);
        cap(w, "lro", IfCap.LRO);
        cap(w, "vlanmtu", IfCap.VLAN_MTU);
        cap(w, "vlanhwtag", IfCap.VLAN_HWTAGGING);
        cap(w, "vlanhwfilter", IfCap.VLAN_HWFILTER);
        cap(w, "vlanhwtso", IfCap.VLAN_HWTSO);
        cap(w, "vlanhwcsum", IfCap.VLAN_HWCSUM);
        cap(w, "linkstate", IfCap.LINKSTATE);
        // values
        w.add(Word.withArg("mtu", (s, a) -> s.ioctl(new GenericRequest.SetMtu(number("mtu", a)),
                "ioctl SIOCSIFMTU (set mtu)")));
        w.add(Word.withArg("metric", (s, a) -> s.ioctl(new GenericRequest.SetMetric(number("metric", a)),
                "ioctl SIOCSIFMETRIC (set metric)")));
        w.add(Word.withArg("description", BaseWords::describe));
        w.add(Word.withArg("descr", BaseWords::describe));
        w.add(Word.plain("-description", (s, a) -> describe(s, "")));
        w.add(Word.plain("-descr", (s, a) -> describe(s, "")));
        w.add(Word.withArg("name", BaseWords::rename));
        // af_link.c: the link-level address (FreeBSD's "ether", "lladdr" and "link" families)
        w.add(Word.withArg("ether", BaseWords::lladdr));
        w.add(Word.withArg("lladdr", BaseWords::lladdr));
        w.add(Word.withArg("link", BaseWords::lladdr));
        // ifgroup.c
        w.add(Word.withArg("group", (s, a) -> group(s, a, true)));
        w.add(Word.withArg("-group", (s, a) -> group(s, a, false)));
        // ifmedia.c
        w.add(Word.withArg("media", BaseWords::media));
        w.add(Word.withArg("mediaopt", (s, a) -> mediaopt(s, a, false)));
        w.add(Word.withArg("-mediaopt", (s, a) -> mediaopt(s, a, true)));
        return w;
    }

    /** A strict decimal integer; "invalid value for mtu: abc" otherwise. */
    static int number(String word, String text) {
        return integer(text, "invalid value for " + word + ": ");
    }

    /** A strict decimal integer; {@code messagePrefix + text} as the error otherwise. */
    static int integer(String text, String messagePrefix) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw IfconfigException.errx(messagePrefix + text);
        }
    }

    private static void destroy(Session s, String unused) {
        try {
            s.client().destroy(s.name());
        } catch (IfnetException e) {
            throw IfconfigException.err("SIOCIFDESTROY", e.errno());
        }
    }

    private static void flag(List<Word> w, String name, int value) {
        w.add(Word.plain(name, (s, vname) -> {
            int flags = s.ioctlPerror(new GenericRequest.GetFlags(), "ioctl (SIOCGIFFLAGS)");
            flags = value < 0 ? flags & ~(-value) : flags | value;
            s.ioctlPerror(new GenericRequest.SetFlags(flags), vname);
        }));
    }

    /** {@code name} sets the flag, {@code -name} clears it. */
    private static void flagPair(List<Word> w, String name, int bit) {
        flag(w, name, bit);
        flag(w, "-" + name, -bit);
    }

    private static void cap(List<Word> w, String name, int bits) {
        w.add(Word.plain(name, (s, vname) -> setCap(s, vname, bits)));
        w.add(Word.plain("-" + name, (s, vname) -> setCap(s, vname, -bits)));
    }

    /** FreeBSD's setifcap: the enabled set plus or minus the bits, limited to what the interface has. */
    private static void setCap(Session s, String vname, int value) {
        CapReply cur = s.ioctlPerror(new GenericRequest.GetCap(), "ioctl (SIOCGIFCAP)");
        int flags = value < 0 ? cur.enabled() & ~(-value) : cur.enabled() | value;
        flags &= cur.capabilities();
        s.ioctlPerror(new GenericRequest.SetCap(flags), vname);
    }

    private static void describe(Session s, String text) {
        s.ioctl(new GenericRequest.SetDescr(text), "ioctl SIOCSIFDESCR (set descr)");
    }

    private static void rename(Session s, String newName) {
        s.ioctl(new GenericRequest.SetName(newName), "ioctl SIOCSIFNAME (set name)");
        s.renamed(newName);
    }

    private static void lladdr(Session s, String text) {
        long mac;
        try {
            mac = MacAddress.parse(text);
        } catch (IfnetException e) {
            throw IfconfigException.errx("malformed link-level address: " + text);
        }
        s.ioctlPerror(new GenericRequest.SetLladdr(mac), "ioctl (SIOCAIFADDR)");
    }

    private static void group(Session s, String group, boolean add) {
        String fn = add ? "setifgroup" : "unsetifgroup";
        if (!group.isEmpty() && Character.isDigit(group.charAt(group.length() - 1))) {
            throw IfconfigException.errx(fn + ": group names may not end in a digit");
        }
        if (group.length() >= 16) {
            throw IfconfigException.errx(fn + ": group name too long");
        }
        if (add) {
            // FreeBSD's setifgroup ignores EEXIST: joining a group one is in is not an error
            try {
                s.client().ioctl(s.name(), new GenericRequest.AddGroup(group));
            } catch (IfnetException e) {
                if (e.errno() != Errno.EEXIST) {
                    throw IfconfigException.err("SIOCAIFGROUP", e.errno());
                }
            }
        } else {
            s.ioctl(new GenericRequest.DelGroup(group), "SIOCDIFGROUP");
        }
    }

    /** FreeBSD's ifmedia_getstate: the media word being built, read once from the interface. */
    private static MediaReply mediaState(Session s) {
        MediaReply r = s.ioctl(new GenericRequest.GetMedia(), "SIOCGIFMEDIA");
        if (r.supported().isEmpty()) {
            throw IfconfigException.errx(s.name() + ": no media types?");
        }
        return r;
    }

    private static void media(Session s, String text) {
        MediaReply r = mediaState(s);
        int current = s.pendingMedia() != null ? s.pendingMedia() : r.current();
        int type = r.supported().get(0) & MediaWord.IFM_NMASK;
        int subtype = MediaWord.parseSubtype(text);
        if (subtype < 0) {
            throw IfconfigException.errx("unknown media subtype: " + text);
        }
        int word = (current & ~(MediaWord.IFM_NMASK | MediaWord.IFM_TMASK)) | type | subtype;
        if ((word & MediaWord.IFM_TMASK) == 0) {
            word &= ~MediaWord.IFM_GMASK; // autoselect carries no options
        }
        s.setPendingMedia(word);
    }

    private static void mediaopt(Session s, String list, boolean clear) {
        MediaReply r = mediaState(s);
        int word = s.pendingMedia() != null ? s.pendingMedia() : r.current();
        int options = 0;
        for (String opt : list.split(",")) {
            int o = MediaWord.parseOption(opt);
            if (o == 0) {
                throw IfconfigException.errx("unknown option: " + opt);
            }
            options |= o;
        }
        if (clear) {
            word &= ~options;
        } else {
            if ((options & MediaWord.IFM_HDX) != 0) {
                word &= ~MediaWord.IFM_FDX;
                options &= ~MediaWord.IFM_HDX;
            }
            word |= options;
        }
        s.setPendingMedia(word);
    }
}
