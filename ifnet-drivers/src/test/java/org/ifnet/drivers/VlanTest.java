package org.ifnet.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ifnet.drivers.Probe.ifnet;
import static org.ifnet.drivers.Probe.info;
import static org.ifnet.drivers.Unchanged.assertRefused;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.IfCap;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfInfo;
import org.ifnet.core.IfListener;
import org.ifnet.core.IfType;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;
import org.ifnet.core.NetStack;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.IfState;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.vlan.VlanCloner;
import org.ifnet.drivers.vlan.VlanReply;
import org.ifnet.drivers.vlan.VlanRequest;
import org.junit.jupiter.api.Test;

/** vlan on top of the epair0a/epair0b pair (both UP) that {@link DriverKit#VLAN} prepares. */
class VlanTest {

    private static NetStack stack() {
        return DriverKit.VLAN.newStack(Policy.SAFE, true);
    }

    private static VlanReply vlan(NetStack stack, String name) {
        return stack.ioctl(name, new VlanRequest.GetVlan());
    }

    private static void setMtu(NetStack stack, String name, int mtu) {
        stack.ioctl(name, new GenericRequest.SetMtu(mtu));
    }

    @Test
    void theThreeWaysToCreateAVlan() {
        NetStack stack = stack();
        assertThat(stack.create("vlan")).isEqualTo("vlan0");
        IfInfo bare = info(stack, "vlan0");
        assertThat(vlan(stack, "vlan0")).isEqualTo(VlanReply.NONE);
        assertThat(bare.type()).isEqualTo(IfType.L2VLAN);
        assertThat(bare.flags()).isEqualTo(IfFlags.BROADCAST | IfFlags.MULTICAST);
        assertThat(bare.linkState()).isEqualTo(LinkState.UNKNOWN);
        assertThat(bare.mtu()).isEqualTo(1500);
        assertThat(bare.groups()).containsExactly("all", "vlan");

        assertThat(stack.create("epair0a.5")).isEqualTo("epair0a.5");
        assertThat(vlan(stack, "epair0a.5")).isEqualTo(new VlanReply("epair0a", 5, VlanReply.ETHERTYPE_VLAN));
        IfInfo dotted = info(stack, "epair0a.5");
        assertThat(dotted.lladdr()).isEqualTo(info(stack, "epair0a").lladdr());
        assertThat(dotted.flags() & IfFlags.RUNNING).isNotZero();
        assertThat(dotted.flags() & IfFlags.SIMPLEX).as("copied from the parent").isNotZero();
        assertThat(dotted.linkState()).isEqualTo(LinkState.UP);
        assertThat(ifnet(stack, "epair0a.5").unit()).isEqualTo(-1);

        assertThat(stack.create("vlan7", CloneParams.of("vlandev", "epair0b", "vlan", "7"))).isEqualTo("vlan7");
        assertThat(vlan(stack, "vlan7")).isEqualTo(new VlanReply("epair0b", 7, VlanReply.ETHERTYPE_VLAN));
        assertThat(stack.groupMembers("vlan")).containsExactly("vlan0", "epair0a.5", "vlan7");

        stack.ioctl("epair0a", new GenericRequest.SetName("ix0"));
        assertThat(vlan(stack, "epair0a.5").parent()).as("follows a rename of the parent").isEqualTo("ix0");
        Leaks.assertClosedClean(stack);
    }

    @Test
    void transmitAddsThe8021qTagOnTheWire() {
        NetStack stack = stack();
        stack.create("epair0a.5");
        DriverKit.up(stack, "epair0a.5");
        WireTap wire = WireTap.on(stack, "epair0b");

        assertThat(Captured.send(stack, "epair0a.5", Frames.ipv4(stack, 50, 3))).isTrue();

        assertThat(wire.frames()).hasSize(1);
        byte[] got = wire.frames().get(0);
        byte[] plain = Frames.ipv4Bytes(50, 3);
        assertThat(got).hasSize(plain.length + 4);
        assertThat(java.util.Arrays.copyOfRange(got, 0, 12)).isEqualTo(java.util.Arrays.copyOfRange(plain, 0, 12));
        assertThat(java.util.Arrays.copyOfRange(got, 12, 16)).containsExactly(0x81, 0x00, 0x00, 0x05);
        assertThat(java.util.Arrays.copyOfRange(got, 16, got.length)).isEqualTo(java.util.Arrays.copyOfRange(plain, 12, plain.length));
        assertThat(info(stack, "epair0a.5").counters()).containsEntry(IfCounter.OPACKETS, 1L).containsEntry(IfCounter.OBYTES, 64L);
        assertThat(info(stack, "epair0a").counters()).containsEntry(IfCounter.OPACKETS, 1L).containsEntry(IfCounter.OBYTES, 68L);
        Leaks.assertClosedClean(stack);
    }

