package org.ifnet.drivers.lagg;

import org.ifnet.core.SeedInterleaving;
import static org.assertj.core.api.Assertions.assertThat;

import org.ifnet.core.IfInfo;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed report's race on lagg itself: T1 is inside lagg0's get-media request, T2 destroys
 * lagg0 to the end (which removes its ports), then T1 resumes. SAFE: T1 gets ENXIO, the softc
 * is released exactly once and only after T1 let go, and the ports are back as they were.
 * LEGACY and EPOCH_ONLY: the use after free of 2018.
 */
class LaggSeedTest {

    @ParameterizedTest
    @EnumSource(Policy.class)
    void seedInterleaving(Policy policy) throws Exception {
        LaggFixture fx = new LaggFixture(policy);
        String p0 = fx.epair();
        String p1 = fx.epair();
        IfInfo before = fx.ioctl(p1, new GenericRequest.GetInfo());
        String lagg = fx.lagg(LaggProto.LOADBALANCE, p0, p1);
        assertThat(lagg).isEqualTo("lagg0");

        SeedInterleaving.Outcome o = SeedInterleaving.run(fx.stack, lagg);

        assertThat(fx.ifnet(p0).portOwner()).isNull();
        assertThat(fx.ifnet(p1).portOwner()).isNull();
        if (policy == Policy.SAFE) {
            assertThat(o.sawUseAfterFree()).isFalse();
            assertThat(o.error()).isNotNull();
            assertThat(o.error().errno()).isEqualTo(Errno.ENXIO);
            assertThat(o.releasesBeforeT1Returned()).isZero();
            assertThat(o.releasesAfterT1Closed()).isEqualTo(1);
            IfInfo after = fx.ioctl(p1, new GenericRequest.GetInfo());
            assertThat(after.lladdr()).isEqualTo(before.lladdr());
            assertThat(after.mtu()).isEqualTo(before.mtu());
            Leaks.assertClosedClean(fx.stack);
        } else {
            assertThat(o.sawUseAfterFree()).isTrue();
            assertThat(o.useAfterFree().getMessage()).contains("lagg0");
            Leaks.assertNoLeakedReferences(fx.stack);
        }
    }
}
