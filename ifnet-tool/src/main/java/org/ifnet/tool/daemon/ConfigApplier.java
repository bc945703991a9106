package org.ifnet.tool.daemon;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ifnet.core.IfCap;
import org.ifnet.core.IfFlags;
import org.ifnet.core.MacAddress;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.CapReply;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.media.MediaWord;
import org.ifnet.tool.proto.Call;

/**
 * Applies a saved configuration at start, as rc(8) applies rc.conf: renames of interfaces
 * that exist already, then each cloned interface (created, and the interfaces it made renamed
 * at once), then each interface's ifconfig words in order. Every step runs as a daemon call
 * (privileged, tracked like a client's), so the stack ends up as if a client had typed it.
 *
 * <p>A step that fails is logged with its errno text and skipped; the rest still applies, as
 * a bad rc.conf line does not stop a boot. A small ifconfig word set of its own is parsed
 * here (the settings {@link SettingsDiff} writes plus the drivers' words); it can later give
 * way to the shared ifconfig grammar.
 */
final class ConfigApplier {
    private final CallHandler calls;
    private final List<DriverSettings> drivers;
    private final DaemonLog log;
    private int failures;

    ConfigApplier(CallHandler calls, List<DriverSettings> drivers, DaemonLog log) {
        this.calls = calls;
        this.drivers = drivers;
        this.log = log;
    }

    /** Applies {@code c}; returns the number of steps that failed. */
    int apply(SavedConfig c) {
        failures = 0;
        Set<String> renamedAlready = new HashSet<>();
        renameExisting(c, renamedAlready);
        for (SavedConfig.Clone clone : c.clones()) {
            List<String> before = calls.internal(new Call.Interfaces());
            try {
                calls.internal(new Call.Create(clone.name(), params(clone.args())));
            } catch (IfnetException e) {
                fail("ifconfig " + clone.name() + " create", e);
                continue;
            }
            List<String> made = new ArrayList<>(calls.internal(new Call.Interfaces()));
            made.removeAll(before);
            for (String ifname : made) {
                rename(c, ifname, renamedAlready);
            }
        }
        renameExisting(c, renamedAlready);
        for (SavedConfig.Settings s : c.settings()) {
            applyWords(s.ifname(), s.words());
        }
        return failures;
    }

    private void renameExisting(SavedConfig c, Set<String> done) {
        List<String> now = calls.internal(new Call.Interfaces());
        for (SavedConfig.Rename r : c.renames()) {
            if (now.contains(r.from())) {
                rename(c, r.from(), done);
            }
        }
    }

    private void rename(SavedConfig c, String ifname, Set<String> done) {
        String to = c.renamedTo(ifname);
        if (to == null || !done.add(ifname)) {
            return;
        }
        try {
            calls.internal(new Call.Ioctl<>(ifname, new GenericRequest.SetName(to)));
        } catch (IfnetException e) {
            fail("ifconfig " + ifname + " name " + to, e);
        }
    }

    /** Create parameters from words: "vlan 5 vlandev epair0a" is {vlan=5, vlandev=epair0a}. */
    static CloneParams params(List<String> args) {
        if (args.size() % 2 != 0) {
            throw new IfnetException(Errno.EINVAL, "create parameters come in pairs: " + args);
        }
        String[] kv = args.toArray(new String[0]);
        return CloneParams.of(kv);
    }

    private void fail(String what, IfnetException e) {
        failures++;
        log.warn("config: " + what + ": " + e.errno().text() + " (" + e.getMessage() + ")");
    }

    /** Applies one line's words in order; a failing word is logged and the line goes on. */
    void applyWords(String ifname, List<String> words) {
        Deque<String> q = new ArrayDeque<>(words);
        String name = ifname;
        while (!q.isEmpty()) {
            String word = q.peekFirst();
            try {
                name = applyOne(name, q);
            } catch (IfnetException e) {
                fail("ifconfig " + name + " " + word, e);
            }
        }
    }