    @Test
    void inputWithTheTagIsDeliveredToThatVlanUntagged() {
        NetStack stack = stack();
        Captured in = Captured.install(stack);
        for (String v : new String[] {"epair0a.5", "epair0a.9", "epair0b.5", "epair0b.6"}) {
            stack.create(v);
            DriverKit.up(stack, v);
        }
        assertThat(Captured.send(stack, "epair0a.5", Frames.ipv4(stack, 50, 1))).isTrue();
        assertThat(in.all()).hasSize(1);
        assertThat(in.all().get(0).ifname()).isEqualTo("epair0b.5");
        assertThat(in.all().get(0).bytes()).isEqualTo(Frames.ipv4Bytes(50, 1));
        assertThat(in.all().get(0).tagged()).isFalse();
        assertThat(info(stack, "epair0b.5").counters()).containsEntry(IfCounter.IPACKETS, 1L).containsEntry(IfCounter.IBYTES, 64L);

        in.clear();
        Captured.send(stack, "epair0a.9", Frames.ipv4(stack, 50, 2));
        assertThat(in.all()).as("no vlan 9 on epair0b").isEmpty();
        assertThat(info(stack, "epair0b").counters()).containsEntry(IfCounter.NOPROTO, 1L);

        Frame raw = stack.framePool().get(); // a tagged frame straight from the parent's peer
        raw.put(Frames.ipv4Bytes(30, 4), 0, 44);
        Ether.vlanEncap(raw, 6);
        Captured.send(stack, "epair0a", raw);
        assertThat(in.all()).extracting(Captured.In::ifname).containsExactly("epair0b.6");
        assertThat(in.all().get(0).bytes()).isEqualTo(Frames.ipv4Bytes(30, 4));

        stack.ioctl("epair0b.6", new GenericRequest.SetFlags(IfFlags.BROADCAST)); // down
        Frame again = stack.framePool().get();
        again.put(Frames.ipv4Bytes(30, 4), 0, 44);
        again.setVlanTag(6); // out of band this time; epair puts it in the bytes
        Captured.send(stack, "epair0a", again);
        assertThat(in.all()).as("a vlan that is down takes nothing").hasSize(1);
        assertThat(info(stack, "epair0b").counters()).containsEntry(IfCounter.NOPROTO, 2L);
        Leaks.assertClosedClean(stack);
    }

    @Test
    void theMtuIsLimitedByTheParents() {
        NetStack stack = stack();
        stack.create("epair0a.5");
        assertThat(info(stack, "epair0a.5").mtu()).as("epair has VLAN_MTU").isEqualTo(1500);
        setMtu(stack, "epair0a.5", 1400);
        assertRefused(stack, Errno.EINVAL, () -> setMtu(stack, "epair0a.5", 1501), "epair0a.5", "epair0a");

        stack.create("epair1");
        stack.ioctl("epair1a", new GenericRequest.SetCap(0));
        setMtu(stack, "epair1a", 9000);
        stack.create("epair1a.7");
        assertThat(info(stack, "epair1a.7").mtu()).as("no VLAN_MTU: parent's less 4").isEqualTo(8996);
        assertRefused(stack, Errno.EINVAL, () -> setMtu(stack, "epair1a.7", 8997), "epair1a.7", "epair1a");
        setMtu(stack, "epair1a.7", 8996);
        assertThat(info(stack, "epair1a.7").mtu()).isEqualTo(8996);
        Leaks.assertClosedClean(stack);
    }

    @Test
    void theLinkFollowsTheParents() {
        NetStack stack = stack();
        stack.create("epair0a.5");
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        stack.addListener(new IfListener() {
            @Override
            public void linkStateChanged(Ifnet ifp, LinkState state) {
                if (ifp.name().equals("epair0a.5")) {
                    events.add(state.name());
                }
            }
        });
        assertThat(info(stack, "epair0a.5").linkState()).isEqualTo(LinkState.UP);
        stack.ioctl("epair0b", new GenericRequest.SetFlags(0));
        assertThat(info(stack, "epair0a").linkState()).isEqualTo(LinkState.DOWN);
        assertThat(info(stack, "epair0a.5").linkState()).isEqualTo(LinkState.DOWN);
        DriverKit.up(stack, "epair0b");
        assertThat(info(stack, "epair0a.5").linkState()).isEqualTo(LinkState.UP);
        assertThat(events).containsExactly("DOWN", "UP");
        assertThat(info(stack, "epair0a.5").baudrate()).isEqualTo(info(stack, "epair0a").baudrate());
        Leaks.assertClosedClean(stack);
    }

