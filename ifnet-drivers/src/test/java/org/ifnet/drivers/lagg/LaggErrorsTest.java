package org.ifnet.drivers.lagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ifnet.core.IfInfo;
import org.ifnet.core.IfRef;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.DriverRequest;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.lagg.LaggRequest.DelLaggPort;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggHash;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggOpts;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggPort;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggProto;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every error case of DESIGN section 4: the errno, and proof that nothing changed, neither
 * the lagg (status, ports, flags, MTU, MAC, capabilities) nor any interface involved.
 */
class LaggErrorsTest {
    private final LaggFixture fx = new LaggFixture();
    private String p0;
    private String p1;
    private String spare;
    private String lagg;
    private String other;

    @BeforeEach
    void setUp() {
        p0 = fx.epair();
        p1 = fx.epair();
        spare = fx.epair();
        lagg = fx.lagg(LaggProto.ROUNDROBIN, p0, p1);
        other = fx.lagg(LaggProto.FAILOVER);
    }

    @AfterEach
    void clean() {
        Leaks.assertClosedClean(fx.stack);
    }

    /** Everything a failed request could have touched, printed so a difference is readable. */
    private List<Object> world() {
        List<Object> w = new ArrayList<>();
        for (String l : List.of(lagg, other)) {
            w.add(fx.status(l));
        }
        for (String n : fx.stack.interfaces()) {
            IfInfo i = fx.ioctl(n, new GenericRequest.GetInfo());
            w.add(List.of(i.name(), i.flags(), i.mtu(), i.lladdr(), i.capenable(), i.linkState(), i.baudrate(),
                    String.valueOf(fx.ifnet(n).portOwner())));
        }
        return w;
    }

    private void refusedWithoutChange(Errno errno, ThrowingCallable call) {
        List<Object> before = world();
        Errnos.expect(errno, call);
        assertThat(world()).isEqualTo(before);
    }

    @Test
    void addingTheLaggToItselfIsEinval() {
        refusedWithoutChange(Errno.EINVAL, () -> fx.addPort(lagg, lagg));
    }

    @Test
    void addingALaggAsAPortIsEinval() {
        refusedWithoutChange(Errno.EINVAL, () -> fx.addPort(lagg, other));
    }

    @Test
    void addingToALaggBeingDestroyedIsEnxio() {
        try (IfRef held = fx.stack.lookup(lagg)) {
            fx.stack.destroy(lagg);
            IfInfo spareBefore = fx.ioctl(spare, new GenericRequest.GetInfo());
            Errnos.expect(Errno.ENXIO, () -> fx.stack.ioctl(held, new SetLaggPort(spare)));
            assertThat(fx.ifnet(spare).portOwner()).isNull();
            assertThat(fx.ioctl(spare, new GenericRequest.GetInfo())).isEqualTo(spareBefore);
        }
    }

    @Test
    void the33rdPortIsEnospc() {
        String big = fx.stack.create("lagg");
        for (int i = 0; i < LaggSoftc.MAX_PORTS; i++) {
            fx.addPort(big, fx.epair());
        }
        String last = fx.epair();
        List<Object> before = world();
        LaggStatus bigBefore = fx.status(big);
        Errnos.expect(Errno.ENOSPC, () -> fx.addPort(big, last));
        assertThat(world()).isEqualTo(before);
        assertThat(fx.status(big)).isEqualTo(bigBefore);
        assertThat(bigBefore.ports()).hasSize(32);
    }

    @Test
    void aPortAlreadyInThisLaggIsEexist() {
        refusedWithoutChange(Errno.EEXIST, () -> fx.addPort(lagg, p0));
    }

    @Test
    void aPortOfAnotherLaggIsEbusy() {
        refusedWithoutChange(Errno.EBUSY, () -> fx.addPort(other, p0));
    }

    @Test
    void aNonEthernetInterfaceIsEprotonosupport() {
        refusedWithoutChange(Errno.EPROTONOSUPPORT, () -> fx.addPort(lagg, "lo0"));
    }

    @Test
    void anUnknownOrEmptyPortNameIsEinval() {
        refusedWithoutChange(Errno.EINVAL, () -> fx.addPort(lagg, "epair99a"));
        refusedWithoutChange(Errno.EINVAL, () -> fx.addPort(lagg, ""));
        refusedWithoutChange(Errno.EINVAL, () -> fx.ioctl(lagg, new SetLaggPort(null)));
        refusedWithoutChange(Errno.EINVAL, () -> fx.delPort(lagg, "epair99a"));
    }

