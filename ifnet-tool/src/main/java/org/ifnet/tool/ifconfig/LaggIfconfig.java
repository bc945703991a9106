package org.ifnet.tool.ifconfig;

import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.IfInfo;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.drivers.lagg.LaggOpt;
import org.ifnet.drivers.lagg.LaggOptions;
import org.ifnet.drivers.lagg.LaggPortStatus;
import org.ifnet.drivers.lagg.LaggRequest;
import org.ifnet.drivers.lagg.LaggStatus;
import org.ifnet.drivers.lagg.hash.FlowHash;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.ifnet.drivers.lagg.proto.PortFlags;
import org.ifnet.tool.client.StackClient;

/**
 * lagg's part of ifconfig, as FreeBSD's iflagg.c: the words {@code laggproto},
 * {@code laggport}, {@code -laggport}, {@code lagghash}, {@code use_flowid} /
 * {@code -use_flowid}, {@code flowid_shift}, {@code rr_limit}, the lacp options, the create
 * parameter {@code laggtype}, and ifnet's per-lagg {@code rx_all} / {@code -rx_all} (FreeBSD
 * has only the global sysctl net.link.lagg.failover_rx_all). Status, before {@code groups:}:
 * <pre>
 *         laggproto failover lagghash l2,l3,l4
 *         lagg options:                        (-v)
 *                 flags=1&lt;USE_FLOWID&gt;
 *                 flowid_shift: 16
 *         lagg statistics:                     (-v)
 *                 active ports: 1
 *                 flapping: 0
 *         laggport: epair0a flags=5&lt;MASTER,ACTIVE&gt;
 * </pre>
 */
public final class LaggIfconfig implements IfconfigExtension {

    @Override
    public List<Word> words() {
        List<Word> w = new ArrayList<>();
        w.add(Word.cloneWithArg("laggtype", (s, type) -> {
            if (!type.equals("ethernet") && !type.equals("infiniband")) {
                throw IfconfigException.errx("invalid lagg type: " + type);
            }
            s.cloneParam("laggtype", type);
        }));
        w.add(Word.withArg("laggport", LaggIfconfig::addPort));
        w.add(Word.withArg("-laggport", (s, port) -> s.ioctl(new LaggRequest.DelLaggPort(port), "SIOCSLAGGDELPORT")));
        w.add(Word.withArg("laggproto", (s, name) -> {
            LaggProto p = LaggProto.byName(name);
            if (p == null) {
                throw IfconfigException.errx("Invalid aggregation protocol: " + name);
            }
            s.ioctl(new LaggRequest.SetLaggProto(p), "SIOCSLAGG");
        }));
        w.add(Word.withArg("lagghash", LaggIfconfig::setHash));
        option(w, "use_flowid", LaggOpt.USE_FLOWID);
        option(w, "lacp_strict", LaggOpt.LACP_STRICT);
        option(w, "lacp_txtest", LaggOpt.LACP_TXTEST);
        option(w, "lacp_rxtest", LaggOpt.LACP_RXTEST);
        option(w, "lacp_fast_timeout", LaggOpt.LACP_FAST_TIMO);
        option(w, "rx_all", LaggOpt.RX_ALL);
        w.add(Word.withArg("flowid_shift", (s, v) -> {
            int shift = BaseWords.integer(v, "Invalid flowid_shift option: ");
            if ((shift & ~0x1f) != 0) {
                throw IfconfigException.errx("Invalid flowid_shift option: " + v);
            }
            s.ioctl(new LaggRequest.SetLaggOpts(LaggOpt.FLOWID_SHIFT, shift), "SIOCSLAGGOPTS");
        }));
        w.add(Word.withArg("rr_limit", (s, v) -> {
            int stride = BaseWords.integer(v, "Invalid round-robin stride: ");
            if (stride <= 0) {
                throw IfconfigException.errx("Invalid round-robin stride: " + v);
            }
            s.ioctl(new LaggRequest.SetLaggOpts(LaggOpt.RR_LIMIT, stride), "SIOCSLAGGOPTS");
        }));
        return w;
    }

    /**
     * FreeBSD's setlaggport: a port that cannot be added is reported and the command goes on
     * (so one failed NIC does not take down the whole lagg configuration), exiting 1 at the
     * end; a port already in this lagg is not an error.
     */
    private static void addPort(Session s, String port) {
        try {
            s.client().ioctl(s.name(), new LaggRequest.SetLaggPort(port));
        } catch (IfnetException e) {
            if (e.errno() != Errno.EEXIST) {
                s.warn(s.name() + " " + port + ": SIOCSLAGGPORT: " + e.errno().text());
            }
        }
    }

