package org.ifnet.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.NetStack;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.epair.EpairCloner;
import org.ifnet.drivers.vlan.VlanCloner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A create is paused right after the driver attached its interface(s), which are findable from
 * that moment, and another thread destroys one of them (rule 7: one consistent outcome). The
 * create must fail with ENXIO without touching released state, and leave nothing behind: no
 * surviving half of an epair, no vlan holding its parent. (Found by the stress test.)
 */
class CreateRacesDestroyTest {

    private static Throwable createPausedWhile(NetStack stack, String site, Runnable destroy, String name,
                                              CloneParams params) throws Exception {
        FailPoints.Gate gate = stack.failPoints().pause(site);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> create = pool.submit(() -> stack.create(name, params));
            assertThat(gate.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
            destroy.run();
            gate.open();
            try {
                create.get(10, TimeUnit.SECONDS);
                return null;
            } catch (java.util.concurrent.ExecutionException e) {
                return e.getCause();
            }
        } finally {
            gate.open();
            stack.failPoints().clear(site);
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epair5a", "epair5b"})
    void destroyingAnEpairEndBeforeItIsPairedLeavesNoHalf(String end) throws Exception {
        NetStack stack = DriverKit.EPAIR.newStack(Policy.SAFE, true);
        Throwable t = createPausedWhile(stack, EpairCloner.FP_ATTACHED, () -> stack.destroy(end), "epair5", CloneParams.NONE);
        assertThat(t).isInstanceOfSatisfying(IfnetException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENXIO));
        assertThat(stack.interfaces()).doesNotContain("epair5a", "epair5b");
        stack.quiesce();
        assertThat(stack.leakReport().poisonedAccesses()).isZero();
        assertThat(stack.create("epair5")).as("the unit is free again").isEqualTo("epair5a");
        Leaks.assertClosedClean(stack);
    }

    @Test
    void destroyingAVlanBeforeItIsConfiguredLeavesItsParentFree() throws Exception {
        NetStack stack = DriverKit.VLAN.newStack(Policy.SAFE, true);
        CloneParams params = CloneParams.of("vlandev", "epair0a", "vlan", "5");
        Throwable t = createPausedWhile(stack, VlanCloner.FP_CREATE_ATTACHED, () -> stack.destroy("vlan4"), "vlan4", params);
        assertThat(t).isInstanceOfSatisfying(IfnetException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENXIO));
        assertThat(stack.interfaces()).doesNotContain("vlan4");
        try (var parent = stack.lookup("epair0a")) {
            assertThat(parent.ifp().refcount()).as("registry + this lookup only").isEqualTo(2);
            assertThat(parent.ifp().tagDemux()).isNull();
        }
        stack.quiesce();
        assertThat(stack.leakReport().poisonedAccesses()).isZero();
        Leaks.assertClosedClean(stack);
    }
}
