package org.ifnet.core.lifecycle;

import org.ifnet.core.SeedInterleaving;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LeakException;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.testing.Leaks;
import org.ifnet.core.testing.Threads;
import org.ifnet.core.testing.ToyCloner;
import org.ifnet.core.testing.ToySoftc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rule 8 (poisoning) and the three analysis policies, on the test-only toy driver. */
@Timeout(60)
class PoisoningAndPoliciesTest {

    @Test
    void useAfterReleaseThrowsAndIsCounted() {
        ToyCloner c = new ToyCloner();
        NetStack s = NetStack.builder().build();
        s.registerCloner(c);
        s.create("toy0");
        Ifnet stale;
        try (IfRef r = s.lookup("toy0")) {
            stale = r.ifp(); // a pointer kept past its reference: the bug poisoning catches
        }
        ToySoftc sc = c.softcs().get(0);
        s.destroy("toy0");
        s.quiesce();
        assertThat(sc.isReleased()).isTrue();
        assertThatThrownBy(sc::touch).isInstanceOf(UseAfterFreeError.class)
                .hasMessageContaining("use after free")
                .hasMessageContaining("toy0")
                .hasMessageContaining("last reference dropped on thread " + Thread.currentThread().getName());
        // through the interface, bypassing the layer: the driver's lock is poisoned too
        assertThatThrownBy(() -> stale.driverIoctl(new GenericRequest.GetMedia()))
                .isInstanceOf(UseAfterFreeError.class);
        assertThat(s.leakReport().poisonedAccesses()).isEqualTo(2);
        LeakException e = closeExpectingLeak(s);
        assertThat(e.report().poisonedAccesses()).isEqualTo(2);
        assertThat(e.report().heldReferences()).isEmpty();
        assertThat(e.report().unreleasedSoftcs()).isEmpty();
        assertThat(e.getMessage()).contains("2 access(es) to released softcs (use after free)");
        c.assertAllReleasedOnce();
    }

    @Test
    void theReleaseHookMayStillTakeTheSoftcLockItIsPoisonedOnlyAfter() {
        // ToySoftc.onRelease takes its own lock: the poison is applied after the hook returns
        ToyCloner c = new ToyCloner();
        NetStack s = NetStack.builder().build();
        s.registerCloner(c);
        s.create("toy0");
        s.destroy("toy0");
        assertThat(s.leakReport().poisonedAccesses()).isZero();
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void theSeedScenarioUnderEachPolicy(Policy policy) throws Exception {
        ToyCloner c = new ToyCloner();
        NetStack s = NetStack.builder().policy(policy).tracking(true).build();
        s.registerCloner(c);
        s.create("toy0");
        ToySoftc sc = c.softcs().get(0);
        SeedInterleaving.Outcome o = SeedInterleaving.run(s, "toy0");
        if (policy == Policy.SAFE) {
            assertThat(o.sawUseAfterFree()).isFalse();
            assertThat(o.error().errno()).isEqualTo(Errno.ENXIO);
            assertThat(o.releasesBeforeT1Returned()).isZero();
            assertThat(o.releasesAfterT1Closed()).isEqualTo(1);
            assertThat(sc.releasedDuringMethod()).isFalse();
            Leaks.assertClosedClean(s);
        } else {
            // LEGACY frees at destroy; EPOCH_ONLY after a grace period that T1 (outside any
            // section, inside the driver) is not covered by: both free under T1's feet
            assertThat(o.sawUseAfterFree()).isTrue();
            assertThat(o.useAfterFree().getMessage()).contains(policy.name());
            assertThat(o.releasesBeforeT1Returned()).isEqualTo(1);
            assertThat(s.leakReport().poisonedAccesses()).isEqualTo(1);
            Leaks.assertNoLeakedReferences(s);
        }
        assertThat(sc.releaseRuns()).as("the hook runs once under every policy").isEqualTo(1);
    }

    @Test
    void epochOnlyWaitsForADataPathSectionButLegacyDoesNot() throws Exception {
        for (Policy p : new Policy[] {Policy.LEGACY, Policy.EPOCH_ONLY}) {
            ToyCloner c = new ToyCloner();
            NetStack s = NetStack.builder().policy(p).build();
            s.registerCloner(c);
            s.create("toy0");
            ToySoftc sc = c.softcs().get(0);
            java.util.concurrent.CountDownLatch in = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch out = new java.util.concurrent.CountDownLatch(1);
            boolean[] freedWhileInside = new boolean[1];
            Thread reader = new Thread(() -> {
                s.epoch().enter();
                in.countDown();
                try {
                    out.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                freedWhileInside[0] = sc.isReleased();
                s.epoch().exit();
            });
            reader.start();
            in.await();
            Thread destroyer = new Thread(() -> s.destroy("toy0"));
            destroyer.start();
            if (p == Policy.LEGACY) {
                // LEGACY frees at once, section or not (the destroy call itself then waits for
                // the section before marking the interface RELEASED)
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                while (!sc.isReleased() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertThat(sc.isReleased()).isTrue();
                out.countDown();
                reader.join(10_000);
                destroyer.join(10_000);
                assertThat(freedWhileInside[0]).isTrue();
            } else {
                Threads.awaitParked(() -> destroyer); // EPOCH_ONLY waits for the section
                assertThat(sc.isReleased()).isFalse();
                out.countDown();
                reader.join(10_000);
                destroyer.join(10_000);
                assertThat(freedWhileInside[0]).isFalse();
                assertThat(sc.isReleased()).isTrue();
            }
            Leaks.assertClosedClean(s);
            c.assertAllReleasedOnce();
        }
    }

    private static LeakException closeExpectingLeak(NetStack s) {
        try {
            s.close();
        } catch (LeakException e) {
            return e;
        }
        throw new AssertionError("close() should report the poisoned accesses");
    }
}