    private static void setHash(Session s, String list) {
        int layers = 0;
        for (String tok : list.split(",", -1)) {
            switch (tok) {
                case "l2": layers |= FlowHash.L2; break;
                case "l3": layers |= FlowHash.L3; break;
                case "l4": layers |= FlowHash.L4; break;
                default: throw IfconfigException.errx("Invalid lagghash option: " + tok);
            }
        }
        if (layers == 0) {
            throw IfconfigException.errx("No lagghash options supplied");
        }
        s.ioctl(new LaggRequest.SetLaggHash(layers), "SIOCSLAGGHASH");
    }

    private static void option(List<Word> w, String name, LaggOpt opt) {
        w.add(Word.plain(name, (s, a) -> s.ioctl(LaggRequest.SetLaggOpts.on(opt), "SIOCSLAGGOPTS")));
        w.add(Word.plain("-" + name, (s, a) -> s.ioctl(LaggRequest.SetLaggOpts.off(opt), "SIOCSLAGGOPTS")));
    }

    // ================================================================== status

    @Override
    public boolean appliesTo(IfInfo info) {
        return info.driver().equals("lagg");
    }

    @Override
    public StatusSection status(StackClient client, String ifname, boolean verbose) {
        LaggStatus st;
        try {
            st = client.ioctl(ifname, new LaggRequest.GetLagg());
        } catch (IfnetException e) {
            return null; // not a lagg (ENOTTY), or gone
        }
        return new Section(st, verbose);
    }

    /** The hash layers as ifconfig prints them: "l2,l3,l4". */
    static List<String> layers(int hash) {
        List<String> l = new ArrayList<>(3);
        if ((hash & FlowHash.L2) != 0) {
            l.add("l2");
        }
        if ((hash & FlowHash.L3) != 0) {
            l.add("l3");
        }
        if ((hash & FlowHash.L4) != 0) {
            l.add("l4");
        }
        return l;
    }

    private record Section(LaggStatus st, boolean verbose) implements StatusSection {
        @Override
        public Slot slot() {
            return Slot.BEFORE_GROUPS;
        }

        @Override
        public void text(StringBuilder sb) {
            sb.append("\tlaggproto ").append(st.proto().protoName());
            List<String> layers = layers(st.hashLayers());
            if (!layers.isEmpty()) {
                sb.append(" lagghash ").append(String.join(",", layers));
            }
            sb.append('\n');
            LaggOptions o = st.options();
            if (verbose) {
                sb.append("\tlagg options:\n");
                sb.append("\t\tflags=").append(Integer.toHexString(o.opts())).append('<')
                        .append(LaggOpt.names(o.opts())).append(">\n");
                sb.append("\t\tflowid_shift: ").append(o.flowidShift()).append('\n');
                if (st.proto() == LaggProto.ROUNDROBIN) {
                    sb.append("\t\trr_limit: ").append(o.rrLimit()).append('\n');
                }
                sb.append("\tlagg statistics:\n");
                sb.append("\t\tactive ports: ").append(o.activePorts()).append('\n');
                sb.append("\t\tflapping: ").append(o.flapping()).append('\n');
            }
            for (LaggPortStatus p : st.ports()) {
                sb.append("\tlaggport: ").append(p.port()).append(' ').append(p.flagsText()).append('\n');
            }
        }

        @Override
        public void json(Json j) {
            LaggOptions o = st.options();
            j.name("lagg").beginObject();
            j.field("proto", st.proto().protoName());
            j.field("lagghash", layers(st.hashLayers()));
            j.name("options").beginObject()
                    .field("flags", o.opts())
                    .field("flag_names", o.opts() == 0 ? List.of() : List.of(LaggOpt.names(o.opts()).split(",")))
                    .field("flowid_shift", o.flowidShift())
                    .field("rr_limit", o.rrLimit())
                    .field("rx_all", o.rxAll())
                    .endObject();
            j.name("statistics").beginObject()
                    .field("active_ports", o.activePorts()).field("flapping", o.flapping()).endObject();
            j.name("ports").beginArray();
            for (LaggPortStatus p : st.ports()) {
                String names = PortFlags.names(p.flags());
                j.beginObject().field("name", p.port()).field("flags", p.flags())
                        .field("flag_names", names.isEmpty() ? List.of() : List.of(names.split(",")))
                        .endObject();
            }
            j.endArray();
            j.endObject();
        }
    }
}
