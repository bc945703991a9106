package org.ifnet.tool.proto;

import java.util.ArrayList;
import java.util.List;
import org.ifnet.drivers.lagg.LaggOpt;
import org.ifnet.drivers.lagg.LaggOptions;
import org.ifnet.drivers.lagg.LaggPortStatus;
import org.ifnet.drivers.lagg.LaggRequest.DelLaggPort;
import org.ifnet.drivers.lagg.LaggRequest.GetLagg;
import org.ifnet.drivers.lagg.LaggRequest.GetLaggOpts;
import org.ifnet.drivers.lagg.LaggRequest.GetLaggPort;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggHash;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggOpts;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggPort;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggProto;
import org.ifnet.drivers.lagg.LaggStatus;
import org.ifnet.drivers.lagg.proto.LaggProto;

/**
 * Codecs for lagg's requests (SIOCGLAGG, SIOCSLAGG, SIOCSLAGGPORT, SIOCSLAGGDELPORT,
 * SIOCGLAGGPORT, SIOCSLAGGHASH, SIOCGLAGGOPTS, SIOCSLAGGOPTS), type ids 0x0300 to 0x03ff.
 * Protocols cross as FreeBSD's LAGG_PROTO_* numbers, options as their LAGG_OPT_* bits.
 */
public final class LaggCodecs {
    /** struct lagg_reqopts. */
    static final ValueCodec<LaggOptions> OPTIONS = new ValueCodec<>() {
        public void write(LaggOptions v, WireWriter w) {
            w.i32(v.opts()).i32(v.flowidShift()).i32(v.rrLimit()).bool(v.rxAll()).i32(v.activePorts()).i32(v.flapping());
        }

        public LaggOptions read(WireReader r) {
            return new LaggOptions(r.i32(), r.i32(), r.i32(), r.bool(), r.i32(), r.i32());
        }
    };

    /** struct lagg_reqport. */
    static final ValueCodec<LaggPortStatus> PORT = new ValueCodec<>() {
        public void write(LaggPortStatus v, WireWriter w) {
            w.string(v.lagg()).string(v.port()).i32(v.prio()).i32(v.flags());
        }

        public LaggPortStatus read(WireReader r) {
            return new LaggPortStatus(r.string(), r.string(), r.i32(), r.i32());
        }
    };

    /** struct lagg_reqall: protocol, hash layers, options, ports. */
    static final ValueCodec<LaggStatus> STATUS = new ValueCodec<>() {
        public void write(LaggStatus v, WireWriter w) {
            w.string(v.lagg()).u8(v.proto().value()).i32(v.hashLayers());
            OPTIONS.write(v.options(), w);
            w.i32(v.ports().size());
            for (LaggPortStatus p : v.ports()) {
                PORT.write(p, w);
            }
        }

        public LaggStatus read(WireReader r) {
            String lagg = r.string();
            LaggProto proto = proto(r.u8());
            int hash = r.i32();
            LaggOptions opts = OPTIONS.read(r);
            int n = r.count(12);
            List<LaggPortStatus> ports = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ports.add(PORT.read(r));
            }
            return new LaggStatus(lagg, proto, hash, opts, ports);
        }
    };

    private LaggCodecs() {
    }

    static LaggProto proto(int value) {
        for (LaggProto p : LaggProto.values()) {
            if (p.value() == value) {
                return p;
            }
        }
        throw WireReader.malformed("lagg protocol number " + value);
    }

    static LaggOpt opt(int bit) {
        for (LaggOpt o : LaggOpt.values()) {
            if (o.bit() == bit) {
                return o;
            }
        }
        throw WireReader.malformed("lagg option 0x" + Integer.toHexString(bit));
    }

    public static void register(CodecTable t) {
        t.register(new Codec.NoFields<>(0x0300, new GetLagg(), STATUS));
        t.register(new Codec<>(0x0301, SetLaggProto.class, Values.ACK) {
            public void writeRequest(SetLaggProto q, WireWriter w) { w.u8(q.proto().value()); }
            public SetLaggProto readRequest(WireReader r) { return new SetLaggProto(proto(r.u8())); }
        });
        t.register(new Codec<>(0x0302, SetLaggPort.class, Values.ACK) {
            public void writeRequest(SetLaggPort q, WireWriter w) { w.string(q.port()); }
            public SetLaggPort readRequest(WireReader r) { return new SetLaggPort(r.string()); }
        });
        t.register(new Codec<>(0x0303, DelLaggPort.class, Values.ACK) {
            public void writeRequest(DelLaggPort q, WireWriter w) { w.string(q.port()); }
            public DelLaggPort readRequest(WireReader r) { return new DelLaggPort(r.string()); }
        });
        t.register(new Codec<>(0x0304, GetLaggPort.class, PORT) {
            public void writeRequest(GetLaggPort q, WireWriter w) { w.string(q.port()); }
            public GetLaggPort readRequest(WireReader r) { return new GetLaggPort(r.string()); }
        });
        t.register(new Codec<>(0x0305, SetLaggHash.class, Values.ACK) {
            public void writeRequest(SetLaggHash q, WireWriter w) { w.i32(q.layers()); }
            public SetLaggHash readRequest(WireReader r) { return new SetLaggHash(r.i32()); }
        });
        t.register(new Codec.NoFields<>(0x0306, new GetLaggOpts(), OPTIONS));
        t.register(new Codec<>(0x0307, SetLaggOpts.class, Values.ACK) {
            public void writeRequest(SetLaggOpts q, WireWriter w) { w.i32(q.opt().bit()).i32(q.value()); }
            public SetLaggOpts readRequest(WireReader r) { return new SetLaggOpts(opt(r.i32()), r.i32()); }
        });
    }
}
