package org.ifnet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.CapReply;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.core.lifecycle.IfState;
import org.ifnet.core.media.MediaWord;
import org.ifnet.core.testing.Leaks;
import org.ifnet.core.testing.ToyCloner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What an Ifnet keeps (issue 2, item 3), seen through requests and getters. */
@Timeout(60)
class IfnetFieldsTest {

    private static NetStack toyStack() {
        NetStack s = NetStack.builder().build();
        s.registerCloner(new ToyCloner());
        return s;
    }

    @Test
    void flagsHaveFreeBsdBitValuesAndNames() {
        assertThat(IfFlags.names(0x8843)).isEqualTo("UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST");
        assertThat(new int[] {IfFlags.UP, IfFlags.BROADCAST, IfFlags.DEBUG, IfFlags.LOOPBACK,
            IfFlags.POINTOPOINT, IfFlags.RUNNING, IfFlags.NOARP, IfFlags.PROMISC, IfFlags.ALLMULTI,
            IfFlags.OACTIVE, IfFlags.SIMPLEX, IfFlags.LINK0, IfFlags.LINK1, IfFlags.LINK2,
            IfFlags.MULTICAST, IfFlags.DYING, IfFlags.RENAMING})
                .containsExactly(0x1, 0x2, 0x4, 0x8, 0x10, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800,
                        0x1000, 0x2000, 0x4000, 0x8000, 0x200000, 0x400000);
        assertThat(IfFlags.names(IfFlags.DYING | IfFlags.UP)).isEqualTo("UP,DYING");
        assertThat(IfFlags.names(0)).isEmpty();
        assertThat(IfFlags.bit("multicast")).isEqualTo(0x8000);
        assertThat(IfFlags.bit("NOSUCHFLAG")).isZero();
    }

    @Test
    void flagsOnAnInterfaceRunningFollowsUpAndCantChangeBitsAreIgnored() {
        NetStack s = toyStack();
        s.create("toy0");
        assertThat(s.ioctl("toy0", new GenericRequest.GetFlags())).isEqualTo(ToyCloner.FLAGS);
        s.ioctl("toy0", new GenericRequest.SetFlags(IfFlags.UP | IfFlags.RUNNING | IfFlags.DYING | IfFlags.LINK0));
        int f = s.ioctl("toy0", new GenericRequest.GetFlags());
        assertThat(IfFlags.names(f)).isEqualTo("UP,BROADCAST,RUNNING,SIMPLEX,LINK0,MULTICAST");
        assertThat(f).isEqualTo(0x9843);
        s.ioctl("toy0", new GenericRequest.SetFlags(0));
        assertThat(s.ioctl("toy0", new GenericRequest.GetFlags())).isEqualTo(ToyCloner.FLAGS);
        Leaks.assertClosedClean(s);
    }