    @Test
    void removingANonMemberIsEnoent() {
        refusedWithoutChange(Errno.ENOENT, () -> fx.delPort(lagg, spare));
        refusedWithoutChange(Errno.ENOENT, () -> fx.ioctl(other, new DelLaggPort(p0)));
    }

    @Test
    void lacpIsEprotonosupport() {
        refusedWithoutChange(Errno.EPROTONOSUPPORT, () -> fx.ioctl(lagg, new SetLaggProto(LaggProto.LACP)));
        Errnos.expect(Errno.EPROTONOSUPPORT, () -> LaggProto.byValue(6));
    }

    @Test
    void lagghashNeedsAtLeastOneKnownLayer() {
        refusedWithoutChange(Errno.EINVAL, () -> fx.ioctl(lagg, new SetLaggHash(0)));
        refusedWithoutChange(Errno.EINVAL, () -> fx.ioctl(lagg, new SetLaggHash(0x9)));
    }

    @Test
    void flowidShiftIsZeroTo31() {
        refusedWithoutChange(Errno.EINVAL, () -> fx.ioctl(lagg, new SetLaggOpts(LaggOpt.FLOWID_SHIFT, 32)));
        refusedWithoutChange(Errno.EINVAL, () -> fx.ioctl(lagg, new SetLaggOpts(LaggOpt.FLOWID_SHIFT, -1)));
        fx.ioctl(lagg, new SetLaggOpts(LaggOpt.FLOWID_SHIFT, 31));
        assertThat(fx.status(lagg).options().flowidShift()).isEqualTo(31);
    }

    @Test
    void rrLimitIsPositiveAndOnlyForRoundrobin() {
        refusedWithoutChange(Errno.EINVAL, () -> fx.ioctl(lagg, new SetLaggOpts(LaggOpt.RR_LIMIT, 0)));
        refusedWithoutChange(Errno.EINVAL, () -> fx.ioctl(other, new SetLaggOpts(LaggOpt.RR_LIMIT, 3)));
        fx.ioctl(lagg, new SetLaggOpts(LaggOpt.RR_LIMIT, 3));
        assertThat(fx.status(lagg).options().rrLimit()).isEqualTo(3);
    }

    @Test
    void lacpOptionsNeedLacp() {
        for (LaggOpt o : LaggOpt.values()) {
            if (o.lacpOnly()) {
                refusedWithoutChange(Errno.EINVAL, () -> fx.ioctl(lagg, SetLaggOpts.on(o)));
            }
        }
    }

    @Test
    void onOffOptionsTakeOneOrZero() {
        refusedWithoutChange(Errno.EINVAL, () -> fx.ioctl(lagg, new SetLaggOpts(LaggOpt.USE_FLOWID, 2)));
        refusedWithoutChange(Errno.EINVAL, () -> fx.ioctl(lagg, new SetLaggOpts(LaggOpt.RX_ALL, -1)));
        fx.ioctl(lagg, SetLaggOpts.off(LaggOpt.USE_FLOWID));
        fx.ioctl(lagg, SetLaggOpts.on(LaggOpt.RX_ALL));
        LaggOptions o = fx.status(lagg).options();
        assertThat(o.useFlowid()).isFalse();
        assertThat(o.rxAll()).isTrue();
        assertThat(LaggOpt.names(o.opts())).isEqualTo("RX_ALL");
    }

    @Test
    void aMembersMtuIsEinval() {
        refusedWithoutChange(Errno.EINVAL, () -> fx.ioctl(p0, new GenericRequest.SetMtu(9000)));
    }

    @Test
    void onlyAutoselectMediaIsAccepted() {
        refusedWithoutChange(Errno.EINVAL, () -> fx.ioctl(lagg, new GenericRequest.SetMedia(0x20 | 16)));
    }

    @Test
    void anUnknownRequestIsEnotty() {
        DriverRequest<Object> unknown = new DriverRequest<>() {
            public String ioctlName() { return "SIOCXTEST"; }
            public boolean mutates() { return true; }
        };
        refusedWithoutChange(Errno.ENOTTY, () -> fx.ioctl(lagg, unknown));
    }
}
