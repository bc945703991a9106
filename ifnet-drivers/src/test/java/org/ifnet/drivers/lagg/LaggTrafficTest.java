package org.ifnet.drivers.lagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ifnet.drivers.lagg.LaggFixture.far;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ifnet.core.IfCounter;
import org.ifnet.core.LinkState;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggOpts;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggProto;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.ifnet.drivers.lagg.proto.PortFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Frames through lagg with exact numbers: the ports are epairs' "a" ends, and the stack's
 * input handler counts what arrives on the "b" ends (and on the lagg).
 */
class LaggTrafficTest {
    private final LaggFixture fx = new LaggFixture();

    private void sendFlows(String lagg, int count) {
        for (int i = 0; i < count; i++) {
            fx.send(lagg, TestFrames.tcp4(fx.frame(), 0x0a000001, 0x0a000002, 10_000 + i, 80));
        }
    }

    private long received(String port) {
        return fx.sink.count(far(port));
    }

    @Test
    void failoverMovesWithinOneLinkEventAndBackWhenThePrimaryReturns() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        String lagg = fx.lagg(LaggProto.FAILOVER, p0, p1);
        sendFlows(lagg, 100);
        assertThat(received(p0)).isEqualTo(100);
        assertThat(received(p1)).isZero();

        fx.down(far(p0));                         // one event: epair0a's link goes down
        assertThat(fx.ifnet(p0).linkState()).isEqualTo(LinkState.DOWN);
        assertThat(fx.ifnet(lagg).linkState()).isEqualTo(LinkState.UP);
        sendFlows(lagg, 100);
        assertThat(received(p1)).isEqualTo(100);  // every frame, the first one included
        assertThat(received(p0)).isEqualTo(100);
        LaggStatus s = fx.status(lagg);
        assertThat(s.ports().get(0).flags()).isEqualTo(PortFlags.MASTER);
        assertThat(s.ports().get(1).flags()).isEqualTo(PortFlags.ACTIVE);

        fx.up(far(p0));                           // the primary's link returns
        sendFlows(lagg, 100);
        assertThat(received(p0)).isEqualTo(200);
        assertThat(received(p1)).isEqualTo(100);
        assertThat(fx.status(lagg).ports().get(0).flags()).isEqualTo(PortFlags.MASTER | PortFlags.ACTIVE);
        assertThat(fx.counter(lagg, IfCounter.OPACKETS)).isEqualTo(300);
        assertThat(fx.counter(lagg, IfCounter.OERRORS)).isZero();
        assertThat(fx.counter(p0, IfCounter.OQDROPS)).isZero();
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void failoverTakesInputOnlyFromTheActivePortUnlessRxAll() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        String lagg = fx.lagg(LaggProto.FAILOVER, p0, p1);
        fx.send(far(p0), TestFrames.tcp4(fx.frame(), 1, 2, 3, 4));
        fx.send(far(p1), TestFrames.tcp4(fx.frame(), 1, 2, 3, 4));
        assertThat(fx.sink.count(lagg)).isEqualTo(1);
        assertThat(fx.counter(lagg, IfCounter.IQDROPS)).isEqualTo(1);
        assertThat(fx.counter(p1, IfCounter.IPACKETS)).isEqualTo(1);   // counted on the port...
        assertThat(fx.counter(p0, IfCounter.IPACKETS)).isEqualTo(1);
        assertThat(fx.counter(lagg, IfCounter.IPACKETS)).isEqualTo(1); // ...and on the lagg when taken

        fx.ioctl(lagg, SetLaggOpts.on(LaggOpt.RX_ALL));
        fx.send(far(p1), TestFrames.tcp4(fx.frame(), 1, 2, 3, 4));
        assertThat(fx.sink.count(lagg)).isEqualTo(2);
        fx.ioctl(lagg, SetLaggOpts.off(LaggOpt.RX_ALL));

