package org.ifnet.tool.proto;

import org.ifnet.core.ioctl.GenericRequest.AddGroup;
import org.ifnet.core.ioctl.GenericRequest.DelGroup;
import org.ifnet.core.ioctl.GenericRequest.GetCap;
import org.ifnet.core.ioctl.GenericRequest.GetDescr;
import org.ifnet.core.ioctl.GenericRequest.GetFlags;
import org.ifnet.core.ioctl.GenericRequest.GetGroups;
import org.ifnet.core.ioctl.GenericRequest.GetIndex;
import org.ifnet.core.ioctl.GenericRequest.GetInfo;
import org.ifnet.core.ioctl.GenericRequest.GetMedia;
import org.ifnet.core.ioctl.GenericRequest.GetMetric;
import org.ifnet.core.ioctl.GenericRequest.GetMtu;
import org.ifnet.core.ioctl.GenericRequest.GetStatus;
import org.ifnet.core.ioctl.GenericRequest.SetCap;
import org.ifnet.core.ioctl.GenericRequest.SetDescr;
import org.ifnet.core.ioctl.GenericRequest.SetFlags;
import org.ifnet.core.ioctl.GenericRequest.SetLladdr;
import org.ifnet.core.ioctl.GenericRequest.SetMedia;
import org.ifnet.core.ioctl.GenericRequest.SetMetric;
import org.ifnet.core.ioctl.GenericRequest.SetMtu;
import org.ifnet.core.ioctl.GenericRequest.SetName;

/**
 * Codecs for every {@code GenericRequest}, type ids 0x0100 to 0x01ff. The ids are the wire
 * contract: a new request takes a new id; an id is never reused for another request.
 */
public final class GenericCodecs {
    private GenericCodecs() {
    }

    /** Registers the generic requests' codecs. */
    public static void register(CodecTable t) {
        t.register(new Codec.NoFields<>(0x0100, new GetFlags(), Values.INT));
        t.register(new Codec<>(0x0101, SetFlags.class, Values.ACK) {
            public void writeRequest(SetFlags q, WireWriter w) { w.i32(q.flags()); }
            public SetFlags readRequest(WireReader r) { return new SetFlags(r.i32()); }
        });
        t.register(new Codec.NoFields<>(0x0102, new GetMtu(), Values.INT));
        t.register(new Codec<>(0x0103, SetMtu.class, Values.ACK) {
            public void writeRequest(SetMtu q, WireWriter w) { w.i32(q.mtu()); }
            public SetMtu readRequest(WireReader r) { return new SetMtu(r.i32()); }
        });
        t.register(new Codec.NoFields<>(0x0104, new GetMetric(), Values.INT));
        t.register(new Codec<>(0x0105, SetMetric.class, Values.ACK) {
            public void writeRequest(SetMetric q, WireWriter w) { w.i32(q.metric()); }
            public SetMetric readRequest(WireReader r) { return new SetMetric(r.i32()); }
        });
        t.register(new Codec.NoFields<>(0x0106, new GetDescr(), Values.STRING));
        t.register(new Codec<>(0x0107, SetDescr.class, Values.ACK) {
            public void writeRequest(SetDescr q, WireWriter w) { w.string(q.descr()); }
            public SetDescr readRequest(WireReader r) { return new SetDescr(r.string()); }
        });
        t.register(new Codec<>(0x0108, SetName.class, Values.ACK) {
            public void writeRequest(SetName q, WireWriter w) { w.string(q.newName()); }
            public SetName readRequest(WireReader r) { return new SetName(r.string()); }
        });
        t.register(new Codec.NoFields<>(0x0109, new GetMedia(), Values.MEDIA));
        t.register(new Codec<>(0x010a, SetMedia.class, Values.ACK) {
            public void writeRequest(SetMedia q, WireWriter w) { w.i32(q.media()); }
            public SetMedia readRequest(WireReader r) { return new SetMedia(r.i32()); }
        });
        t.register(new Codec<>(0x010b, SetLladdr.class, Values.ACK) {
            public void writeRequest(SetLladdr q, WireWriter w) { w.i64(q.lladdr()); }
            public SetLladdr readRequest(WireReader r) { return new SetLladdr(r.i64()); }
        });
        t.register(new Codec.NoFields<>(0x010c, new GetStatus(), Values.STRING));
        t.register(new Codec.NoFields<>(0x010d, new GetIndex(), Values.INT));
        t.register(new Codec<>(0x010e, AddGroup.class, Values.ACK) {
            public void writeRequest(AddGroup q, WireWriter w) { w.string(q.group()); }
            public AddGroup readRequest(WireReader r) { return new AddGroup(r.string()); }
        });
        t.register(new Codec<>(0x010f, DelGroup.class, Values.ACK) {
            public void writeRequest(DelGroup q, WireWriter w) { w.string(q.group()); }
            public DelGroup readRequest(WireReader r) { return new DelGroup(r.string()); }
        });
        t.register(new Codec.NoFields<>(0x0110, new GetGroups(), Values.STRINGS));
        t.register(new Codec.NoFields<>(0x0111, new GetCap(), Values.CAP));
        t.register(new Codec<>(0x0112, SetCap.class, Values.ACK) {
            public void writeRequest(SetCap q, WireWriter w) { w.i32(q.reqcap()); }
            public SetCap readRequest(WireReader r) { return new SetCap(r.i32()); }
        });
        t.register(new Codec.NoFields<>(0x0113, new GetInfo(), Values.INFO));
    }
}
