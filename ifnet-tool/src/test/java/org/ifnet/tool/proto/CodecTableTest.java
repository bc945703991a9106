package org.ifnet.tool.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
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
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.drivers.lagg.LaggOpt;
import org.ifnet.drivers.lagg.LaggOptions;
import org.ifnet.drivers.lagg.LaggPortStatus;
import org.ifnet.drivers.lagg.LaggRequest;
import org.ifnet.drivers.lagg.LaggStatus;
import org.ifnet.drivers.lagg.hash.FlowHash;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.ifnet.drivers.vlan.VlanReply;
import org.ifnet.drivers.vlan.VlanRequest;
import org.junit.jupiter.api.Test;

/** Every call and reply survives the trip through a frame, and the table covers every request. */
class CodecTableTest {
    private final Messages messages = new Messages(CodecTable.standard());
    private final WireWriter w = new WireWriter(64, FrameHeader.MAX_REPLY);

    /** One example of every GenericRequest, with a reply of its type. */
    static List<Object[]> genericExamples() {
        Map<IfCounter, Long> counters = new EnumMap<>(IfCounter.class);
        counters.put(IfCounter.IPACKETS, 7L);
        counters.put(IfCounter.OBYTES, 1L << 40);
        IfInfo info = new IfInfo("épair0a", "epair", 2, 9, IfType.ETHER, 0x8843, 9000, 3, "uplink ☃", 0x589cfc10ffb1L,
                8, 8, LinkState.UP, 10_000_000_000L, List.of("all", "epair", "wan"), counters);
        List<Object[]> l = new ArrayList<>();
        l.add(new Object[] {new GenericRequest.GetFlags(), 0x8843});
        l.add(new Object[] {new GenericRequest.SetFlags(0x1), Ack.OK});
        l.add(new Object[] {new GenericRequest.GetMtu(), 1500});
        l.add(new Object[] {new GenericRequest.SetMtu(9000), Ack.OK});
        l.add(new Object[] {new GenericRequest.GetMetric(), -1});
        l.add(new Object[] {new GenericRequest.SetMetric(5), Ack.OK});
        l.add(new Object[] {new GenericRequest.GetDescr(), "a\nb \"c\""});
        l.add(new Object[] {new GenericRequest.SetDescr("x"), Ack.OK});
        l.add(new Object[] {new GenericRequest.SetName("wan0"), Ack.OK});
        l.add(new Object[] {new GenericRequest.GetMedia(), new MediaReply(0x20, 0x2a, 3, List.of(0x20, 0x2a))});
        l.add(new Object[] {new GenericRequest.SetMedia(0x2a), Ack.OK});
        l.add(new Object[] {new GenericRequest.SetLladdr(0x020000000001L), Ack.OK});
        l.add(new Object[] {new GenericRequest.GetStatus(), ""});
        l.add(new Object[] {new GenericRequest.GetIndex(), 42});
        l.add(new Object[] {new GenericRequest.AddGroup("wan"), Ack.OK});
        l.add(new Object[] {new GenericRequest.DelGroup("wan"), Ack.OK});
        l.add(new Object[] {new GenericRequest.GetGroups(), List.of("all", "lo")});
        l.add(new Object[] {new GenericRequest.GetCap(), new CapReply(0x18, 0x8)});
        l.add(new Object[] {new GenericRequest.SetCap(0x8), Ack.OK});
        l.add(new Object[] {new GenericRequest.GetInfo(), info});
        return l;
    }

    @Test
    void everyGenericRequestHasACodec() {
        CodecTable t = CodecTable.standard();
        for (Class<?> c : GenericRequest.class.getPermittedSubclasses()) {
            assertThat(t.forType(c).type()).isEqualTo(c);
        }
        assertThat(genericExamples()).hasSize(GenericRequest.class.getPermittedSubclasses().length);
    }

