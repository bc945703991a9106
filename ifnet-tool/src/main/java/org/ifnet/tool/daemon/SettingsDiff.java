package org.ifnet.tool.daemon;

import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.IfCap;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfInfo;
import org.ifnet.core.MacAddress;
import org.ifnet.core.media.MediaWord;

/**
 * The generic settings an interface has beyond what it had when it was made, as ifconfig
 * words of the shared ifconfig grammar, in an order that applies cleanly: the driver's words
 * first (a vlan's parent, a lagg's ports, which set the MTU and address), then address,
 * metric, description, media, capabilities, other flags, groups, "up" or "down", and the MTU
 * last: it is the word a driver may refuse on replay (a vlan's MTU beyond what its parent now
 * carries), and ifconfig stops a line at its first failing word. {@link ConfigApplier} reads the same words back.
 */
final class SettingsDiff {
    /** The flags ifconfig sets by name, besides UP, with their words (set, clear). */
    static final int[] FLAG_BITS = {IfFlags.DEBUG, IfFlags.LINK0, IfFlags.LINK1, IfFlags.LINK2,
        IfFlags.NOARP, IfFlags.PPROMISC, IfFlags.MONITOR, IfFlags.STATICARP};
    static final String[] FLAG_SET = {"debug", "link0", "link1", "link2", "-arp", "promisc", "monitor",
        "staticarp"};
    static final String[] FLAG_CLEAR = {"-debug", "-link0", "-link1", "-link2", "arp", "-promisc", "-monitor",
        "-staticarp"};
    /**
     * The capabilities ifconfig enables by name (FreeBSD's words); the others have no word, so
     * a change to them cannot be written (no driver here lets them change).
     */
    static final int[] CAP_BITS = {IfCap.RXCSUM, IfCap.TXCSUM, IfCap.RXCSUM_IPV6, IfCap.TXCSUM_IPV6, IfCap.TSO4,
        IfCap.TSO6, IfCap.LRO, IfCap.VLAN_MTU, IfCap.VLAN_HWTAGGING, IfCap.VLAN_HWFILTER, IfCap.VLAN_HWTSO,
        IfCap.VLAN_HWCSUM, IfCap.LINKSTATE};
    static final String[] CAP_WORDS = {"rxcsum", "txcsum", "rxcsum6", "txcsum6", "tso4", "tso6", "lro", "vlanmtu",
        "vlanhwtag", "vlanhwfilter", "vlanhwtso", "vlanhwcsum", "linkstate"};

    private SettingsDiff() {
    }

    /**
     * {@code taken}: the interface has its address and MTU from others (a vlan from its parent,
     * a lagg from its first port) and keeps them, so on replay they depend on the order things
     * happen: both are written. {@code bare}: it is made again without its create parameters, so
     * what it was when first made says nothing about the replay: its address is written, and
     * its MTU only when taken (a bare vlan has no parent to carry one). {@code explicitUp}:
     * others take it over (a lagg port, whose UP the lagg sets), so "up" or "down" is written.
     */
    static List<String> words(ConfigTracker.Known k, IfInfo now, int mediaNow, List<String> driverWords,
                              boolean taken, boolean bare, boolean explicitUp) {
        IfInfo was = k.baseline();
        List<String> w = new ArrayList<>(driverWords);
        boolean etherChanged = bare ? now.lladdr() != 0 : now.lladdr() != was.lladdr();
        if ((taken || etherChanged) && now.lladdr() != MacAddress.NONE) {
            w.add("ether");
            w.add(MacAddress.format(now.lladdr()));
        }
        if (now.metric() != was.metric()) {
            w.add("metric");
            w.add(Integer.toString(now.metric()));
        }
        if (!now.description().equals(was.description())) {
            if (now.description().isEmpty()) {
                w.add("-description");
            } else {
                w.add("description");
                w.add(now.description());
            }
        }
        if (mediaNow != k.baselineMedia() && mediaNow != ConfigTracker.NO_MEDIA
                && k.baselineMedia() != ConfigTracker.NO_MEDIA) {
            w.add("media");
            w.add(MediaWord.subtypeName(mediaNow));
            String opts = MediaWord.optionNames(mediaNow);
            if (!opts.isEmpty()) {
                w.add("mediaopt");
                w.add(opts);
            }
        }
        int capDiff = now.capenable() ^ was.capenable();
        for (int i = 0; i < CAP_BITS.length; i++) {
            if ((capDiff & CAP_BITS[i]) != 0) {
                w.add((now.capenable() & CAP_BITS[i]) != 0 ? CAP_WORDS[i] : "-" + CAP_WORDS[i]);
            }
        }
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if (((now.flags() ^ was.flags()) & FLAG_BITS[i]) != 0) {
                w.add((now.flags() & FLAG_BITS[i]) != 0 ? FLAG_SET[i] : FLAG_CLEAR[i]);
            }
        }
        for (String g : was.groups()) {
            if (!now.groups().contains(g)) {
                w.add("-group");
                w.add(g);
            }
        }
        for (String g : now.groups()) {
            if (!was.groups().contains(g)) {
                w.add("group");
                w.add(g);
            }
        }
        if (explicitUp || ((now.flags() ^ was.flags()) & IfFlags.UP) != 0) {
            w.add((now.flags() & IfFlags.UP) != 0 ? "up" : "down");
        }
        if (taken || (!bare && now.mtu() != was.mtu())) {
            w.add("mtu");
            w.add(Integer.toString(now.mtu()));
        }
        return w;
    }
}
