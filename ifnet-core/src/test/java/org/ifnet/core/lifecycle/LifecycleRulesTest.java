package org.ifnet.core.lifecycle;

import org.ifnet.core.SeedInterleaving;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.testing.Leaks;
import org.ifnet.core.testing.Threads;
import org.ifnet.core.testing.ToyCloner;
import org.ifnet.core.testing.ToySoftc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN section 2 on the interface layer itself: the four states and the eight rules, each by
 * a test, with fail points forcing every interleaving that matters. Every test ends with the
 * stack closed clean and every toy softc released exactly once, never during a method.
 */
@Timeout(60)
class LifecycleRulesTest {
    private NetStack stack;
    private ToyCloner cloner;
    private FailPoints fp;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        stack = NetStack.builder().tracking(true).build();
        cloner = new ToyCloner();
        stack.registerCloner(cloner);
        fp = stack.failPoints();
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void tearDown() {
        fp.clearAll();
        pool.shutdownNow();
    }

    private void closeClean() {
        Leaks.assertClosedClean(stack);
        cloner.assertAllReleasedOnce();
    }

    private <T> Future<T> async(Callable<T> c) {
        return pool.submit(c);
    }

    private static String outcome(Callable<?> c) {
        try {
            Object r = c.call();
            return r == null ? "OK" : String.valueOf(r);
        } catch (IfnetException e) {
            return e.errno().name();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Errno errnoOf(Runnable r) {
        try {
            r.run();
        } catch (IfnetException e) {
            return e.errno();
        }
        throw new AssertionError("expected an IfnetException");
    }

    private ToySoftc softcOf(IfRef ref) {
        return (ToySoftc) ref.ifp().softc();
    }

    // ================================================================== the four states

    @Test
    void theFourStatesInOrder() throws Exception {
        stack.create("toy0");
        IfRef held = stack.lookup("toy0");
        Ifnet ifp = held.ifp();
        ToySoftc sc = softcOf(held);
        int index = ifp.index();
        int gen = ifp.generation();
        assertThat(ifp.state()).isEqualTo(IfState.ATTACHED);

        FailPoints.Gate dying = fp.pause(FailSite.DESTROY_DYING);
        FailPoints.Gate detached = fp.pause(FailSite.DESTROY_DETACHED);
        Future<Void> destroy = async(() -> {
            stack.destroy("toy0");
            return null;
        });

        assertThat(dying.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
        // DYING: not findable, no new reference, requests get ENXIO before the driver
        assertThat(ifp.state()).isEqualTo(IfState.DYING);
        assertThat(stack.find("toy0")).isNull();
        assertThat(errnoOf(() -> stack.lookup(index, gen))).isEqualTo(Errno.ENXIO);
        assertThat(errnoOf(() -> stack.ref(held))).isEqualTo(Errno.ENXIO);
        assertThat(stack.interfaces()).doesNotContain("toy0");
        int before = sc.requests();
        assertThat(errnoOf(() -> held.ioctl(new GenericRequest.GetMedia()))).isEqualTo(Errno.ENXIO);
        assertThat(sc.requests()).isEqualTo(before);
        // the name is still held: a create of it waits for the destroy to free it
        Future<String> create = createThatWaits("toy0");
        dying.open();

        assertThat(detached.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
        // DETACHED: the name and unit may be reused at once; the softc is still valid
        assertThat(ifp.state()).isEqualTo(IfState.DETACHED);
        assertThat(sc.releaseRuns()).isZero();
        assertThat(sc.touch()).isTrue();
        detached.open();
        destroy.get(10, TimeUnit.SECONDS);

        assertThat(create.get(10, TimeUnit.SECONDS)).isEqualTo("toy0");
        try (IfRef fresh = stack.lookup("toy0")) {
            assertThat(fresh.ifp()).isNotSameAs(ifp);
            assertThat(fresh.ifp().unit()).isEqualTo(0);
        }
        // RELEASED: only once the last reference is gone
        assertThat(ifp.state()).isEqualTo(IfState.DETACHED);
        assertThat(sc.releaseRuns()).isZero();
        held.close();
        stack.quiesce();
        assertThat(ifp.state()).isEqualTo(IfState.RELEASED);
        assertThat(sc.releaseRuns()).isEqualTo(1);
        closeClean();
    }

    // ================================================================== rules 1 to 3: the seed

    @Test
    void rules1to3TheSeedInterleavingUnderSafe() throws Exception {
        stack.create("toy0");
        ToySoftc sc = cloner.softcs().get(0);
        SeedInterleaving.Outcome o = SeedInterleaving.run(stack, "toy0");
        // rule 3: the request in flight saw a consistent "detached" and answered ENXIO
        assertThat(o.sawUseAfterFree()).isFalse();
        assertThat(o.error()).isNotNull();
        assertThat(o.error().errno()).isEqualTo(Errno.ENXIO);
        // rule 2: the release hook ran once, after T1 let go, never during its method
        assertThat(o.releasesBeforeT1Returned()).isZero();
        assertThat(o.releasesAfterT1Closed()).isEqualTo(1);
        assertThat(sc.releaseRuns()).isEqualTo(1);
        assertThat(sc.releasedDuringMethod()).isFalse();
        // rule 1: the driver was entered only with a reference held
        assertThat(sc.requests()).isEqualTo(1);
        assertThat(sc.lowestRefcountSeen()).isGreaterThanOrEqualTo(1);
        closeClean();
    }

    @Test
    void rule1DriverMethodsSeeAReferenceOrAnEpochSection() {
        stack.create("toy0");
        try (IfRef ref = stack.lookup("toy0")) {
            ref.ioctl(new GenericRequest.SetFlags(IfFlags.UP));
            ref.ioctl(new GenericRequest.GetMedia());
            ref.ioctl(new GenericRequest.GetStatus());
            assertThat(softcOf(ref).lowestRefcountSeen()).isGreaterThanOrEqualTo(2); // registry's + ours
        }
        stack.ioctl("toy0", new GenericRequest.GetMedia());
        assertThat(cloner.softcs().get(0).lowestRefcountSeen()).isGreaterThanOrEqualTo(2);
        closeClean();
    }

    @Test
    void rule2TheReleaseHookWaitsForAnEpochSectionOpenWhenTheLastReferenceWentAway() throws Exception {
        stack.create("toy0");
        ToySoftc sc = cloner.softcs().get(0);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        Future<Void> reader = async(() -> {
            stack.epoch().enter();
            try {
                entered.countDown();
                leave.await();
            } finally {
                stack.epoch().exit();
            }
            return null;
        });
        entered.await();
        Thread[] destroyer = new Thread[1];
        Future<Void> destroy = async(() -> {
            destroyer[0] = Thread.currentThread();
            stack.destroy("toy0");
            return null;
        });
        // the destroyer parks in the grace-period wait; the hook has not run
        Threads.awaitParked(() -> destroyer[0]);
        assertThat(destroy.isDone()).isFalse();
        assertThat(sc.releaseRuns()).isZero();
        leave.countDown();
        reader.get(10, TimeUnit.SECONDS);
        destroy.get(10, TimeUnit.SECONDS);
        assertThat(sc.releaseRuns()).isEqualTo(1);
        closeClean();
    }

    @Test
    void rule2TheReleaseHookRunsOnceEvenWhenTheLastReferenceIsDroppedInsideASection() throws Exception {
        stack.create("toy0");
        ToySoftc sc = cloner.softcs().get(0);
        IfRef ref = stack.lookup("toy0");
        stack.destroy("toy0");
        stack.epoch().enter();
        try {
            ref.close(); // the last reference: the release is deferred past this section
            assertThat(sc.releaseRuns()).isZero();
        } finally {
            stack.epoch().exit();
        }
        stack.quiesce();
        assertThat(sc.releaseRuns()).isEqualTo(1);
        closeClean();
    }

    // ================================================================== rule 4

    @Test
    void rule4DestroyDoesNotWaitForHoldersAndTheBoundedWaitNamesThem() {
        stack.create("toy0");
        IfRef held = stack.lookup("toy0");
        stack.destroy("toy0"); // returns although a reference is held
        assertThat(held.ifp().state()).isEqualTo(IfState.DETACHED);
        stack.create("toy0");
        org.ifnet.core.DestroyReport r = stack.destroy("toy0", java.time.Duration.ofMillis(1));
        assertThat(r.released()).isTrue();
        held.close();
        closeClean();
    }

    // ================================================================== rule 5

    @Test
    void rule5AStaleIndexHandleNeverReachesTheInterfaceThatReusedTheIndex() {
        stack.create("toy0");
        int index;
        int gen;
        try (IfRef r = stack.lookup("toy0")) {
            index = r.ifp().index();
            gen = r.ifp().generation();
        }
        stack.destroy("toy0");
        stack.create("toy1");
        try (IfRef r = stack.lookup("toy1")) {
            assertThat(r.ifp().index()).isEqualTo(index);
            assertThat(errnoOf(() -> stack.lookup(index, gen))).isEqualTo(Errno.ENXIO);
            try (IfRef same = stack.lookup(index, r.ifp().generation())) {
                assertThat(same.name()).isEqualTo("toy1");
            }
        }
        closeClean();
    }

    // ================================================================== rule 7

    @Test
    void rule7SecondDestroyAfterTheFirstMarkedDyingGetsEnxio() throws Exception {
        stack.create("toy0");
        FailPoints.Gate g = fp.pause(FailSite.DESTROY_DYING);
        Future<String> first = async(() -> outcome(() -> {
            stack.destroy("toy0");
            return null;
        }));
        assertThat(g.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
        String second = outcome(() -> {
            stack.destroy("toy0");
            return null;
        });
        g.open();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("OK");
        assertThat(second).isEqualTo("ENXIO");
        assertThat(stack.interfaces()).isEmpty();
        closeClean();
    }

    @Test
    void rule7BothDestroysHoldAReferenceBeforeEitherMarksDying() throws Exception {
        stack.create("toy0");
        CountDownLatch firstIn = new CountDownLatch(1);
        CountDownLatch letFirstGo = new CountDownLatch(1);
        AtomicBoolean claimed = new AtomicBoolean();
        cloner.beforeDestroy(ifp -> {
            if (claimed.compareAndSet(false, true)) {
                firstIn.countDown();
                try {
                    letFirstGo.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Future<String> first = async(() -> outcome(() -> {
            stack.destroy("toy0");
            return null;
        }));
        firstIn.await(10, TimeUnit.SECONDS); // the first destroy holds its reference, not DYING yet
        String second = outcome(() -> {
            stack.destroy("toy0");
            return null;
        });
        letFirstGo.countDown();
        String firstResult = first.get(10, TimeUnit.SECONDS);
        assertThat(second).isEqualTo("OK");
        assertThat(firstResult).isEqualTo("ENXIO");
        closeClean();
    }

    @Test
    void rule7ADestroyThatFoundTheNameBeforeTheOtherFinishedGetsEnxio() throws Exception {
        stack.create("toy0");
        FailPoints.Gate g = fp.pause(FailSite.LOOKUP_FOUND);
        Future<String> late = async(() -> outcome(() -> {
            stack.destroy("toy0");
            return null;
        }));
        assertThat(g.awaitArrival(10, TimeUnit.SECONDS)).isTrue(); // found, no reference yet
        String winner = outcome(() -> {
            stack.destroy("toy0");
            return null;
        });
        g.open();
        assertThat(winner).isEqualTo("OK");
        assertThat(late.get(10, TimeUnit.SECONDS)).isEqualTo("ENXIO");
        closeClean();
    }

    @Test
    void rule7ConcurrentDestroysExactlyOneSucceeds() throws Exception {
        for (int round = 0; round < 50; round++) {
            stack.create("toy0");
            CountDownLatch go = new CountDownLatch(1);
            Callable<String> d = () -> {
                go.await();
                return outcome(() -> {
                    stack.destroy("toy0");
                    return null;
                });
            };
            Future<String> a = async(d);
            Future<String> b = async(d);
            go.countDown();
            assertThat(java.util.List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder("OK", "ENXIO");
        }
        closeClean();
    }

    @Test
    void rule7CreateOfAnExistingNameIsEexistAndChangesNothing() {
        stack.create("toy0");
        int units = cloner.softcs().size();
        assertThat(errnoOf(() -> stack.create("toy0"))).isEqualTo(Errno.EEXIST);
        assertThat(cloner.softcs()).hasSize(units); // the driver was never called
        assertThat(stack.interfaces()).containsExactly("toy0");
        closeClean();
    }

    /**
     * Regression (found by the Lincheck test): a create of a name whose interface was DYING
     * answered EEXIST although lookups already answered ENXIO. It now waits for the destroy
     * to free the name (which does not wait for holders), then creates.
     */
    @Test
    void rule7CreateWhileTheDestroyIsStillDyingWaitsForTheNameThenSucceeds() throws Exception {
        stack.create("toy0");
        IfRef holder = stack.lookup("toy0"); // a holder does not hold the create up (rule 4)
        FailPoints.Gate g = fp.pause(FailSite.DESTROY_DYING);
        Future<String> destroy = async(() -> outcome(() -> {
            stack.destroy("toy0");
            return null;
        }));
        assertThat(g.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stack.find("toy0")).isNull(); // the destroy has taken effect for lookups
        Future<String> create = createThatWaits("toy0");
        g.open();
        assertThat(destroy.get(10, TimeUnit.SECONDS)).isEqualTo("OK");
        assertThat(create.get(10, TimeUnit.SECONDS)).isEqualTo("toy0");
        assertThat(stack.interfaces()).containsExactly("toy0");
        assertThat(holder.ifp().state()).isEqualTo(IfState.DETACHED);
        holder.close();
        closeClean();
    }

    @Test
    void rule7CreateAfterTheOldOneDetachedButBeforeItsDestroyReturnedGivesOneNewInterface() throws Exception {
        stack.create("toy0");
        Ifnet old;
        try (IfRef r = stack.lookup("toy0")) {
            old = r.ifp();
        }
        FailPoints.Gate g = fp.pause(FailSite.DESTROY_DETACHED);
        Future<String> destroy = async(() -> outcome(() -> {
            stack.destroy("toy0");
            return null;
        }));
        assertThat(g.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
        assertThat(outcome(() -> stack.create("toy0"))).isEqualTo("toy0");
        g.open();
        assertThat(destroy.get(10, TimeUnit.SECONDS)).isEqualTo("OK");
        stack.quiesce();
        assertThat(stack.interfaces()).containsExactly("toy0");
        try (IfRef r = stack.lookup("toy0")) {
            assertThat(r.ifp()).isNotSameAs(old);
            assertThat(r.ifp().state()).isEqualTo(IfState.ATTACHED);
            assertThat(r.ifp().generation()).isNotEqualTo(old.generation());
        }
        assertThat(old.state()).isEqualTo(IfState.RELEASED);
        assertThat(cloner.softcs().get(0).releaseRuns()).isEqualTo(1);
        assertThat(cloner.softcs().get(1).releaseRuns()).isZero();
        closeClean();
    }

    /**
     * Regression (found by the Lincheck test): while a create of toy0 was in its driver (unit
     * reserved, name not yet published), a second create answered EEXIST and a lookup after it
     * ENXIO: no sequential order explains both. The second create now waits for the first.
     */
    @Test
    void rule7ASecondCreateWaitsForTheCreateInFlightThenGetsEexist() throws Exception {
        FailPoints.Gate g = fp.pause(FailSite.CREATE_DRIVER);
        Future<String> first = async(() -> outcome(() -> stack.create("toy0")));
        assertThat(g.awaitArrival(10, TimeUnit.SECONDS)).isTrue(); // unit 0 reserved, not attached
        assertThat(outcome(() -> {
            stack.destroy("toy0");
            return null;
        })).isEqualTo("ENXIO");
        Future<String> second = createThatWaits("toy0");
        assertThat(stack.find("toy0")).isNull();
        g.open();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("toy0");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("EEXIST");
        assertThat(stack.interfaces()).containsExactly("toy0");
        assertThat(cloner.softcs()).hasSize(1);
        closeClean();
    }

    @Test
    void rule7ASecondCreateWaitsForACreateInFlightThatFailsThenCreates() throws Exception {
        FailPoints.Gate g = fp.pause(FailSite.CREATE_DRIVER, arg -> true);
        Future<String> first = async(() -> outcome(() -> stack.create("toy0",
                org.ifnet.core.clone.CloneParams.of("fail", "beforeAttach"))));
        assertThat(g.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
        Future<String> second = createThatWaits("toy0");
        g.open();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("ENOMEM");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("toy0");
        assertThat(stack.interfaces()).containsExactly("toy0");
        closeClean();
    }

    @Test
    void aDepartureListenerRecreatingItsOwnNameGetsEexistInsteadOfWaitingForItself() {
        stack.create("toy0");
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        stack.addListener(new org.ifnet.core.IfListener() {
            @Override
            public void departure(Ifnet ifp) {
                seen.add(outcome(() -> stack.create(ifp.name())));
            }
        });
        stack.destroy("toy0");
        assertThat(seen).containsExactly("EEXIST");
        assertThat(stack.create("toy0")).isEqualTo("toy0");
        closeClean();
    }

    @Test
    void aDriverDestroyThatThrowsStillFinishesTheDestroyItStarted() {
        stack.create("toy0");
        cloner.failDestroy(true);
        assertThat(outcome(() -> {
            stack.destroy("toy0");
            return null;
        })).isEqualTo("EBUSY");
        cloner.failDestroy(false);
        assertThat(stack.interfaces()).isEmpty();
        assertThat(stack.create("toy0")).as("the name is free, not stuck DYING").isEqualTo("toy0");
        closeClean();
    }

    @Test
    void rule7CreateAndDestroyOfOneNameRacingEndConsistent() throws Exception {
        for (int round = 0; round < 200; round++) {
            CountDownLatch go = new CountDownLatch(1);
            Future<String> c = async(() -> {
                go.await();
                return outcome(() -> stack.create("toy0"));
            });
            Future<String> d = async(() -> {
                go.await();
                return outcome(() -> {
                    stack.destroy("toy0");
                    return null;
                });
            });
            boolean existed = stack.interfaces().contains("toy0");
            go.countDown();
            String cr = c.get(10, TimeUnit.SECONDS);
            String dr = d.get(10, TimeUnit.SECONDS);
            boolean exists = stack.interfaces().contains("toy0");
            // one of the sequential orders explains the results and the end state
            boolean createThenDestroy = cr.equals(existed ? "EEXIST" : "toy0") && dr.equals("OK") && !exists;
            boolean destroyThenCreate = dr.equals(existed ? "OK" : "ENXIO") && cr.equals("toy0") && exists;
            assertThat(createThenDestroy || destroyThenCreate)
                    .as("round %d: existed=%s create=%s destroy=%s exists=%s", round, existed, cr, dr, exists)
                    .isTrue();
            assertThat(stack.groupMembers("all").stream().filter("toy0"::equals).count()).isLessThanOrEqualTo(1);
        }
        closeClean();
    }

    // ================================================================== helpers

    /** Starts a create of {@code name} on another thread and returns once it waits. */
    private Future<String> createThatWaits(String name) throws InterruptedException {
        Thread[] creator = new Thread[1];
        Future<String> create = async(() -> {
            creator[0] = Thread.currentThread();
            return outcome(() -> stack.create(name));
        });
        Threads.awaitParked(() -> creator[0]);
        assertThat(create.isDone()).as("the create waits instead of answering").isFalse();
        return create;
    }
}