    @Test
    void destroyingTheParentDetachesItsVlans() {
        NetStack stack = stack();
        stack.create("epair0a.5");
        stack.create("vlan3", CloneParams.of("vlandev", "epair0a", "vlan", "3"));
        DriverKit.up(stack, "epair0a.5");
        Ifnet parent = ifnet(stack, "epair0a");
        assertThat(parent.refcount()).as("registry + two vlans").isEqualTo(3);

        stack.destroy("epair0a");

        assertThat(stack.interfaces()).contains("epair0a.5", "vlan3").doesNotContain("epair0a", "epair0b");
        assertThat(parent.state()).as("no vlan keeps it").isEqualTo(IfState.RELEASED);
        for (String v : new String[] {"epair0a.5", "vlan3"}) {
            IfInfo i = info(stack, v);
            assertThat(vlan(stack, v)).isEqualTo(VlanReply.NONE);
            assertThat(i.linkState()).isEqualTo(LinkState.DOWN);
            assertThat(i.flags() & IfFlags.RUNNING).isZero();
            assertThat(i.mtu()).isEqualTo(1500);
        }
        assertThat(Captured.send(stack, "epair0a.5", Frames.ipv4(stack, 20, 0))).isFalse();
        assertThat(info(stack, "epair0a.5").counters()).containsEntry(IfCounter.OERRORS, 1L);

        stack.create("epair1");
        DriverKit.up(stack, "epair1a");
        DriverKit.up(stack, "epair1b");
        stack.ioctl("vlan3", new VlanRequest.SetVlan("epair1a", 3));
        assertThat(vlan(stack, "vlan3")).isEqualTo(new VlanReply("epair1a", 3, VlanReply.ETHERTYPE_VLAN));
        assertThat(info(stack, "vlan3").linkState()).isEqualTo(LinkState.UP);
        Leaks.assertClosedClean(stack);
    }

    @Test
    void minusVlandevDetachesAndLetsGoOfTheParent() {
        NetStack stack = stack();
        stack.create("vlan0", CloneParams.of("vlandev", "epair0a", "vlan", "5"));
        Ifnet parent = ifnet(stack, "epair0a");
        assertThat(parent.refcount()).isEqualTo(2);
        stack.ioctl("vlan0", VlanRequest.SetVlan.detach());
        assertThat(parent.refcount()).isEqualTo(1);
        assertThat(vlan(stack, "vlan0")).isEqualTo(VlanReply.NONE);
        assertThat(info(stack, "vlan0").linkState()).isEqualTo(LinkState.DOWN);
        assertThat(parent.tagDemux()).as("the last vlan uninstalls the trunk").isNull();
        stack.ioctl("vlan0", VlanRequest.SetVlan.detach()); // detaching twice is harmless
        stack.ioctl("vlan0", new VlanRequest.SetVlan("epair0b", 5));
        assertThat(vlan(stack, "vlan0").parent()).isEqualTo("epair0b");
        Leaks.assertClosedClean(stack);
    }

    @Test
    void stackedVlansCarryTwoTags() {
        NetStack stack = stack();
        Captured in = Captured.install(stack);
        for (String v : new String[] {"epair0a.5", "epair0a.5.7", "epair0b.5", "epair0b.5.7"}) {
            stack.create(v);
            DriverKit.up(stack, v);
        }
        WireTap wire = WireTap.on(stack, "epair0b");
        Captured.send(stack, "epair0a.5.7", Frames.ipv4(stack, 20, 0));
        byte[] got = wire.frames().get(0);
        assertThat(java.util.Arrays.copyOfRange(got, 12, 22)).containsExactly(0x81, 0, 0, 5, 0x81, 0, 0, 7, 0x08, 0x00);
        assertRefused(stack, Errno.EBUSY, () -> stack.destroy("epair0a.5"), "epair0a.5", "epair0a.5.7");
        stack.destroy("epair0a.5.7");
        stack.destroy("epair0a.5");
        assertThat(in.all()).isEmpty();
        Leaks.assertClosedClean(stack);
    }

