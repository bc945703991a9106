package org.ifnet.tool.daemon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifnet.core.IfInfo;
import org.ifnet.core.IfRef;
import org.ifnet.drivers.lagg.LaggOptions;
import org.ifnet.drivers.lagg.LaggPortStatus;
import org.ifnet.drivers.lagg.LaggRequest;
import org.ifnet.drivers.lagg.LaggStatus;
import org.ifnet.drivers.lagg.hash.FlowHash;
import org.ifnet.drivers.lagg.proto.LaggProto;

/**
 * lagg's settings as ifconfig words: {@code laggproto}, {@code lagghash}, {@code use_flowid},
 * {@code flowid_shift}, {@code rx_all}, {@code rr_limit} (roundrobin only) and one
 * {@code laggport} per port. A change writes only what differs from the lagg as it was made:
 * the protocol first (rr_limit needs roundrobin), then hash and options, then ports removed
 * and ports added. The lagg's line follows its ports' lines, so each port has its own settings
 * (its MTU) before it joins.
 */
final class LaggSettings implements DriverSettings {
    /** The settings in the order they must be applied; ports are kept apart. */
    private static final List<String> ORDER = List.of("laggproto", "lagghash", "use_flowid", "flowid_shift",
            "rx_all", "rr_limit");

    @Override
    public boolean handles(IfInfo info) {
        return info.driver().equals("lagg");
    }

    @Override
    public List<String> state(IfRef ref, IfInfo info) {
        LaggStatus s = ref.ioctl(new LaggRequest.GetLagg());
        LaggOptions o = s.options();
        List<String> w = new ArrayList<>(List.of("laggproto", s.proto().protoName(),
                "lagghash", FlowHash.names(s.hashLayers()),
                o.useFlowid() ? "use_flowid" : "-use_flowid",
                "flowid_shift", Integer.toString(o.flowidShift()),
                o.rxAll() ? "rx_all" : "-rx_all"));
        if (s.proto() == LaggProto.ROUNDROBIN && o.rrLimit() > 0) {
            w.add("rr_limit");
            w.add(Integer.toString(o.rrLimit()));
        }
        for (LaggPortStatus p : s.ports()) {
            w.add("laggport");
            w.add(p.port());
        }
        return w;
    }

    @Override
    public List<String> dependsOn(List<String> state) {
        return ports(state);
    }

    @Override
    public boolean takesLink(List<String> state) {
        return !ports(state).isEmpty();
    }

    @Override
    public boolean recreatesBare(String recreateName) {
        return false; // its only create parameter (laggtype) names nothing that could be gone
    }

    @Override
    public List<String> change(List<String> was, List<String> now) {
        if (was.equals(now)) {
            return List.of();
        }
        Map<String, List<String>> before = settings(was);
        Map<String, List<String>> after = settings(now);
        boolean protoChanged = !after.get("laggproto").equals(before.get("laggproto"));
        List<String> w = new ArrayList<>();
        for (String key : ORDER) {
            List<String> v = after.get(key);
            // switching protocol resets roundrobin's stride, so it is written again
            if (v != null && (!v.equals(before.get(key)) || (key.equals("rr_limit") && protoChanged))) {
                w.addAll(v);
            }
        }
        List<String> oldPorts = ports(was);
        List<String> newPorts = ports(now);
        for (String p : oldPorts) {
            if (!newPorts.contains(p)) {
                w.add("-laggport");
                w.add(p);
            }
        }
        for (String p : newPorts) {
            if (!oldPorts.contains(p)) {
                w.add("laggport");
                w.add(p);
            }
        }
        return w;
    }

    /** The settings of a state, keyed by the word that sets them (the on/off words by their name). */
    private static Map<String, List<String>> settings(List<String> state) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < state.size(); i++) {
            String w = state.get(i);
            switch (w) {
                case "laggproto": case "lagghash": case "flowid_shift": case "rr_limit":
                    m.put(w, List.of(w, state.get(++i)));
                    break;
                case "use_flowid": case "-use_flowid": case "rx_all": case "-rx_all":
                    m.put(w.startsWith("-") ? w.substring(1) : w, List.of(w));
                    break;
                case "laggport":
                    i++;
                    break;
                default:
                    break;
            }
        }
        return m;
    }

    private static List<String> ports(List<String> state) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < state.size(); i++) {
            if (state.get(i).equals("laggport")) {
                out.add(state.get(++i));
            }
        }
        return out;
    }
}
