package org.ifnet.tool.ifconfig;

import org.ifnet.core.IfInfo;
import org.ifnet.core.MacAddress;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.core.media.MediaWord;

/**
 * FreeBSD ifconfig's status output for one interface, line for line (ifconfig.c status(),
 * af_link.c, iflagg.c, ifgroup.c, ifvlan.c, ifmedia.c), in FreeBSD's order:
 * <pre>
 * epair0a: flags=8843&lt;UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST&gt; metric 0 mtu 1500
 *         description: ...            (when set)
 *         options=8&lt;VLAN_MTU&gt;         (enabled capabilities, when any)
 *         capabilities=8&lt;VLAN_MTU&gt;    (-m)
 *         ether 02:..:0a                (Ethernet-like interfaces)
 *         laggproto ... / laggport: ... (drivers before groups)
 *         groups: epair
 *         vlan: ...                     (drivers after groups)
 *         media: Ethernet 10Gbase-T &lt;full-duplex&gt;
 *         status: active
 *         supported media: ...          (-m)
 * </pre>
 * Addresses (inet, inet6, nd6) do not exist in ifnet and are not printed.
 */
public final class TextFormat {
    private TextFormat() {
    }

    public static String render(InterfaceStatus st, boolean supmedia) {
        IfInfo i = st.info();
        StringBuilder sb = new StringBuilder(256);
        sb.append(i.name()).append(": ").append(Bits.flags("flags", i.flags()))
                .append(" metric ").append(i.metric()).append(" mtu ").append(i.mtu()).append('\n');
        if (!i.description().isEmpty()) {
            sb.append("\tdescription: ").append(i.description()).append('\n');
        }
        if (i.capenable() != 0) {
            sb.append('\t').append(Bits.caps("options", i.capenable())).append('\n');
        }
        if (supmedia && i.capabilities() != 0) {
            sb.append('\t').append(Bits.caps("capabilities", i.capabilities())).append('\n');
        }
        if (i.lladdr() != MacAddress.NONE) {
            sb.append(i.type().isEthernetLike() ? "\tether " : "\tlladdr ")
                    .append(MacAddress.format(i.lladdr())).append('\n');
        }
        sections(sb, st, StatusSection.Slot.BEFORE_GROUPS);
        StringBuilder groups = new StringBuilder();
        for (String g : i.groups()) {
            if (!g.equals("all")) {
                groups.append(' ').append(g);
            }
        }
        if (groups.length() > 0) {
            sb.append("\tgroups:").append(groups).append('\n');
        }
        sections(sb, st, StatusSection.Slot.AFTER_GROUPS);
        if (st.media() != null) {
            media(sb, st.media(), supmedia);
        }
        if (!st.driverStatus().isEmpty()) {
            sb.append('\t').append(st.driverStatus()).append('\n');
        }
        return sb.toString();
    }

    private static void sections(StringBuilder sb, InterfaceStatus st, StatusSection.Slot slot) {
        for (StatusSection s : st.sections()) {
            if (s.slot() == slot) {
                s.text(sb);
            }
        }
    }

    /** ifmedia.c media_status(). */
    private static void media(StringBuilder sb, MediaReply m, boolean supmedia) {
        if (m.supported().isEmpty()) {
            return;
        }
        sb.append("\tmedia: ").append(mediaWord(m.current(), true));
        if (m.active() != m.current()) {
            sb.append(" (").append(mediaWord(m.active(), false)).append(')');
        }
        sb.append('\n');
        if ((m.status() & MediaWord.IFM_AVALID) != 0) {
            sb.append("\tstatus: ").append(mediaStatus(m)).append('\n');
        }
        if (supmedia) {
            sb.append("\tsupported media:\n");
            for (int w : m.supported()) {
                sb.append("\t\t").append(supportedWord(w)).append('\n');
            }
        }
    }

    static String mediaStatus(MediaReply m) {
        return (m.status() & MediaWord.IFM_ACTIVE) != 0 ? "active" : "no carrier";
    }

    /** print_media_word: "Ethernet 10Gbase-T &lt;full-duplex&gt;" (with the type) or "10Gbase-T &lt;full-duplex&gt;". */
    static String mediaWord(int word, boolean withType) {
        if ((word & MediaWord.IFM_NMASK) != MediaWord.IFM_ETHER) {
            return "<unknown type>";
        }
        return withType ? MediaWord.typeName(word) + " " + MediaWord.describe(word) : MediaWord.describe(word);
    }

    /** print_media_word_ifconfig: "media 10Gbase-T mediaopt full-duplex". */
    static String supportedWord(int word) {
        String opts = MediaWord.optionNames(word);
        return "media " + MediaWord.subtypeName(word) + (opts.isEmpty() ? "" : " mediaopt " + opts);
    }
}