    @Test
    void dyingAndRenamingFlagsAreVisibleWhileTheyHold() throws Exception {
        NetStack s = toyStack();
        s.create("toy0");
        FailPoints fp = s.failPoints();
        try (IfRef ref = s.lookup("toy0")) {
            Ifnet ifp = ref.ifp();

            FailPoints.Gate rename = fp.pause(FailSite.RENAME_RESERVED);
            CompletableFuture<Void> r = CompletableFuture.runAsync(() -> s.ioctl("toy0", new GenericRequest.SetName("toy9")));
            assertThat(rename.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ifp.flags() & IfFlags.RENAMING).isEqualTo(IfFlags.RENAMING);
            rename.open();
            r.get(10, TimeUnit.SECONDS);
            assertThat(ifp.flags() & IfFlags.RENAMING).isZero();
            assertThat(ifp.name()).isEqualTo("toy9");

            FailPoints.Gate dying = fp.pause(FailSite.DESTROY_DYING);
            CompletableFuture<Void> d = CompletableFuture.runAsync(() -> s.destroy("toy9"));
            assertThat(dying.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
            assertThat(IfFlags.names(ifp.flags())).contains("DYING");
            assertThat(ifp.state()).isEqualTo(IfState.DYING);
            dying.open();
            d.get(10, TimeUnit.SECONDS);
            assertThat(ifp.state()).isEqualTo(IfState.DETACHED);
        }
        fp.clearAll();
        Leaks.assertClosedClean(s);
    }

    @Test
    void identityAndSimpleFields() {
        NetStack s = toyStack();
        s.create("toy3");
        try (IfRef ref = s.lookup("toy3")) {
            Ifnet ifp = ref.ifp();
            assertThat(ifp.unit()).isEqualTo(3);
            assertThat(ifp.type()).isEqualTo(IfType.ETHER);
            assertThat(ifp.type().value()).isEqualTo(6);
            assertThat(ifp.driverName()).isEqualTo("toy");
            assertThat(ifp.index()).isPositive();
            assertThat(ifp.generation()).isPositive();
            assertThat(ifp.baudrate()).isEqualTo(1_000_000_000L);
            assertThat(ifp.stack()).isSameAs(s);

            assertThat(ref.ioctl(new GenericRequest.GetMtu())).isEqualTo(1500);
            assertThat(ref.ioctl(new GenericRequest.SetMtu(9000))).isEqualTo(Ack.OK);
            assertThat(ifp.mtu()).isEqualTo(9000);

            assertThat(ref.ioctl(new GenericRequest.GetMetric())).isZero();
            ref.ioctl(new GenericRequest.SetMetric(7));
            assertThat(ref.ioctl(new GenericRequest.GetMetric())).isEqualTo(7);

            assertThat(ref.ioctl(new GenericRequest.GetDescr())).isEmpty();
            ref.ioctl(new GenericRequest.SetDescr("uplink to the core"));
            assertThat(ref.ioctl(new GenericRequest.GetDescr())).isEqualTo("uplink to the core");
            ref.ioctl(new GenericRequest.SetDescr(null)); // -description
            assertThat(ifp.description()).isEmpty();

            long mac = MacAddress.parse("02:00:5e:10:00:01");
            assertThat(MacAddress.format(mac)).isEqualTo("02:00:5e:10:00:01");
            ref.ioctl(new GenericRequest.SetLladdr(mac));
            assertThat(ifp.lladdr()).isEqualTo(mac);
            assertThat(ref.ioctl(new GenericRequest.GetInfo()).lladdr()).isEqualTo(mac);

            // renaming keeps the index and generation
            int index = ifp.index();
            int gen = ifp.generation();
            ref.ioctl(new GenericRequest.SetName("wan0"));
            assertThat(ifp.name()).isEqualTo("wan0");
            assertThat(ifp.index()).isEqualTo(index);
            assertThat(ifp.generation()).isEqualTo(gen);
            assertThat(s.find("toy3")).isNull();
            try (IfRef byIndex = s.lookup(index, gen)) {
                assertThat(byIndex.name()).isEqualTo("wan0");
            }
        }
        Leaks.assertClosedClean(s);
    }

    @Test
    void capabilities() {
        NetStack s = toyStack();
        s.create("toy0");
        assertThat(s.ioctl("toy0", new GenericRequest.GetCap())).isEqualTo(new CapReply(ToyCloner.CAPS, IfCap.VLAN_MTU));
        assertThat(IfCap.names(ToyCloner.CAPS)).isEqualTo("RXCSUM,TXCSUM,VLAN_MTU");
        assertThat(IfCap.bit("vlanmtu")).isEqualTo(0x8);
        s.ioctl("toy0", new GenericRequest.SetCap(IfCap.RXCSUM | IfCap.TXCSUM));
        assertThat(s.ioctl("toy0", new GenericRequest.GetCap())).isEqualTo(new CapReply(ToyCloner.CAPS, IfCap.RXCSUM | IfCap.TXCSUM));
        s.ioctl("toy0", new GenericRequest.SetCap(0));
        assertThat(s.ioctl("toy0", new GenericRequest.GetCap()).enabled()).isZero();
        Leaks.assertClosedClean(s);
    }

    @Test
    void linkStateAndMedia() {
        NetStack s = toyStack();
        s.create("toy0");
        try (IfRef ref = s.lookup("toy0")) {
            Ifnet ifp = ref.ifp();
            assertThat(ifp.linkState()).isEqualTo(LinkState.UNKNOWN);
            assertThat(List.of(LinkState.UNKNOWN.value(), LinkState.DOWN.value(), LinkState.UP.value()))
                    .containsExactly(0, 1, 2);
            int auto = MediaWord.IFM_ETHER | MediaWord.IFM_AUTO;
            int gig = MediaWord.IFM_ETHER | MediaWord.IFM_1000_T | MediaWord.IFM_FDX;
            MediaReply m = ref.ioctl(new GenericRequest.GetMedia());
            assertThat(m).isEqualTo(new MediaReply(auto, MediaWord.IFM_ETHER | MediaWord.IFM_NONE,
                    MediaWord.IFM_AVALID, List.of(auto, gig)));

            ref.ioctl(new GenericRequest.SetFlags(IfFlags.UP));
            assertThat(ifp.linkState()).isEqualTo(LinkState.UP);
            ref.ioctl(new GenericRequest.SetMedia(gig));
            m = ref.ioctl(new GenericRequest.GetMedia());
            assertThat(m.current()).isEqualTo(gig);
            assertThat(m.active()).isEqualTo(gig);
            assertThat(m.status()).isEqualTo(MediaWord.IFM_AVALID | MediaWord.IFM_ACTIVE);
            assertThat(MediaWord.describe(m.current())).isEqualTo("1000baseT <full-duplex>");
            assertThat(ifp.info().linkState()).isEqualTo(LinkState.UP);

            ref.ioctl(new GenericRequest.SetFlags(0));
            assertThat(ifp.linkState()).isEqualTo(LinkState.DOWN);
        }
        Leaks.assertClosedClean(s);
    }

    @Test
    void countersForTransmitInputAndDrops() {
        NetStack s = toyStack();
        s.create("toy0");
        long mcast = 0x01005e000001L;
        try (IfRef ref = s.lookup("toy0")) {
            Ifnet ifp = ref.ifp();
            // down: the driver drops and counts oqdrops
            assertThat(ifp.transmit(frame(s, 0x020000000001L, 46))).isFalse();
            ref.ioctl(new GenericRequest.SetFlags(IfFlags.UP));
            assertThat(ifp.transmit(frame(s, 0x020000000001L, 46))).isTrue();
            assertThat(ifp.transmit(frame(s, mcast, 100))).isTrue();

            s.epoch().enter();
            try {
                ifp.input(frame(s, 0x020000000002L, 46));  // unicast, no protocol: noproto
                ifp.input(frame(s, mcast, 86));             // multicast
            } finally {
                s.epoch().exit();
            }
            IfCounters c = ifp.counters();
            assertThat(c.get(IfCounter.OPACKETS)).isEqualTo(2);
            assertThat(c.get(IfCounter.OBYTES)).isEqualTo(60 + 114);
            assertThat(c.get(IfCounter.OQDROPS)).isEqualTo(1);
            assertThat(c.get(IfCounter.IPACKETS)).isEqualTo(2);
            assertThat(c.get(IfCounter.IBYTES)).isEqualTo(60 + 100);
            assertThat(c.get(IfCounter.IMCASTS)).isEqualTo(1);
            assertThat(c.get(IfCounter.NOPROTO)).isEqualTo(2);
            assertThat(c.get(IfCounter.IERRORS)).isZero();
            assertThat(ref.ioctl(new GenericRequest.GetInfo()).counters())
                    .containsEntry(IfCounter.OPACKETS, 2L).containsEntry(IfCounter.IMCASTS, 1L)
                    .hasSize(IfCounter.values().length);
            assertThat(s.framePool().outstanding()).isZero();
        }
        Leaks.assertClosedClean(s);
    }

    @Test
    void inputHandlerTakesOwnershipOfDeliveredFrames() {
        NetStack s = toyStack();
        s.create("toy0");
        int[] delivered = new int[1];
        s.setInputHandler((ifp, f) -> {
            delivered[0] += f.length();
            f.free();
        });
        try (IfRef ref = s.lookup("toy0")) {
            ref.ifp().input(frame(s, 0x020000000002L, 50));
            assertThat(delivered[0]).isEqualTo(64);
            assertThat(ref.ifp().counters().get(IfCounter.NOPROTO)).isZero();
        }
        Leaks.assertClosedClean(s);
    }

    @Test
    void transmitOnADetachedInterfaceDropsAndCounts() {
        NetStack s = toyStack();
        s.create("toy0");
        try (IfRef ref = s.lookup("toy0")) {
            ref.ioctl(new GenericRequest.SetFlags(IfFlags.UP));
            s.destroy("toy0");
            assertThat(ref.ifp().transmit(frame(s, 0x020000000001L, 46))).isFalse();
            assertThat(ref.ifp().counters().get(IfCounter.OQDROPS)).isEqualTo(1);
            assertThat(ref.ifp().counters().get(IfCounter.OPACKETS)).isZero();
        }
        Leaks.assertClosedClean(s);
    }

    private static Frame frame(NetStack s, long dst, int payload) {
        Frame f = s.framePool().get();
        Ether.writeHeader(f, dst, 0x020000000099L, Ether.TYPE_IPV4, payload);
        return f;
    }
}