        fx.ioctl(p0, new org.ifnet.core.ioctl.GenericRequest.SetFlags(fx.flags(p0) & ~1)); // primary DOWN itself
        fx.send(far(p1), TestFrames.tcp4(fx.frame(), 1, 2, 3, 4));    // p1 carries the traffic now
        assertThat(fx.sink.count(lagg)).isEqualTo(3);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void loadbalanceSpreads10000FlowsEvenlyAndKeepsEachOnOnePort() {
        String[] ports = {fx.epair(), fx.epair(), fx.epair(), fx.epair()};
        String lagg = fx.lagg(LaggProto.LOADBALANCE, ports);
        Map<Integer, Set<String>> portsOfFlow = new ConcurrentHashMap<>();
        fx.sink.observe((ifp, f) -> {
            int sport = Ether.u16(f, Ether.HEADER_LEN + 20);
            portsOfFlow.computeIfAbsent(sport, k -> ConcurrentHashMap.newKeySet()).add(ifp.name());
        });
        int flows = 10_000;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < flows; i++) {
                fx.send(lagg, TestFrames.tcp4(fx.frame(), 0x0a000001, 0x0a000002, 1024 + i, 443));
            }
        }
        assertThat(portsOfFlow).hasSize(flows);
        Map<String, Integer> flowsPerPort = new HashMap<>();
        portsOfFlow.forEach((flow, where) -> {
            assertThat(where).as("flow %d", flow).hasSize(1);
            flowsPerPort.merge(where.iterator().next(), 1, Integer::sum);
        });
        assertThat(flowsPerPort).hasSize(ports.length);
        int even = flows / ports.length;
        for (String p : ports) {
            assertThat(flowsPerPort.get(far(p))).as(p).isBetween(even * 9 / 10, even * 11 / 10);
            assertThat(received(p)).isEqualTo(3L * flowsPerPort.get(far(p)));
        }
        assertThat(fx.counter(lagg, IfCounter.OPACKETS)).isEqualTo(3L * flows);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void loadbalanceUsesTheShiftedFlowIdWhenAsked() {
        String[] ports = {fx.epair(), fx.epair(), fx.epair()};
        String lagg = fx.lagg(LaggProto.LOADBALANCE, ports);
        for (int k = 0; k < 30; k++) {  // use_flowid and flowid_shift 16 are the defaults
            fx.send(lagg, TestFrames.tcp4(fx.frame(), 1, 2, 3, 4).setFlowid(k << 16 | 0xffff));
        }
        for (String p : ports) {
            assertThat(received(p)).isEqualTo(10);
        }
        fx.sink.reset();
        fx.ioctl(lagg, new SetLaggOpts(LaggOpt.FLOWID_SHIFT, 0));
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        fx.sink.observe((ifp, f) -> order.add(ifp.name()));
        for (int k = 0; k < 6; k++) {
            fx.send(lagg, TestFrames.tcp4(fx.frame(), 1, 2, 3, 4).setFlowid(k));
        }
        assertThat(order).containsExactly(far(ports[0]), far(ports[1]), far(ports[2]),
                far(ports[0]), far(ports[1]), far(ports[2]));
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void loadbalanceSpreadsOverTheActivePortsOnly() {
        String[] ports = {fx.epair(), fx.epair(), fx.epair()};
        String lagg = fx.lagg(LaggProto.LOADBALANCE, ports);
        fx.down(far(ports[1]));
        sendFlows(lagg, 3000);
        assertThat(received(ports[1])).isZero();
        assertThat(received(ports[0])).isBetween(1350L, 1650L);
        assertThat(received(ports[2])).isBetween(1350L, 1650L);
        assertThat(received(ports[0]) + received(ports[2])).isEqualTo(3000);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void roundrobinSendsRrLimitFramesOnEachPortInTurn() {
        String[] ports = {fx.epair(), fx.epair(), fx.epair()};
        String lagg = fx.lagg(LaggProto.ROUNDROBIN, ports);
        int k = 3;
        fx.ioctl(lagg, new SetLaggOpts(LaggOpt.RR_LIMIT, k));
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        fx.sink.observe((ifp, f) -> order.add(ifp.name()));
        sendFlows(lagg, 2 * k * ports.length);
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String p : ports) {
                for (int i = 0; i < k; i++) {
                    expected.add(far(p));
                }
            }
        }
        assertThat(order).isEqualTo(expected);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void roundrobinWithoutALimitAlternatesAndSkipsADownPort() {
        String[] ports = {fx.epair(), fx.epair()};
        String lagg = fx.lagg(LaggProto.ROUNDROBIN, ports);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        fx.sink.observe((ifp, f) -> order.add(ifp.name()));
        sendFlows(lagg, 4);
        assertThat(order).containsExactly(far(ports[0]), far(ports[1]), far(ports[0]), far(ports[1]));
        fx.down(far(ports[0]));
        order.clear();
        sendFlows(lagg, 4);
        assertThat(order).containsOnly(far(ports[1])).hasSize(4);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void broadcastDuplicatesEveryFrame() {
        String[] ports = {fx.epair(), fx.epair(), fx.epair()};
        String lagg = fx.lagg(LaggProto.BROADCAST, ports);
        sendFlows(lagg, 50);
        for (String p : ports) {
            assertThat(received(p)).isEqualTo(50);
            assertThat(fx.counter(p, IfCounter.OPACKETS)).isEqualTo(50);
        }
        assertThat(fx.counter(lagg, IfCounter.OPACKETS)).isEqualTo(50);
        fx.down(far(ports[2]));
        sendFlows(lagg, 10);
        assertThat(received(ports[0])).isEqualTo(60);
        assertThat(received(ports[2])).isEqualTo(50);
        assertThat(fx.stack.framePool().outstanding()).isZero();
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void noneDropsAndCounts() {
        String p0 = fx.epair();
        String lagg = fx.lagg(LaggProto.NONE, p0);
        sendFlows(lagg, 20);
        fx.send(far(p0), TestFrames.tcp4(fx.frame(), 1, 2, 3, 4));
        assertThat(received(p0)).isZero();
        assertThat(fx.counter(lagg, IfCounter.OERRORS)).isEqualTo(20);
        assertThat(fx.counter(lagg, IfCounter.OPACKETS)).isZero();
        assertThat(fx.sink.count(lagg)).isZero();
        assertThat(fx.counter(lagg, IfCounter.IQDROPS)).isEqualTo(1);
        assertThat(fx.status(lagg).ports().get(0).flags()).isZero();
        Leaks.assertClosedClean(fx.stack);
    }

    /**
     * For every protocol, with one of three ports down: frames given to the lagg equal frames
     * it sent plus frames it dropped, and what the ports sent is what arrived at the far ends.
     */
    @ParameterizedTest
    @EnumSource(value = LaggProto.class, names = "LACP", mode = EnumSource.Mode.EXCLUDE)
    void countersAddUp(LaggProto proto) {
        String[] ports = {fx.epair(), fx.epair(), fx.epair()};
        String lagg = fx.lagg(proto, ports);
        fx.down(far(ports[1]));
        int frames = 600;
        sendFlows(lagg, frames);
        fx.down(lagg);
        sendFlows(lagg, 7);          // a down lagg drops and counts them too
        long out = fx.counter(lagg, IfCounter.OPACKETS);
        long err = fx.counter(lagg, IfCounter.OERRORS);
        assertThat(out + err).isEqualTo(frames + 7);
        long portsOut = 0;
        long arrived = 0;
        for (String p : ports) {
            portsOut += fx.counter(p, IfCounter.OPACKETS);
            arrived += received(p);
            assertThat(fx.counter(p, IfCounter.OQDROPS) + fx.counter(p, IfCounter.OERRORS)).isZero();
        }
        assertThat(arrived).isEqualTo(portsOut);
        switch (proto) {
            case NONE:
                assertThat(out).isZero();
                break;
            case BROADCAST:
                assertThat(out).isEqualTo(frames);
                assertThat(portsOut).isEqualTo(2L * frames);
                break;
            default:
                assertThat(out).isEqualTo(frames);
                assertThat(portsOut).isEqualTo(frames);
        }
        assertThat(fx.stack.framePool().outstanding()).isZero();
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void withEveryPortDownFramesAreDroppedAtTheLagg() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        String lagg = fx.lagg(LaggProto.FAILOVER, p0, p1);
        fx.down(far(p0));
        fx.down(far(p1));
        assertThat(fx.ifnet(lagg).linkState()).isEqualTo(LinkState.DOWN);
        for (LaggProto p : new LaggProto[] {LaggProto.FAILOVER, LaggProto.LOADBALANCE, LaggProto.ROUNDROBIN, LaggProto.BROADCAST}) {
            fx.ioctl(lagg, new SetLaggProto(p));
            sendFlows(lagg, 5);
        }
        assertThat(fx.counter(lagg, IfCounter.OERRORS)).isEqualTo(20);
        assertThat(fx.counter(p0, IfCounter.OPACKETS) + fx.counter(p1, IfCounter.OPACKETS)).isZero();
        fx.up(far(p1));
        assertThat(fx.ifnet(lagg).linkState()).isEqualTo(LinkState.UP);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void inputTakenByTheLaggIsCountedOnPortAndLagg() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        String lagg = fx.lagg(LaggProto.LOADBALANCE, p0, p1);
        for (int i = 0; i < 10; i++) {
            fx.send(far(p0), TestFrames.tcp4(fx.frame(), 1, 2, 3, 4));
            fx.send(far(p1), TestFrames.tcp4(fx.frame(), 1, 2, 3, 4));
        }
        assertThat(fx.sink.count(lagg)).isEqualTo(20);
        assertThat(fx.counter(lagg, IfCounter.IPACKETS)).isEqualTo(20);
        assertThat(fx.counter(p0, IfCounter.IPACKETS)).isEqualTo(10);
        assertThat(fx.counter(p1, IfCounter.IPACKETS)).isEqualTo(10);
        assertThat(fx.sink.count(p0) + fx.sink.count(p1)).isZero(); // nothing bypassed the lagg
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void aFrameIsNeverCopiedForUnicastProtocols() {
        String p0 = fx.epair();
        String lagg = fx.lagg(LaggProto.LOADBALANCE, p0);
        Frame[] seen = new Frame[1];
        fx.sink.observe((ifp, f) -> seen[0] = f);
        Frame f = TestFrames.tcp4(fx.frame(), 1, 2, 3, 4);
        fx.send(lagg, f);
        assertThat(seen[0]).isSameAs(f);
        Leaks.assertClosedClean(fx.stack);
    }
}