    @Test
    void aTransmitInFlightKeepsTheDepartingParentValid() throws Exception {
        NetStack stack = stack();
        stack.create("epair0a.5");
        DriverKit.up(stack, "epair0a.5");
        Ifnet parent = ifnet(stack, "epair0a");
        FailPoints.Gate gate = stack.failPoints().pause(VlanCloner.FP_TRANSMIT);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> tx = pool.submit(() -> Captured.send(stack, "epair0a.5", Frames.ipv4(stack, 40, 0)));
            assertThat(gate.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
            Future<?> destroy = pool.submit(() -> stack.destroy("epair0a"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (parent.state() != IfState.DETACHED && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(parent.state()).isEqualTo(IfState.DETACHED);
            assertThat(vlan(stack, "epair0a.5")).as("departure detached the vlan").isEqualTo(VlanReply.NONE);
            assertThat(parent.softc().isReleased()).as("the transmit's epoch section still covers it").isFalse();
            assertThat(destroy.isDone()).as("the release waits for the grace period").isFalse();

            gate.open();
            assertThat(tx.get(10, TimeUnit.SECONDS)).as("the detached parent drops it").isFalse();
            destroy.get(10, TimeUnit.SECONDS);
        } finally {
            gate.open();
            stack.failPoints().clear(VlanCloner.FP_TRANSMIT);
            pool.shutdownNow();
        }
        stack.quiesce();
        assertThat(parent.state()).isEqualTo(IfState.RELEASED);
        assertThat(info(stack, "epair0a.5").counters()).as("the parent lost RUNNING in its detach")
                .containsEntry(IfCounter.OERRORS, 1L).containsEntry(IfCounter.OPACKETS, 0L);
        assertThat(stack.leakReport().poisonedAccesses()).isZero();
        Leaks.assertClosedClean(stack);
    }

    @Test
    void everyErrorLeavesVlansAndParentsAsTheyWere() {
        NetStack stack = stack();
        stack.create("epair0a.5");
        stack.create("vlan1");
        stack.create("vlan2");
        String[] w = {"epair0a", "epair0b", "epair0a.5", "vlan1", "vlan2"};
        for (String[] p : new String[][] {{"vlandev", "epair0a", "vlan", "0"}, {"vlandev", "epair0a", "vlan", "4095"},
            {"vlandev", "epair0a", "vlan", "5000"}, {"vlandev", "epair0a", "vlan", "x"}, {"vlandev", "epair0a"},
            {"vlan", "3"}, {"vlandev", "epair0a", "vlan", "3", "pcp", "1"}}) {
            assertRefused(stack, Errno.EINVAL, () -> stack.create("vlan9", CloneParams.of(p)), w);
        }
        assertRefused(stack, Errno.ENXIO, () -> stack.create("vlan9", CloneParams.of("vlandev", "nosuch", "vlan", "3")), w);
        assertRefused(stack, Errno.EEXIST, () -> stack.create("vlan9", CloneParams.of("vlandev", "epair0a", "vlan", "5")), w);
        assertRefused(stack, Errno.EEXIST, () -> stack.create("epair0a.5"), w);
        assertRefused(stack, Errno.EEXIST, () -> stack.create("vlan1"), w);
        assertRefused(stack, Errno.EINVAL, () -> stack.create("epair0b.0"), w);
        assertRefused(stack, Errno.EINVAL, () -> stack.create("epair0b.4095"), w);
        assertRefused(stack, Errno.EINVAL, () -> stack.create("epair0a.6", CloneParams.of("vlandev", "epair0b", "vlan", "6")), w);
        assertRefused(stack, Errno.EINVAL, () -> stack.create("epair0a.6", CloneParams.of("vlandev", "epair0a", "vlan", "7")), w);
        assertRefused(stack, Errno.EINVAL, () -> stack.create("nosuch.5"), w);
        assertRefused(stack, Errno.EPROTONOSUPPORT, () -> stack.create("lo0.5"), w);

        assertRefused(stack, Errno.EPROTONOSUPPORT, () -> stack.ioctl("vlan1", new VlanRequest.SetVlan("lo0", 5)), w);
        assertRefused(stack, Errno.ENOENT, () -> stack.ioctl("vlan1", new VlanRequest.SetVlan("nosuch", 5)), w);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("vlan1", new VlanRequest.SetVlan("epair0a", 0)), w);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("vlan1", new VlanRequest.SetVlan("epair0a", 4095)), w);
        assertRefused(stack, Errno.EBUSY, () -> stack.ioctl("epair0a.5", new VlanRequest.SetVlan("epair0b", 9)), w);
        assertRefused(stack, Errno.EEXIST, () -> stack.ioctl("vlan1", new VlanRequest.SetVlan("epair0a", 5)), w);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("vlan1", new VlanRequest.SetVlan("vlan1", 5)), w);
        stack.ioctl("vlan2", new VlanRequest.SetVlan("vlan1", 3));
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("vlan1", new VlanRequest.SetVlan("vlan2", 4)), w);
        assertRefused(stack, Errno.EBUSY, () -> stack.destroy("vlan1"), w);

        stack.create("vlan3");
        String[] w3 = {"epair0a", "epair0a.5", "vlan3"};
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("vlan3", new GenericRequest.GetMedia()), w3);
        assertRefused(stack, Errno.EINVAL, () -> setMtu(stack, "vlan3", 1400), w3);
        assertRefused(stack, Errno.EINVAL, () -> setMtu(stack, "epair0a.5", 1501), w3);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("epair0a.5", new GenericRequest.SetMedia(0x20)), w3);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("epair0a.5", new GenericRequest.SetCap(IfCap.VLAN_MTU)), w3);
        assertRefused(stack, Errno.ENOTTY, () -> stack.ioctl("epair0a", new VlanRequest.GetVlan()), w3);
        Leaks.assertClosedClean(stack);
    }
}
