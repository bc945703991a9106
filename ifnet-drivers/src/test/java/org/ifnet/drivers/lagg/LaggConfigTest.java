package org.ifnet.drivers.lagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ifnet.core.IfCap;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfInfo;
import org.ifnet.core.IfType;
import org.ifnet.core.LinkState;
import org.ifnet.core.MacAddress;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.core.media.MediaWord;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.lagg.LaggRequest.GetLaggPort;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggProto;
import org.ifnet.drivers.lagg.hash.FlowHash;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.ifnet.drivers.lagg.proto.PortFlags;
import org.junit.jupiter.api.Test;

/** The cloner, the defaults, and what adding and removing ports does to the lagg and its members. */
class LaggConfigTest {
    private final LaggFixture fx = new LaggFixture();

    private IfInfo info(String name) {
        return fx.ioctl(name, new GenericRequest.GetInfo());
    }

    @Test
    void createsAutoUnitsAndSpecificOnesWithFreeBsdDefaults() {
        assertThat(fx.stack.create("lagg")).isEqualTo("lagg0");
        assertThat(fx.stack.create("lagg")).isEqualTo("lagg1");
        assertThat(fx.stack.create("lagg7")).isEqualTo("lagg7");
        Errnos.expect(Errno.EEXIST, () -> fx.stack.create("lagg7"));
        assertThat(fx.stack.create("lagg")).isEqualTo("lagg2");
        assertThat(fx.stack.create("lagg", CloneParams.of("laggtype", "ethernet"))).isEqualTo("lagg3");
        Errnos.expect(Errno.EINVAL, () -> fx.stack.create("lagg", CloneParams.of("laggtype", "infiniband")));
        Errnos.expect(Errno.EINVAL, () -> fx.stack.create("lagg", CloneParams.of("laggproto", "lacp")));
        assertThat(fx.stack.groupMembers("lagg")).containsExactly("lagg0", "lagg1", "lagg7", "lagg2", "lagg3");

        IfInfo i = info("lagg0");
        assertThat(i.flags()).isEqualTo(0x8802); // BROADCAST, SIMPLEX, MULTICAST
        assertThat(i.type()).isEqualTo(IfType.ETHER);
        assertThat(i.mtu()).isEqualTo(1500);
        assertThat(i.lladdr()).isZero();         // 00:00:00:00:00:00 until the first port
        assertThat(i.groups()).containsExactly("all", "lagg");
        LaggStatus s = fx.status("lagg0");
        assertThat(s.proto()).isEqualTo(LaggProto.FAILOVER);
        assertThat(s.hashLayers()).isEqualTo(FlowHash.L2 | FlowHash.L3 | FlowHash.L4);
        assertThat(s.options().useFlowid()).isTrue();
        assertThat(s.options().flowidShift()).isEqualTo(16);
        assertThat(s.options().rxAll()).isFalse();
        assertThat(s.ports()).isEmpty();
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void firstPortGivesMtuAndMacLaterPortsTakeThemAndPortsAreInIndexOrder() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        fx.ioctl(p1, new GenericRequest.SetMtu(9000));
        long mac1 = info(p1).lladdr();
        String lagg = fx.stack.create("lagg");
        fx.addPort(lagg, p1);                    // first: the lagg takes 9000 and p1's MAC
        assertThat(info(lagg).mtu()).isEqualTo(9000);
        assertThat(info(lagg).lladdr()).isEqualTo(mac1);
        fx.addPort(lagg, p0);                    // later: p0 takes the lagg's
        assertThat(info(p0).mtu()).isEqualTo(9000);
        assertThat(info(p0).lladdr()).isEqualTo(mac1);
        LaggStatus s = fx.status(lagg);
        assertThat(s.portNames()).containsExactly(p0, p1); // p0 has the lower index
        assertThat(s.ports().get(1).flags() & PortFlags.MASTER).isEqualTo(PortFlags.MASTER);
        assertThat(s.ports().get(0).flags() & PortFlags.MASTER).isZero();
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void removingAPortRestoresMtuMacAndFlags() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        fx.ioctl(p1, new GenericRequest.SetMtu(9000));
        IfInfo before = info(p1);
        String lagg = fx.lagg(LaggProto.FAILOVER, p0, p1);
        fx.down(lagg);
        IfInfo joined = info(p1);
        assertThat(joined.mtu()).isEqualTo(1500);
        assertThat(joined.lladdr()).isEqualTo(info(p0).lladdr());
        assertThat(joined.flags() & IfFlags.UP).isZero();
        assertThat(fx.ifnet(p1).portOwner()).isNotNull();

        fx.delPort(lagg, p1);
        IfInfo after = info(p1);
        assertThat(after.mtu()).isEqualTo(before.mtu());
        assertThat(after.lladdr()).isEqualTo(before.lladdr());
        assertThat(after.flags()).isEqualTo(before.flags());
        assertThat(fx.ifnet(p1).portOwner()).isNull();
        fx.ioctl(p1, new GenericRequest.SetMtu(1280)); // its own again
        assertThat(fx.status(lagg).portNames()).containsExactly(p0);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void removingThePrimaryHandsTheMacToTheNextPort() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        long mac0 = info(p0).lladdr();
        long mac1 = info(p1).lladdr();
        String lagg = fx.lagg(LaggProto.FAILOVER, p0, p1);
        assertThat(info(p1).lladdr()).isEqualTo(mac0);
        fx.delPort(lagg, p0);
        assertThat(info(lagg).lladdr()).isEqualTo(mac1);
        assertThat(info(p1).lladdr()).isEqualTo(mac1);
        assertThat(info(p0).lladdr()).isEqualTo(mac0);
        assertThat(fx.status(lagg).ports().get(0).flags() & PortFlags.MASTER).isEqualTo(PortFlags.MASTER);
        fx.delPort(lagg, p1);
        assertThat(info(lagg).lladdr()).isZero();
        assertThat(fx.status(lagg).ports()).isEmpty();
        assertThat(info(lagg).linkState()).isEqualTo(LinkState.DOWN);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void laggMtuChangeAppliesToEveryPort() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        String lagg = fx.lagg(LaggProto.LOADBALANCE, p0, p1);
        fx.ioctl(lagg, new GenericRequest.SetMtu(9000));
        assertThat(info(lagg).mtu()).isEqualTo(9000);
        assertThat(info(p0).mtu()).isEqualTo(9000);
        assertThat(info(p1).mtu()).isEqualTo(9000);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void laggMtuChangeIsRolledBackWhenOnePortRefuses() {
        fx.stack.registerCloner(new CappedEtherCloner());
        String p0 = fx.epair();
        String capped = fx.stack.create("ceth");
        fx.up(capped);
        String lagg = fx.lagg(LaggProto.FAILOVER, p0, capped);
        Errnos.expect(Errno.EINVAL, () -> fx.ioctl(lagg, new GenericRequest.SetMtu(9000)));
        assertThat(info(lagg).mtu()).isEqualTo(1500);
        assertThat(info(p0).mtu()).isEqualTo(1500);     // was changed to 9000, then rolled back
        assertThat(info(capped).mtu()).isEqualTo(1500);
        fx.ioctl(lagg, new GenericRequest.SetMtu(CappedEtherCloner.MAX_MTU));
        assertThat(List.of(info(lagg).mtu(), info(p0).mtu(), info(capped).mtu()))
                .containsOnly(CappedEtherCloner.MAX_MTU);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void aMembersMtuCannotChangeWhileItIsAPort() {
        String p0 = fx.epair();
        String lagg = fx.lagg(LaggProto.FAILOVER, p0);
        Errnos.expect(Errno.EINVAL, () -> fx.ioctl(p0, new GenericRequest.SetMtu(9000)));
        assertThat(info(p0).mtu()).isEqualTo(1500);
        assertThat(info(lagg).mtu()).isEqualTo(1500);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void laggLinkLevelAddressIsSetOnEveryPort() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        String lagg = fx.lagg(LaggProto.FAILOVER, p0, p1);
        long mac = MacAddress.parse("00:11:22:33:44:55");
        fx.ioctl(lagg, new GenericRequest.SetLladdr(mac));
        assertThat(List.of(info(lagg).lladdr(), info(p0).lladdr(), info(p1).lladdr())).containsOnly(mac);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void upAndDownPropagateToThePorts() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        String lagg = fx.lagg(LaggProto.FAILOVER, p0, p1);
        assertThat(fx.flags(lagg) & (IfFlags.UP | IfFlags.RUNNING)).isEqualTo(IfFlags.UP | IfFlags.RUNNING);
        fx.down(lagg);
        assertThat(fx.flags(lagg) & (IfFlags.UP | IfFlags.RUNNING)).isZero();
        assertThat(fx.flags(p0) & IfFlags.UP).isZero();
        assertThat(fx.flags(p1) & IfFlags.UP).isZero();
        fx.up(lagg);
        assertThat(fx.flags(lagg) & IfFlags.RUNNING).isNotZero();
        assertThat(fx.flags(p0) & (IfFlags.UP | IfFlags.RUNNING)).isEqualTo(IfFlags.UP | IfFlags.RUNNING);
        assertThat(fx.flags(p1) & (IfFlags.UP | IfFlags.RUNNING)).isEqualTo(IfFlags.UP | IfFlags.RUNNING);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void portStatusIsAnsweredByTheLaggAndByTheMember() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        String other = fx.epair();
        String lagg = fx.lagg(LaggProto.FAILOVER, p0, p1);
        LaggPortStatus s0 = fx.ioctl(lagg, new GetLaggPort(p0));
        assertThat(s0).isEqualTo(new LaggPortStatus(lagg, p0, 0, PortFlags.MASTER | PortFlags.ACTIVE));
        assertThat(s0.flagsText()).isEqualTo("flags=5<MASTER,ACTIVE>");
        assertThat(fx.ioctl(p1, new GetLaggPort(p1))).isEqualTo(new LaggPortStatus(lagg, p1, 0, 0));
        Errnos.expect(Errno.EINVAL, () -> fx.ioctl(p1, new GetLaggPort(p0)));
        Errnos.expect(Errno.ENOENT, () -> fx.ioctl(lagg, new GetLaggPort(other)));
        Errnos.expect(Errno.EINVAL, () -> fx.ioctl(lagg, new GetLaggPort("nosuch0")));
        Errnos.expect(Errno.ENOTTY, () -> fx.ioctl(other, new GetLaggPort(other)));
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void mediaIsAutoselectActiveWhileAnyPortIsAndSpeedFollowsTheProtocol() {
        String lagg = fx.stack.create("lagg");
        MediaReply m = fx.ioctl(lagg, new GenericRequest.GetMedia());
        assertThat(m.current()).isEqualTo(MediaWord.IFM_ETHER | MediaWord.IFM_AUTO);
        assertThat(m.active()).isEqualTo(MediaWord.IFM_ETHER | MediaWord.IFM_AUTO);
        assertThat(m.status()).isEqualTo(MediaWord.IFM_AVALID);
        assertThat(m.supported()).containsExactly(MediaWord.IFM_ETHER | MediaWord.IFM_AUTO);
        String p0 = fx.epair();
        String p1 = fx.epair();
        fx.addPort(lagg, p0);
        fx.addPort(lagg, p1);
        fx.up(lagg);
        m = fx.ioctl(lagg, new GenericRequest.GetMedia());
        assertThat(m.status()).isEqualTo(MediaWord.IFM_AVALID | MediaWord.IFM_ACTIVE);
        assertThat(info(lagg).baudrate()).isEqualTo(10_000_000_000L);  // failover: the primary's
        fx.ioctl(lagg, new SetLaggProto(LaggProto.LOADBALANCE));
        assertThat(info(lagg).baudrate()).isEqualTo(20_000_000_000L);  // the others: the sum
        fx.ioctl(lagg, new GenericRequest.SetMedia(MediaWord.IFM_ETHER | MediaWord.IFM_AUTO));
        Errnos.expect(Errno.EINVAL, () -> fx.ioctl(lagg, new GenericRequest.SetMedia(MediaWord.IFM_ETHER | MediaWord.IFM_1000_T)));
        fx.down(LaggFixture.far(p0));
        fx.down(LaggFixture.far(p1));
        m = fx.ioctl(lagg, new GenericRequest.GetMedia());
        assertThat(m.status()).isEqualTo(MediaWord.IFM_AVALID);
        assertThat(info(lagg).linkState()).isEqualTo(LinkState.DOWN);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void destroyingAMemberRemovesItsPort() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        String lagg = fx.lagg(LaggProto.FAILOVER, p0, p1);
        fx.stack.destroy(LaggFixture.far(p0));   // destroys both ends of the pair
        assertThat(fx.status(lagg).portNames()).containsExactly(p1);
        assertThat(fx.status(lagg).ports().get(0).flags()).isEqualTo(PortFlags.MASTER | PortFlags.ACTIVE);
        fx.stack.quiesce();
        assertThat(fx.stack.leakReport().unreleasedSoftcs()).isEmpty(); // the port's reference was dropped
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void destroyingTheLaggPutsEveryMemberBack() {
        String p0 = fx.epair();
        String p1 = fx.epair();
        fx.ioctl(p1, new GenericRequest.SetMtu(4000));
        IfInfo b0 = info(p0);
        IfInfo b1 = info(p1);
        String lagg = fx.lagg(LaggProto.ROUNDROBIN, p0, p1);
        fx.stack.destroy(lagg);
        for (String p : List.of(p0, p1)) {
            assertThat(fx.ifnet(p).portOwner()).isNull();
        }
        IfInfo a0 = info(p0);
        IfInfo a1 = info(p1);
        assertThat(List.of(a0.mtu(), a0.lladdr(), a0.flags())).isEqualTo(List.of(b0.mtu(), b0.lladdr(), b0.flags()));
        assertThat(List.of(a1.mtu(), a1.lladdr(), a1.flags())).isEqualTo(List.of(b1.mtu(), b1.lladdr(), b1.flags()));
        assertThat(fx.stack.create("lagg")).isEqualTo(lagg);  // the unit is free again
        fx.addPort(lagg, p0);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void capabilitiesAreWhatEveryPortHas() {
        String p0 = fx.epair();
        String lagg = fx.stack.create("lagg");
        assertThat(info(lagg).capabilities()).isZero();
        fx.addPort(lagg, p0);
        assertThat(info(lagg).capabilities()).isEqualTo(info(p0).capabilities()).isNotZero();
        fx.ioctl(p0, new GenericRequest.SetCap(0));   // a member's own change reaches the lagg
        assertThat(info(lagg).capenable()).isZero();
        fx.delPort(lagg, p0);
        assertThat(info(lagg).capabilities()).isZero();
        assertThat(info(p0).capenable()).isEqualTo(IfCap.VLAN_MTU); // back to its value at join (lp_ifcapenable)
        Leaks.assertClosedClean(fx.stack);
    }
}
