package org.ifnet.tool.proto;

import org.ifnet.drivers.vlan.VlanReply;
import org.ifnet.drivers.vlan.VlanRequest.GetVlan;
import org.ifnet.drivers.vlan.VlanRequest.SetVlan;

/** Codecs for the vlan driver's requests (SIOCGETVLAN, SIOCSETVLAN), type ids 0x0200 to 0x02ff. */
public final class VlanCodecs {
    /** struct vlanreq: parent name, VLAN id, tag protocol. */
    static final ValueCodec<VlanReply> VLANREQ = new ValueCodec<>() {
        public void write(VlanReply v, WireWriter w) {
            w.string(v.parent()).i32(v.tag()).i32(v.proto());
        }

        public VlanReply read(WireReader r) {
            return new VlanReply(r.string(), r.i32(), r.i32());
        }
    };

    private VlanCodecs() {
    }

    public static void register(CodecTable t) {
        t.register(new Codec.NoFields<>(0x0200, new GetVlan(), VLANREQ));
        t.register(new Codec<>(0x0201, SetVlan.class, Values.ACK) {
            public void writeRequest(SetVlan q, WireWriter w) { w.string(q.parent()).i32(q.tag()); }
            public SetVlan readRequest(WireReader r) { return new SetVlan(r.string(), r.i32()); }
        });
    }
}
