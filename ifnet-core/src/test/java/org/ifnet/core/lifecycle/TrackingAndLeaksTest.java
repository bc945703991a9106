package org.ifnet.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.DestroyReport;
import org.ifnet.core.IfRef;
import org.ifnet.core.LeakException;
import org.ifnet.core.LeakReport;
import org.ifnet.core.NetStack;
import org.ifnet.core.testing.Leaks;
import org.ifnet.core.testing.ToyCloner;
import org.ifnet.core.testing.ToySoftc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attribution of references (rule 6), NetStack.close()'s leak report, destroy with a bounded
 * wait (rule 4's report), and the release machinery under a slow or failing release.
 */
@Timeout(60)
class TrackingAndLeaksTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private static NetStack stack(boolean tracking, ToyCloner c) {
        NetStack s = NetStack.builder().tracking(tracking).build();
        s.registerCloner(c);
        return s;
    }

    private static <T> T inThread(String name, Callable<T> c) throws Exception {
        FutureTask<T> t = new FutureTask<>(c);
        new Thread(t, name).start();
        return t.get(10, TimeUnit.SECONDS);
    }

    private static IfRef takenByTheLaggIoctlPath(NetStack s) {
        return s.lookup("toy0");
    }

    private static IfRef takenByTheStatusPath(NetStack s) {
        return s.lookup("toy0");
    }

    @Test
    void trackingRecordsWhereEachHolderTookItsReference() throws Exception {
        ToyCloner c = new ToyCloner();
        NetStack s = stack(true, c);
        s.create("toy0");
        IfRef a = inThread("ioctl-thread", () -> takenByTheLaggIoctlPath(s));
        IfRef b = inThread("status-thread", () -> takenByTheStatusPath(s));
        assertThat(a.where()).startsWith("taken by thread ioctl-thread at")
                .contains("TrackingAndLeaksTest.takenByTheLaggIoctlPath");
        assertThat(b.where()).startsWith("taken by thread status-thread at")
                .contains("TrackingAndLeaksTest.takenByTheStatusPath");
        LeakReport r = s.leakReport();
        assertThat(r.heldReferences()).hasSize(2);
        assertThat(String.join("\n", r.heldReferences()))
                .contains("ioctl-thread").contains("takenByTheLaggIoctlPath")
                .contains("status-thread").contains("takenByTheStatusPath");
        a.close();
        b.close();
        assertThat(s.leakReport().heldReferences()).isEmpty();
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
    }

    @Test
    void withoutTrackingAHandleStillNamesItsThread() throws Exception {
        ToyCloner c = new ToyCloner();
        NetStack s = stack(false, c);
        s.create("toy0");
        try (IfRef a = inThread("ioctl-thread", () -> s.lookup("toy0"))) {
            assertThat(a.where()).isEqualTo("taken by thread ioctl-thread (enable reference tracking for the call stack)");
        }
        Leaks.assertClosedClean(s);
    }

    @Test
    void closeFailsListingLeakedReferencesAndUnreleasedSoftcs() {
        ToyCloner c = new ToyCloner();
        NetStack s = stack(true, c);
        s.create("toy0");
        s.create("toy1");
        IfRef leaked = takenByTheLaggIoctlPath(s);
        LeakException e = null;
        try {
            s.close();
        } catch (LeakException x) {
            e = x;
        }
        assertThat(e).as("close() must fail while a reference is held").isNotNull();
        assertThat(e.getMessage())
                .contains("1 reference(s) still held (close() was not called)")
                .contains("takenByTheLaggIoctlPath")
                .contains("1 softc(s) never released")
                .contains("toy0 (DETACHED, 1 reference(s))");
        assertThat(e.report().heldReferences()).hasSize(1);
        assertThat(e.report().unreleasedSoftcs()).hasSize(1);
        assertThat(s.interfaces()).isEmpty(); // close destroyed everything it could
        assertThat(c.softcs().get(1).releaseRuns()).isEqualTo(1);
        assertThat(c.softcs().get(0).releaseRuns()).isZero();
        // the holder lets go: the release follows, and the stack ends clean
        leaked.close();
        s.quiesce();
        assertThat(s.leakReport().isClean()).isTrue();
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
    }

    @Test
    void destroyWithABoundedWaitReportsTheHolderLikeLinux() throws Exception {
        ToyCloner c = new ToyCloner();
        NetStack s = stack(true, c);
        s.create("toy0");
        IfRef held = inThread("lagg-ioctl", () -> takenByTheLaggIoctlPath(s));
        DestroyReport r = s.destroy("toy0", Duration.ofMillis(20));
        assertThat(r.released()).isFalse();
        assertThat(r.usageCount()).isEqualTo(1);
        assertThat(r.holders()).hasSize(1);
        assertThat(r.holders().get(0)).contains("toy0").contains("taken by thread lagg-ioctl at")
                .contains("takenByTheLaggIoctlPath");
        assertThat(r.toString()).startsWith("waiting for toy0 to become free. Usage count = 1\n  toy0");
        assertThat(s.interfaces()).isEmpty(); // the destroy itself did not wait
        held.close();
        s.quiesce();
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
    }

    @Test
    void destroyWithABoundedWaitWithoutTrackingCountsTheHolders() {
        ToyCloner c = new ToyCloner();
        NetStack s = stack(false, c);
        s.create("toy0");
        IfRef a = s.lookup("toy0");
        IfRef b = s.lookup("toy0");
        DestroyReport r = s.destroy("toy0", Duration.ofMillis(1));
        assertThat(r.released()).isFalse();
        assertThat(r.usageCount()).isEqualTo(2);
        assertThat(r.toString()).isEqualTo("waiting for toy0 to become free. Usage count = 2\n"
                + "  2 reference(s) to toy0 (enable tracking to see where they were taken)");
        a.close();
        b.close();
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
    }

    @Test
    void destroyWithABoundedWaitReturnsReleasedWhenTheHolderLetsGoInTime() throws Exception {
        ToyCloner c = new ToyCloner();
        NetStack s = stack(true, c);
        s.create("toy0");
        IfRef held = s.lookup("toy0");
        Thread[] waiter = new Thread[1];
        Future<DestroyReport> f = pool.submit(() -> {
            waiter[0] = Thread.currentThread();
            return s.destroy("toy0", Duration.ofSeconds(30));
        });
        // wait until the destroy is done and the waiter is waiting for the release
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(s.interfaces().isEmpty() && waiter[0] != null
                && waiter[0].getState() == Thread.State.TIMED_WAITING) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(f.isDone()).isFalse();
        held.close();
        DestroyReport r = f.get(10, TimeUnit.SECONDS);
        assertThat(r.released()).isTrue();
        assertThat(r.toString()).isEqualTo("toy0 destroyed and released");
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
    }

    /** Regression: quiesce() returned while the reclaimer was still running a release. */
    @Test
    void quiesceWaitsForAReleaseTheReclaimerIsStillRunning() throws Exception {
        ToyCloner c = new ToyCloner();
        NetStack s = stack(false, c);
        s.create("toy0");
        ToySoftc sc = c.softcs().get(0);
        FailPoints.Gate hook = s.failPoints().pause(FailSite.RELEASE_HOOK);
        IfRef ref = s.lookup("toy0");
        s.destroy("toy0");
        s.epoch().enter();
        ref.close(); // the last reference, inside a section: the release goes to the reclaimer
        s.epoch().exit();
        assertThat(hook.awaitArrival(10, TimeUnit.SECONDS)).isTrue(); // the reclaimer holds it now
        assertThat(s.epoch().pending()).isEqualTo(1);
        Thread q = new Thread(s::quiesce, "quiescer");
        q.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Thread.State st;
        while ((st = q.getState()) != Thread.State.TIMED_WAITING && st != Thread.State.TERMINATED
                && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(q.getState()).as("quiesce must wait for the release in progress").isNotEqualTo(Thread.State.TERMINATED);
        assertThat(sc.releaseRuns()).isZero();
        hook.open();
        q.join(10_000);
        assertThat(q.isAlive()).isFalse();
        assertThat(sc.releaseRuns()).isEqualTo(1);
        s.failPoints().clearAll();
        Leaks.assertClosedClean(s);
    }

    /** Regression: a release hook that threw escaped into the last holder's close() and left the interface short of RELEASED. */
    @Test
    void aThrowingReleaseHookIsContainedAndTheInterfaceStillReachesReleased() {
        ToyCloner c = new ToyCloner();
        NetStack s = stack(false, c);
        s.create("toy0");
        s.create("toy1");
        c.softcs().get(0).failRelease(true);
        IfRef ref = s.lookup("toy0");
        s.destroy("toy0");
        ref.close(); // runs the failing hook: must not throw at the holder
        assertThatThrownBy(ref::ifp).hasMessageContaining("used after close");
        DestroyReport r = s.destroy("toy1", Duration.ofSeconds(10));
        assertThat(r.released()).isTrue();
        c.softcs().get(0).failRelease(false);
        assertThat(s.releases()).isEqualTo(2);
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
    }

    @Test
    void aThrowingReleaseHookDoesNotBreakDestroyWithWait() {
        ToyCloner c = new ToyCloner();
        NetStack s = stack(false, c);
        s.create("toy0");
        c.softcs().get(0).failRelease(true);
        DestroyReport r = s.destroy("toy0", Duration.ofSeconds(10));
        assertThat(r.released()).isTrue();
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
    }

    @Test
    void releasesAreCountedOncePerSoftcUnderEveryPolicy() {
        for (Policy p : Policy.values()) {
            ToyCloner c = new ToyCloner();
            NetStack s = NetStack.builder().policy(p).build();
            s.registerCloner(c);
            for (int i = 0; i < 5; i++) {
                s.create("toy" + i);
            }
            IfRef held = s.lookup("toy2");
            for (int i = 0; i < 5; i++) {
                s.destroy("toy" + i);
            }
            held.close();
            s.quiesce();
            assertThat(s.releases()).as(p.name()).isEqualTo(5);
            Leaks.assertClosedClean(s);
            c.assertAllReleasedOnce();
        }
    }

    @Test
    void leakExceptionIsAnIllegalStateExceptionCarryingTheReport() {
        ToyCloner c = new ToyCloner();
        NetStack s = stack(true, c);
        s.create("toy0");
        IfRef r = s.lookup("toy0");
        assertThatThrownBy(s::close).isInstanceOf(IllegalStateException.class)
                .isInstanceOf(LeakException.class)
                .hasMessageStartingWith("stack " + s.name() + " closed with leaks:");
        r.close();
        Leaks.assertClosedClean(s);
    }
}
