package org.ifnet.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.core.testing.Leaks;
import org.ifnet.core.testing.SeedScenario;
import org.ifnet.drivers.lo.LoopbackCloner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoopbackSeedTest {

    @ParameterizedTest
    @EnumSource(Policy.class)
    void seedInterleaving(Policy policy) throws Exception {
        NetStack stack = NetStack.builder().policy(policy).tracking(true).build();
        stack.registerCloner(new LoopbackCloner());
        String name = stack.create("lo");
        assertThat(name).isEqualTo("lo1");
        SeedScenario.Outcome o = SeedScenario.run(stack, name);
        if (policy == Policy.SAFE) {
            assertThat(o.sawUseAfterFree()).isFalse();
            assertThat(o.error()).isNotNull();
            assertThat(o.error().errno()).isIn(Errno.ENXIO, Errno.ENOTTY);
            assertThat(o.releasesBeforeT1Returned()).isZero();
            assertThat(o.releasesAfterT1Closed()).isEqualTo(1);
            Leaks.assertClosedClean(stack);
        } else {
            assertThat(o.sawUseAfterFree()).isTrue();
            Leaks.assertNoLeakedReferences(stack);
        }
    }
}
