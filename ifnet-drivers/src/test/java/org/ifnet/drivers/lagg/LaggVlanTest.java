package org.ifnet.drivers.lagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ifnet.drivers.lagg.LaggFixture.far;

import org.ifnet.core.IfCounter;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.junit.jupiter.api.Test;

/**
 * A vlan on top of a lagg (the usual production stack): vlan 5 over lagg0, whose ports are
 * the "a" ends of two epairs, and vlan 5 on each "b" end. Tagged frames cross the lagg in
 * both directions; the lagg is an ordinary Ethernet parent to the vlan driver.
 */
class LaggVlanTest {
    private final LaggFixture fx = new LaggFixture();

    private String vlan5(String name, String parent) {
        String v = fx.stack.create(name, CloneParams.of("vlandev", parent, "vlan", "5"));
        fx.up(v);
        return v;
    }

    @Test
    void aVlanOverALaggSendsAndReceivesTaggedFrames() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        String lagg = fx.lagg(LaggProto.ROUNDROBIN, p0, p1);
        String vlan = vlan5("vlan0", lagg);
        String farVlan0 = vlan5("vlan1", far(p0));
        String farVlan1 = vlan5("vlan2", far(p1));

        for (int i = 0; i < 4; i++) {
            fx.send(vlan, TestFrames.tcp4(fx.frame(), 1, 2, 3, 4));
        }
        assertThat(fx.sink.count(farVlan0)).isEqualTo(2);   // roundrobin over the lagg's two ports,
        assertThat(fx.sink.count(farVlan1)).isEqualTo(2);   // tagged 5 on the wire

        fx.send(farVlan1, TestFrames.tcp4(fx.frame(), 1, 2, 3, 4));
        fx.send(farVlan0, TestFrames.tcp4(fx.frame(), 1, 2, 3, 4));
        assertThat(fx.sink.count(vlan)).isEqualTo(2);        // through either port, the lagg, the vlan
        assertThat(fx.sink.count(lagg)).isZero();
        assertThat(fx.counter(lagg, IfCounter.IPACKETS)).isEqualTo(2);
        Leaks.assertClosedClean(fx.stack);
    }
}