    @Test
    void vlanRequestsHaveCodecsAndRoundTrip() {
        CodecTable t = CodecTable.standard();
        for (Class<?> c : VlanRequest.class.getPermittedSubclasses()) {
            assertThat(t.forType(c).type()).isEqualTo(c);
        }
        roundTrip(new Call.Ioctl<>("vlan0", new VlanRequest.GetVlan()), new VlanReply("epair0a", 5, VlanReply.ETHERTYPE_VLAN), 1);
        roundTrip(new Call.Ioctl<>("vlan0", new VlanRequest.GetVlan()), VlanReply.NONE, 2);
        roundTrip(new Call.Ioctl<>("vlan0", new VlanRequest.SetVlan("epair0a", 4094)), Ack.OK, 3);
        roundTrip(new Call.Ioctl<>("vlan0", VlanRequest.SetVlan.detach()), Ack.OK, 4);
    }

    @Test
    void laggRequestsHaveCodecsAndRoundTrip() {
        CodecTable t = CodecTable.standard();
        for (Class<?> c : LaggRequest.class.getPermittedSubclasses()) {
            assertThat(t.forType(c).type()).isEqualTo(c);
        }
        LaggOptions opts = new LaggOptions(LaggOpt.USE_FLOWID.bit() | LaggOpt.RX_ALL.bit(), 16, 3, true, 2, 0);
        LaggPortStatus p0 = new LaggPortStatus("lagg0", "epair0a", 0, 0x5);
        LaggPortStatus p1 = new LaggPortStatus("lagg0", "epair1a", 0, 0x0);
        roundTrip(new Call.Ioctl<>("lagg0", new LaggRequest.GetLagg()),
                new LaggStatus("lagg0", LaggProto.ROUNDROBIN, FlowHash.L2 | FlowHash.L4, opts, List.of(p0, p1)), 1);
        roundTrip(new Call.Ioctl<>("lagg0", new LaggRequest.GetLaggOpts()), opts, 2);
        roundTrip(new Call.Ioctl<>("epair0a", new LaggRequest.GetLaggPort("epair0a")), p0, 3);
        for (LaggProto proto : LaggProto.values()) {
            roundTrip(new Call.Ioctl<>("lagg0", new LaggRequest.SetLaggProto(proto)), Ack.OK, 4);
        }
        for (LaggOpt o : LaggOpt.values()) {
            roundTrip(new Call.Ioctl<>("lagg0", new LaggRequest.SetLaggOpts(o, 7)), Ack.OK, 5);
        }
        roundTrip(new Call.Ioctl<>("lagg0", new LaggRequest.SetLaggPort("epair0a")), Ack.OK, 6);
        roundTrip(new Call.Ioctl<>("lagg0", new LaggRequest.DelLaggPort("epair0a")), Ack.OK, 7);
        roundTrip(new Call.Ioctl<>("lagg0", new LaggRequest.SetLaggHash(FlowHash.L3)), Ack.OK, 8);
    }

    @Test
    void everyStackCallHasACodec() {
        CodecTable t = CodecTable.standard();
        for (Class<?> c : Call.class.getPermittedSubclasses()) {
            if (c != Call.Ioctl.class) {
                assertThat(t.forType(c).type()).isEqualTo(c);
            }
        }
    }

    @Test
    void genericRequestsAndRepliesRoundTrip() {
        int id = 1;
        for (Object[] ex : genericExamples()) {
            IfRequest<?> req = (IfRequest<?>) ex[0];
            Call.Ioctl<?> call = new Call.Ioctl<>("epair0a", req);
            roundTrip(call, ex[1], id++);
        }
    }

    @Test
    void stackCallsRoundTrip() {
        roundTrip(new Call.Create("vlan0", CloneParams.of("vlan", "5", "vlandev", "epair0a")), "vlan0", 1);
        roundTrip(new Call.Create("lo", CloneParams.NONE), "lo1", 2);
        roundTrip(new Call.Destroy("lo1"), Ack.OK, 3);
        roundTrip(new Call.Interfaces(), List.of("lo0", "epair0a", "epair0b"), 4);
        roundTrip(new Call.Cloners(), List.of("lo", "epair"), 5);
        roundTrip(new Call.GroupMembers("epair"), List.of(), 6);
        roundTrip(new Call.Leaks(), new LeakReport(List.of("lo1 (index 2), taken by thread t"), List.of("x"), 1, 2, 3), 7);
    }

