package org.ifnet.drivers;

import org.ifnet.core.SeedInterleaving;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.core.lifecycle.IfState;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.core.testing.Leaks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed's race (T1 paused inside the driver's get-media request holding a reference, T2
 * destroys the interface to the end, T1 resumes) for every driver under every policy: LEGACY
 * and EPOCH_ONLY must show the use after free; SAFE never does, and releases the interface's
 * softc exactly once, after T1's request returned.
 */
class DriverSeedTest {

    static Stream<Arguments> driversAndPolicies() {
        List<Arguments> out = new ArrayList<>();
        for (DriverKit kit : DriverKit.values()) {
            for (Policy p : Policy.values()) {
                out.add(Arguments.of(kit, p));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("driversAndPolicies")
    void seedInterleaving(DriverKit kit, Policy policy) throws Exception {
        NetStack stack = kit.newStack(policy, true);
        String name = kit.createNamed(stack, 1);
        Ifnet target;
        try (IfRef ref = stack.lookup(name)) {
            target = ref.ifp();
        }
        List<Object> released = Collections.synchronizedList(new ArrayList<>());
        stack.failPoints().run(FailSite.RELEASE_HOOK, released::add);

        SeedInterleaving.Outcome o = SeedInterleaving.run(stack, name);
        stack.failPoints().clear(FailSite.RELEASE_HOOK);

        if (policy == Policy.SAFE) {
            assertThat(o.sawUseAfterFree()).as("use after free under SAFE").isFalse();
            assertThat(o.error()).as("T1's answer").isNotNull();
            assertThat(o.error().errno()).isEqualTo(Errno.ENXIO);
            List<Object> beforeT1 = new ArrayList<>(released.subList(0, (int) o.releasesBeforeT1Returned()));
            assertThat(beforeT1).as("released while T1 was inside the driver").doesNotContain(target);
            assertThat(released.stream().filter(i -> i == target).count()).as("release hooks of " + name).isEqualTo(1);
            assertThat(target.softc().isReleased()).isTrue();
            assertThat(target.state()).isEqualTo(IfState.RELEASED);
            Leaks.assertClosedClean(stack);
        } else {
            assertThat(o.sawUseAfterFree()).as("use after free under " + policy).isTrue();
            assertThat(o.useAfterFree()).hasMessageContaining(name);
            Leaks.assertNoLeakedReferences(stack);
        }
    }
}
