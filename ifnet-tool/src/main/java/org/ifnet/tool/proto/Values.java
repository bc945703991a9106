package org.ifnet.tool.proto;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfInfo;
import org.ifnet.core.IfType;
import org.ifnet.core.LeakReport;
import org.ifnet.core.LinkState;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.CapReply;
import org.ifnet.core.ioctl.MediaReply;

/**
 * The value encodings replies share. Enums cross as their FreeBSD numbers (IfType, LinkState)
 * or, for counters, their if_data position, never as Java ordinals that a reordering would
 * silently change.
 */
public final class Values {
    private Values() {
    }

    public static final ValueCodec<Ack> ACK = new ValueCodec<>() {
        public void write(Ack v, WireWriter w) {
        }

        public Ack read(WireReader r) {
            return Ack.OK;
        }
    };

    public static final ValueCodec<Integer> INT = new ValueCodec<>() {
        public void write(Integer v, WireWriter w) {
            w.i32(v);
        }

        public Integer read(WireReader r) {
            return r.i32();
        }
    };

    public static final ValueCodec<String> STRING = new ValueCodec<>() {
        public void write(String v, WireWriter w) {
            w.string(v);
        }

        public String read(WireReader r) {
            return r.string();
        }
    };

    public static final ValueCodec<List<String>> STRINGS = new ValueCodec<>() {
        public void write(List<String> v, WireWriter w) {
            w.strings(v);
        }

        public List<String> read(WireReader r) {
            return List.copyOf(r.strings());
        }
    };

    public static final ValueCodec<MediaReply> MEDIA = new ValueCodec<>() {
        public void write(MediaReply v, WireWriter w) {
            w.i32(v.current()).i32(v.active()).i32(v.status()).i32(v.supported().size());
            for (int m : v.supported()) {
                w.i32(m);
            }
        }

        public MediaReply read(WireReader r) {
            int current = r.i32();
            int active = r.i32();
            int status = r.i32();
            int n = r.count(4);
            List<Integer> supported = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                supported.add(r.i32());
            }
            return new MediaReply(current, active, status, supported);
        }
    };

    public static final ValueCodec<CapReply> CAP = new ValueCodec<>() {
        public void write(CapReply v, WireWriter w) {
            w.i32(v.capabilities()).i32(v.enabled());
        }

        public CapReply read(WireReader r) {
            return new CapReply(r.i32(), r.i32());
        }
    };

    public static final ValueCodec<IfInfo> INFO = new ValueCodec<>() {
        public void write(IfInfo v, WireWriter w) {
            w.string(v.name()).string(v.driver()).i32(v.index()).i32(v.generation())
                    .u8(v.type().value()).i32(v.flags()).i32(v.mtu()).i32(v.metric())
                    .string(v.description()).i64(v.lladdr()).i32(v.capabilities()).i32(v.capenable())
                    .u8(v.linkState().value()).i64(v.baudrate()).strings(v.groups());
            w.i32(v.counters().size());
            for (Map.Entry<IfCounter, Long> e : v.counters().entrySet()) {
                w.u8(e.getKey().ordinal()).i64(e.getValue());
            }
        }

        public IfInfo read(WireReader r) {
            String name = r.string();
            String driver = r.string();
            int index = r.i32();
            int generation = r.i32();
            IfType type = ifType(r.u8());
            int flags = r.i32();
            int mtu = r.i32();
            int metric = r.i32();
            String descr = r.string();
            long lladdr = r.i64();
            int caps = r.i32();
            int capenable = r.i32();
            LinkState link = linkState(r.u8());
            long baudrate = r.i64();
            List<String> groups = r.strings();
            int n = r.count(9);
            Map<IfCounter, Long> counters = new EnumMap<>(IfCounter.class);
            IfCounter[] all = IfCounter.values();
            for (int i = 0; i < n; i++) {
                int c = r.u8();
                if (c >= all.length) {
                    throw WireReader.malformed("counter number " + c);
                }
                counters.put(all[c], r.i64());
            }
            return new IfInfo(name, driver, index, generation, type, flags, mtu, metric, descr, lladdr,
                    caps, capenable, link, baudrate, groups, counters);
        }
    };

    public static final ValueCodec<LeakReport> LEAKS = new ValueCodec<>() {
        public void write(LeakReport v, WireWriter w) {
            w.strings(v.heldReferences()).strings(v.unreleasedSoftcs())
                    .i64(v.poisonedAccesses()).i64(v.doubleCloses()).i64(v.outstandingFrames());
        }

        public LeakReport read(WireReader r) {
            return new LeakReport(r.strings(), r.strings(), r.i64(), r.i64(), r.i64());
        }
    };

    /** Create parameters: a u16 count of key/value string pairs, in order. */
    public static final ValueCodec<CloneParams> PARAMS = new ValueCodec<>() {
        public void write(CloneParams v, WireWriter w) {
            w.u16(v.values().size());
            for (Map.Entry<String, String> e : v.values().entrySet()) {
                w.string(e.getKey()).string(e.getValue());
            }
        }

        public CloneParams read(WireReader r) {
            int n = r.u16();
            if (n * 4L > r.remaining()) {
                throw WireReader.malformed(n + " create parameters do not fit in " + r.remaining() + " bytes");
            }
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String k = r.string();
                if (m.put(k, r.string()) != null) {
                    throw WireReader.malformed("create parameter " + k + " given twice");
                }
            }
            return new CloneParams(m);
        }
    };

    static IfType ifType(int value) {
        for (IfType t : IfType.values()) {
            if (t.value() == value) {
                return t;
            }
        }
        throw WireReader.malformed("interface type 0x" + Integer.toHexString(value));
    }

    static LinkState linkState(int value) {
        for (LinkState s : LinkState.values()) {
            if (s.value() == value) {
                return s;
            }
        }
        throw WireReader.malformed("link state " + value);
    }
}