    private void roundTrip(Call<?> call, Object reply, int id) {
        ByteBuffer f = copy(messages.encodeCall(call, id, w));
        assertThat(FrameHeader.check(f, 0, FrameHeader.REQUEST, FrameHeader.MAX_REQUEST)).isNull();
        assertThat(FrameHeader.id(f, 0)).isEqualTo(id);
        assertThat(FrameHeader.bodyLength(f, 0)).isEqualTo(f.limit() - FrameHeader.LENGTH);
        Call<?> back = messages.decodeCall(f, 0);
        assertThat(back).isEqualTo(call);
        ByteBuffer r = copy(messages.encodeReply(call, id, reply, w));
        assertThat(FrameHeader.check(r, 0, FrameHeader.REPLY, FrameHeader.MAX_REPLY)).isNull();
        assertThat((Object) messages.decodeReply(call, r, 0)).isEqualTo(reply);
    }

    @Test
    void errorsCarryErrnoAndMessage() {
        Call<Integer> call = new Call.Ioctl<>("nope0", new GenericRequest.GetMtu());
        for (Errno e : Errno.values()) {
            ByteBuffer f = copy(Messages.encodeError(0x0102, 3, e, "interface nope0 does not exist", w));
            assertThatThrownBy(() -> messages.decodeReply(call, f, 0))
                    .isInstanceOfSatisfying(IfnetException.class, x -> {
                        assertThat(x.errno()).isEqualTo(e);
                        assertThat(x.getMessage()).isEqualTo("interface nope0 does not exist");
                    });
        }
    }

    @Test
    void aReplyToAnotherCallIsRefused() {
        ByteBuffer r = copy(messages.encodeReply(new Call.Interfaces(), 1, List.of("lo0"), w));
        assertThatThrownBy(() -> messages.decodeReply(new Call.Cloners(), r, 0))
                .isInstanceOfSatisfying(IfnetException.class, x -> assertThat(x.errno()).isEqualTo(Errno.EPROTO));
    }

    @Test
    void anOversizedRequestIsRefusedWhereItIsBuilt() {
        WireWriter small = new WireWriter(64, FrameHeader.MAX_REQUEST);
        CloneParams huge = CloneParams.of("a", "x".repeat(40_000), "b", "y".repeat(40_000));
        assertThatThrownBy(() -> messages.encodeCall(new Call.Create("vlan0", huge), 1, small))
                .isInstanceOfSatisfying(IfnetException.class, x -> assertThat(x.errno()).isEqualTo(Errno.EMSGSIZE));
    }

    @Test
    void aRequestWithoutCodecIsENOTTY() {
        IfRequest<Ack> unknown = new IfRequest<>() {
            public String ioctlName() {
                return "SIOCXYZ";
            }

            public boolean mutates() {
                return false;
            }
        };
        assertThatThrownBy(() -> messages.encodeCall(new Call.Ioctl<>("lo0", unknown), 1, w))
                .isInstanceOfSatisfying(IfnetException.class, x -> assertThat(x.errno()).isEqualTo(Errno.ENOTTY));
    }

    @Test
    void typeIdsAndTypesAreUnique() {
        CodecTable t = new CodecTable();
        t.register(new Codec.NoFields<>(0x0100, new GenericRequest.GetFlags(), Values.INT));
        assertThatThrownBy(() -> t.register(new Codec.NoFields<>(0x0100, new GenericRequest.GetMtu(), Values.INT)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.register(new Codec.NoFields<>(0x0999, new GenericRequest.GetFlags(), Values.INT)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b.duplicate()).flip();
        return c;
    }
}