    /** Applies and removes the head word (and its values); returns the interface's name after. */
    private String applyOne(String ifname, Deque<String> q) {
        for (DriverSettings d : drivers) {
            if (d.apply(ifname, q, calls)) {
                return ifname;
            }
        }
        String w = q.removeFirst();
        switch (w) {
            case "up": flags(ifname, IfFlags.UP, 0); return ifname;
            case "down": flags(ifname, 0, IfFlags.UP); return ifname;
            case "mtu": ioctl(ifname, new GenericRequest.SetMtu(number(w, q))); return ifname;
            case "metric": ioctl(ifname, new GenericRequest.SetMetric(number(w, q))); return ifname;
            case "description": case "descr":
                ioctl(ifname, new GenericRequest.SetDescr(value(w, q))); return ifname;
            case "-description": case "-descr":
                ioctl(ifname, new GenericRequest.SetDescr("")); return ifname;
            case "ether": case "lladdr": case "link":
                ioctl(ifname, new GenericRequest.SetLladdr(MacAddress.parse(value(w, q)))); return ifname;
            case "group": ioctl(ifname, new GenericRequest.AddGroup(value(w, q))); return ifname;
            case "-group": ioctl(ifname, new GenericRequest.DelGroup(value(w, q))); return ifname;
            case "media": media(ifname, value(w, q)); return ifname;
            case "mediaopt": mediaopt(ifname, value(w, q), true); return ifname;
            case "-mediaopt": mediaopt(ifname, value(w, q), false); return ifname;
            case "name": {
                String to = value(w, q);
                ioctl(ifname, new GenericRequest.SetName(to));
                return to;
            }
            default:
                break;
        }
        for (int i = 0; i < SettingsDiff.FLAG_BITS.length; i++) {
            if (w.equals(SettingsDiff.FLAG_SET[i])) {
                flags(ifname, SettingsDiff.FLAG_BITS[i], 0);
                return ifname;
            }
            if (w.equals(SettingsDiff.FLAG_CLEAR[i])) {
                flags(ifname, 0, SettingsDiff.FLAG_BITS[i]);
                return ifname;
            }
        }
        boolean clear = w.startsWith("-");
        int cap = IfCap.bit(clear ? w.substring(1) : w);
        if (cap != 0) {
            CapReply c = ioctl(ifname, new GenericRequest.GetCap());
            ioctl(ifname, new GenericRequest.SetCap(clear ? c.enabled() & ~cap : c.enabled() | cap));
            return ifname;
        }
        throw new IfnetException(Errno.EINVAL, "unknown word '" + w + "'");
    }

    private <R> R ioctl(String ifname, org.ifnet.core.ioctl.IfRequest<R> req) {
        return calls.internal(new Call.Ioctl<>(ifname, req));
    }

    private void flags(String ifname, int set, int clear) {
        int f = ioctl(ifname, new GenericRequest.GetFlags());
        ioctl(ifname, new GenericRequest.SetFlags((f | set) & ~clear));
    }

    private void media(String ifname, String subtype) {
        int st = MediaWord.parseSubtype(subtype);
        if (st < 0) {
            throw new IfnetException(Errno.EINVAL, "unknown media subtype " + subtype);
        }
        int cur = ioctl(ifname, new GenericRequest.GetMedia()).current();
        int type = cur & MediaWord.IFM_NMASK;
        ioctl(ifname, new GenericRequest.SetMedia(type | st));
    }

    private void mediaopt(String ifname, String list, boolean set) {
        int opts = 0;
        for (String o : list.split(",")) {
            int bit = MediaWord.parseOption(o);
            if (bit == 0) {
                throw new IfnetException(Errno.EINVAL, "unknown media option " + o);
            }
            opts |= bit;
        }
        int cur = ioctl(ifname, new GenericRequest.GetMedia()).current();
        ioctl(ifname, new GenericRequest.SetMedia(set ? cur | opts : cur & ~opts));
    }

    static String value(String word, Deque<String> q) {
        if (q.isEmpty()) {
            throw new IfnetException(Errno.EINVAL, "'" + word + "' needs a value");
        }
        return q.removeFirst();
    }

    static int number(String word, Deque<String> q) {
        String v = value(word, q);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IfnetException(Errno.EINVAL, "'" + word + "' needs a number, not '" + v + "'");
        }
    }
}
