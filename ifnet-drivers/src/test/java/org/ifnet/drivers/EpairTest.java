package org.ifnet.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ifnet.drivers.Probe.info;
import static org.ifnet.drivers.Unchanged.assertRefused;

import org.ifnet.core.IfCap;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;
import org.ifnet.core.NetStack;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.lifecycle.IfState;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.core.media.MediaWord;
import org.ifnet.core.testing.Leaks;
import org.junit.jupiter.api.Test;

class EpairTest {

    private static NetStack stack() {
        return DriverKit.EPAIR.newStack(Policy.SAFE, true);
    }

    @Test
    void framesCrossTheCableBothWaysWithCounters() {
        NetStack stack = stack();
        Captured in = Captured.install(stack);
        assertThat(stack.create("epair")).isEqualTo("epair0a");
        DriverKit.up(stack, "epair0a");
        DriverKit.up(stack, "epair0b");

        assertThat(Captured.send(stack, "epair0a", Frames.ipv4(stack, 100, 1))).isTrue();
        assertThat(Captured.send(stack, "epair0b", Frames.ipv4(stack, 46, 2))).isTrue();
        assertThat(Captured.send(stack, "epair0b", Frames.ipv4(stack, 46, 3))).isTrue();

        assertThat(in.all()).extracting(Captured.In::ifname).containsExactly("epair0b", "epair0a", "epair0a");
        assertThat(in.all().get(0).bytes()).isEqualTo(Frames.ipv4Bytes(100, 1));
        assertThat(in.all().get(2).bytes()).isEqualTo(Frames.ipv4Bytes(46, 3));
        assertThat(info(stack, "epair0a").counters()).containsEntry(IfCounter.OPACKETS, 1L)
                .containsEntry(IfCounter.OBYTES, 114L).containsEntry(IfCounter.IPACKETS, 2L)
                .containsEntry(IfCounter.IBYTES, 120L);
        assertThat(info(stack, "epair0b").counters()).containsEntry(IfCounter.OPACKETS, 2L)
                .containsEntry(IfCounter.OBYTES, 120L).containsEntry(IfCounter.IPACKETS, 1L)
                .containsEntry(IfCounter.IBYTES, 114L);
        Leaks.assertClosedClean(stack);
    }

    @Test
    void aFrameToADownPeerIsAnOutputDrop() {
        NetStack stack = stack();
        Captured in = Captured.install(stack);
        stack.create("epair");
        DriverKit.up(stack, "epair0a");
        assertThat(Captured.send(stack, "epair0a", Frames.ipv4(stack, 20, 0))).isFalse();
        assertThat(in.all()).isEmpty();
        assertThat(info(stack, "epair0a").counters()).containsEntry(IfCounter.OQDROPS, 1L).containsEntry(IfCounter.OPACKETS, 0L);
        Leaks.assertClosedClean(stack);
    }

    @Test
    void eachEndsLinkFollowsThePeersUpFlag() {
        NetStack stack = stack();
        stack.create("epair");
        DriverKit.up(stack, "epair0a");
        assertThat(info(stack, "epair0b").linkState()).isEqualTo(LinkState.UP);
        assertThat(info(stack, "epair0a").linkState()).isEqualTo(LinkState.DOWN);
        assertThat(info(stack, "epair0a").flags() & IfFlags.RUNNING).isNotZero();
        assertThat(info(stack, "epair0b").flags() & IfFlags.RUNNING).isZero();

        DriverKit.up(stack, "epair0b");
        assertThat(info(stack, "epair0a").linkState()).isEqualTo(LinkState.UP);
        assertThat(stack.ioctl("epair0a", new GenericRequest.GetMedia()).status())
                .isEqualTo(MediaWord.IFM_AVALID | MediaWord.IFM_ACTIVE);

        stack.ioctl("epair0a", new GenericRequest.SetFlags(info(stack, "epair0a").flags() & ~IfFlags.UP));
        assertThat(info(stack, "epair0b").linkState()).isEqualTo(LinkState.DOWN);
        assertThat(info(stack, "epair0a").linkState()).isEqualTo(LinkState.UP);
        assertThat(info(stack, "epair0a").flags() & IfFlags.RUNNING).isZero();
        Leaks.assertClosedClean(stack);
    }

    @Test
    void destroyingEitherEndDestroysBoth() {
        NetStack stack = stack();
        for (String end : new String[] {"epair0a", "epair0b"}) {
            stack.create("epair0");
            Ifnet a;
            Ifnet b;
            try (IfRef ra = stack.lookup("epair0a"); IfRef rb = stack.lookup("epair0b")) {
                a = ra.ifp();
                b = rb.ifp();
            }
            long releases = stack.releases();
            stack.destroy(end);
            assertThat(stack.interfaces()).doesNotContain("epair0a", "epair0b");
            assertThat(stack.releases() - releases).isEqualTo(2);
            assertThat(a.state()).isEqualTo(IfState.RELEASED);
            assertThat(b.state()).isEqualTo(IfState.RELEASED);
        }
        Leaks.assertClosedClean(stack);
    }

    @Test
    void everyErrorLeavesBothEndsAsTheyWere() {
        NetStack stack = stack();
        stack.create("epair1");
        DriverKit.up(stack, "epair1a");
        String[] ends = {"epair1a", "epair1b"};
        int t10 = MediaWord.IFM_ETHER | MediaWord.IFM_10_T;
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("epair1a", new GenericRequest.SetMedia(t10)), ends);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("epair1a", new GenericRequest.SetMtu(65536)), ends);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("epair1a", new GenericRequest.SetLladdr(0x01_00_5e_00_00_01L)), ends);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("epair1b", new GenericRequest.SetCap(IfCap.VLAN_MTU | IfCap.TSO4)), ends);
        assertRefused(stack, Errno.EEXIST, () -> stack.create("epair1"), ends);
        assertRefused(stack, Errno.EINVAL, () -> stack.create("epair2a"), ends);
        assertRefused(stack, Errno.EINVAL, () -> stack.create("epair", CloneParams.of("peer", "x")), ends);
        assertRefused(stack, Errno.EEXIST, () -> stack.ioctl("epair1a", new GenericRequest.SetName("epair1b")), ends);
        stack.destroy("epair1b");
        assertRefused(stack, Errno.ENXIO, () -> stack.destroy("epair1a"));
        Leaks.assertClosedClean(stack);
    }
}
