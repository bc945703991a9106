package org.ifnet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.core.testing.Leaks;
import org.ifnet.core.testing.ToyCloner;
import org.ifnet.core.testing.ToyPairCloner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** NetStack as a registry (issue 2, item 2): lookups, references, groups, events, many stacks. */
@Timeout(60)
class RegistryTest {

    private static NetStack toyStack(boolean tracking) {
        NetStack s = NetStack.builder().tracking(tracking).build();
        s.registerCloner(new ToyCloner());
        return s;
    }

    private static Errno errnoOf(Runnable r) {
        try {
            r.run();
        } catch (IfnetException e) {
            return e.errno();
        }
        throw new AssertionError("expected an IfnetException");
    }

    // ------------------------------------------------------------------ lookups take references

    @Test
    void lookupByNameTakesOneReferenceAndCloseDropsIt() {
        NetStack s = toyStack(false);
        s.create("toy0");
        try (IfRef a = s.lookup("toy0")) {
            assertThat(a.name()).isEqualTo("toy0");
            assertThat(a.ifp().refcount()).isEqualTo(2); // the registry's and ours
            try (IfRef b = s.lookup("toy0")) {
                assertThat(b).isNotSameAs(a);
                assertThat(b.ifp()).isSameAs(a.ifp());
                assertThat(a.ifp().refcount()).isEqualTo(3);
            }
            assertThat(a.ifp().refcount()).isEqualTo(2);
        }
        try (IfRef a = s.find("toy0")) {
            assertThat(a.ifp().refcount()).isEqualTo(2);
        }
        assertThat(s.find("nosuch0")).isNull();
        assertThat(errnoOf(() -> s.lookup("nosuch0"))).isEqualTo(Errno.ENXIO);
        Leaks.assertClosedClean(s);
    }

    @Test
    void lookupByIndexAndGenerationTakesAReferenceAndAStaleGenerationGetsEnxio() {
        NetStack s = toyStack(false);
        s.create("toy0");
        int index;
        int gen;
        try (IfRef r = s.lookup("toy0")) {
            index = r.ifp().index();
            gen = r.ifp().generation();
            assertThat(r.ioctl(new GenericRequest.GetIndex())).isEqualTo(index);
        }
        try (IfRef r = s.lookup(index, gen)) {
            assertThat(r.name()).isEqualTo("toy0");
            assertThat(r.ifp().refcount()).isEqualTo(2);
        }
        assertThat(errnoOf(() -> s.lookup(index, gen + 1))).isEqualTo(Errno.ENXIO);
        assertThat(errnoOf(() -> s.lookup(index + 100, gen))).isEqualTo(Errno.ENXIO);
        assertThat(errnoOf(() -> s.lookup(0, 0))).isEqualTo(Errno.ENXIO);

        // rule 5: destroy and re-create the same name; it gets the same index, a new generation
        s.destroy("toy0");
        s.create("toy0");
        try (IfRef r = s.lookup("toy0")) {
            assertThat(r.ifp().index()).isEqualTo(index);
            assertThat(r.ifp().generation()).isNotEqualTo(gen);
        }
        assertThat(errnoOf(() -> s.lookup(index, gen))).isEqualTo(Errno.ENXIO);
        Leaks.assertClosedClean(s);
    }

    @Test
    void aHandleKeptAcrossDestroyAndRecreateGetsEnxioAndNeverReachesTheNewInterface() {
        NetStack s = toyStack(false);
        s.create("toy0");
        IfRef old = s.lookup("toy0");
        s.destroy("toy0");
        s.create("toy0");
        assertThat(errnoOf(() -> old.ioctl(new GenericRequest.SetMtu(1400)))).isEqualTo(Errno.ENXIO);
        assertThat(s.ioctl("toy0", new GenericRequest.GetMtu())).isEqualTo(1500);
        try (IfRef fresh = s.lookup("toy0")) {
            assertThat(fresh.ifp()).isNotSameAs(old.ifp());
            assertThat(fresh.ifp().index()).isEqualTo(old.ifp().index());
        }
        old.close();
        Leaks.assertClosedClean(s);
    }

    // ------------------------------------------------------------------ IfRef misuse

    @Test
    void doubleCloseThrowsNamingTheThreadAndNeverDecrementsTwice() throws Exception {
        NetStack s = toyStack(false);
        s.create("toy0");
        IfRef r = inThread("ref-taker", () -> s.lookup("toy0"));
        Ifnet ifp = r.ifp();
        assertThat(ifp.refcount()).isEqualTo(2);
        r.close();
        assertThat(ifp.refcount()).isEqualTo(1);
        assertThatThrownBy(r::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed twice")
                .hasMessageContaining("taken by thread ref-taker")
                .hasMessageContaining("enable reference tracking");
        assertThat(ifp.refcount()).isEqualTo(1);
        // the second close is an error the stack reports at close, and the only thing it reports
        LeakException e = catchLeak(s);
        assertThat(e.report().doubleCloses()).isEqualTo(1);
        assertThat(e.report().heldReferences()).isEmpty();
        assertThat(e.report().unreleasedSoftcs()).isEmpty();
        assertThat(e.report().poisonedAccesses()).isZero();
    }

    @Test
    void doubleCloseWithTrackingNamesTheCallStackWhereTheReferenceWasTaken() {
        NetStack s = toyStack(true);
        s.create("toy0");
        IfRef r = takeRefHere(s);
        r.close();
        assertThatThrownBy(r::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed twice")
                .hasMessageContaining("taken by thread " + Thread.currentThread().getName() + " at")
                .hasMessageContaining("RegistryTest.takeRefHere(RegistryTest.java:");
        LeakException e = catchLeak(s);
        assertThat(e.report().doubleCloses()).isEqualTo(1);
        assertThat(e.report().heldReferences()).isEmpty();
    }

    private static IfRef takeRefHere(NetStack s) {
        return s.lookup("toy0");
    }

    @Test
    void useAfterCloseThrows() {
        NetStack s = toyStack(false);
        s.create("toy0");
        IfRef r = s.lookup("toy0");
        r.close();
        assertThatThrownBy(r::ifp).isInstanceOf(IllegalStateException.class).hasMessageContaining("used after close");
        assertThatThrownBy(() -> r.ioctl(new GenericRequest.GetFlags()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("used after close");
        assertThatThrownBy(() -> s.ioctl(r, new GenericRequest.GetFlags()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.ref(r)).isInstanceOf(IllegalStateException.class);
        Leaks.assertClosedClean(s);
    }

    @Test
    void refTakesAnotherIndependentReference() {
        NetStack s = toyStack(false);
        s.create("toy0");
        try (IfRef a = s.lookup("toy0"); IfRef b = s.ref(a)) {
            assertThat(b.ifp()).isSameAs(a.ifp());
            assertThat(a.ifp().refcount()).isEqualTo(3);
        }
        Leaks.assertClosedClean(s);
    }

    // ------------------------------------------------------------------ groups

    @Test
    void groupsAllPerClonerAndUser() {
        NetStack s = NetStack.builder().build();
        s.registerCloner(new ToyCloner());
        s.registerCloner(new ToyPairCloner());
        s.create("toy0");
        s.create("toy1");
        assertThat(s.create("tpair")).isEqualTo("tpair0a");
        assertThat(s.groupMembers("all")).containsExactly("toy0", "toy1", "tpair0a", "tpair0b");
        assertThat(s.groupMembers("toy")).containsExactly("toy0", "toy1");
        assertThat(s.groupMembers("tpair")).containsExactly("tpair0a", "tpair0b");
        assertThat(s.ioctl("toy1", new GenericRequest.GetGroups())).containsExactly("all", "toy");

        s.ioctl("toy1", new GenericRequest.AddGroup("uplink"));
        s.ioctl("tpair0b", new GenericRequest.AddGroup("uplink"));
        assertThat(s.groupMembers("uplink")).containsExactly("toy1", "tpair0b");
        assertThat(s.ioctl("toy1", new GenericRequest.GetGroups())).containsExactly("all", "toy", "uplink");
        assertThat(s.groups()).containsExactly("all", "toy", "tpair", "uplink");

        s.ioctl("toy1", new GenericRequest.DelGroup("uplink"));
        assertThat(s.groupMembers("uplink")).containsExactly("tpair0b");
        s.destroy("tpair0a");
        assertThat(errnoOf(() -> s.groupMembers("uplink"))).isEqualTo(Errno.ENOENT);
        assertThat(errnoOf(() -> s.groupMembers("tpair"))).isEqualTo(Errno.ENOENT);
        assertThat(s.groups()).containsExactly("all", "toy");
        Leaks.assertClosedClean(s);
    }

    @Test
    void groupErrorsEexistEnoentEinvalAndChangeNothing() {
        NetStack s = toyStack(false);
        s.create("toy0");
        s.ioctl("toy0", new GenericRequest.AddGroup("wan"));
        IfInfo before = s.ioctl("toy0", new GenericRequest.GetInfo());
        assertThat(errnoOf(() -> s.ioctl("toy0", new GenericRequest.AddGroup("wan")))).isEqualTo(Errno.EEXIST);
        assertThat(errnoOf(() -> s.ioctl("toy0", new GenericRequest.AddGroup("toy")))).isEqualTo(Errno.EEXIST);
        assertThat(errnoOf(() -> s.ioctl("toy0", new GenericRequest.AddGroup("all")))).isEqualTo(Errno.EEXIST);
        assertThat(errnoOf(() -> s.ioctl("toy0", new GenericRequest.DelGroup("lan")))).isEqualTo(Errno.ENOENT);
        assertThat(errnoOf(() -> s.ioctl("toy0", new GenericRequest.AddGroup("wan1")))).isEqualTo(Errno.EINVAL);
        assertThat(errnoOf(() -> s.ioctl("toy0", new GenericRequest.AddGroup("")))).isEqualTo(Errno.EINVAL);
        assertThat(errnoOf(() -> s.ioctl("toy0", new GenericRequest.AddGroup("a group")))).isEqualTo(Errno.EINVAL);
        assertThat(errnoOf(() -> s.ioctl("toy0", new GenericRequest.AddGroup("sixteen-chars-xx")))).isEqualTo(Errno.EINVAL);
        assertThat(s.ioctl("toy0", new GenericRequest.GetInfo())).isEqualTo(before);
        assertThat(s.groupMembers("wan")).containsExactly("toy0");
        assertThatThrownBy(() -> s.groupMembers("lan")).isInstanceOf(IfnetException.class)
                .hasMessageContaining("no group lan");
        Leaks.assertClosedClean(s);
    }

    /** Regression: group listings showed a DYING interface that interfaces() already hid. */
    @Test
    void groupListingsHideADyingInterfaceAsInterfacesDoes() throws Exception {
        NetStack s = toyStack(false);
        s.create("toy0");
        s.create("toy1");
        s.ioctl("toy0", new GenericRequest.AddGroup("edge"));
        s.ioctl("toy1", new GenericRequest.AddGroup("edge"));
        FailPoints.Gate g = s.failPoints().pause(FailSite.DESTROY_DYING);
        java.util.concurrent.CompletableFuture<Void> d =
                java.util.concurrent.CompletableFuture.runAsync(() -> s.destroy("toy0"));
        assertThat(g.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
        assertThat(s.interfaces()).containsExactly("toy1");
        assertThat(s.groupMembers("all")).containsExactly("toy1");
        assertThat(s.groupMembers("toy")).containsExactly("toy1");
        assertThat(s.groupMembers("edge")).containsExactly("toy1");
        g.open();
        d.get(10, TimeUnit.SECONDS);
        s.failPoints().clearAll();
        Leaks.assertClosedClean(s);
    }

    /** Regression: an interface that left "all" (FreeBSD allows it) was still listed in it. */
    @Test
    void anInterfaceThatLeftAllIsNoLongerListedInAll() {
        NetStack s = toyStack(false);
        s.create("toy0");
        s.create("toy1");
        s.ioctl("toy0", new GenericRequest.DelGroup("all"));
        assertThat(s.ioctl("toy0", new GenericRequest.GetGroups())).containsExactly("toy");
        assertThat(s.groupMembers("all")).containsExactly("toy1");
        assertThat(s.interfaces()).containsExactly("toy0", "toy1");
        assertThat(errnoOf(() -> s.ioctl("toy0", new GenericRequest.DelGroup("all")))).isEqualTo(Errno.ENOENT);
        s.ioctl("toy0", new GenericRequest.AddGroup("all"));
        assertThat(s.groupMembers("all")).containsExactly("toy0", "toy1");
        Leaks.assertClosedClean(s);
    }

    // ------------------------------------------------------------------ events

    /** Records events with the state of the structure lock probe at the time. */
    private static final class Recorder implements IfListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final NetStack stack;

        Recorder(NetStack stack) {
            this.stack = stack;
        }

        private void record(String e) {
            events.add(e + (layerLockFree() ? "" : " UNDER-LOCK"));
        }

        /**
         * Proves no layer lock is held: another thread must be able to finish a structural
         * change (a group add takes the stack's structure lock) while this listener runs.
         */
        private boolean layerLockFree() {
            ExecutorService ex = Executors.newSingleThreadExecutor();
            try {
                Future<?> f = ex.submit(() -> {
                    try {
                        stack.groups(); // lock-free read, then a locked write on a probe interface
                        stack.ioctl("probe0", new GenericRequest.AddGroup("probe"));
                        stack.ioctl("probe0", new GenericRequest.DelGroup("probe"));
                    } catch (IfnetException e) {
                        // probe0 absent (its own arrival): the lookup path took no lock either
                    }
                });
                f.get(5, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return false;
            } finally {
                ex.shutdownNow();
            }
        }

        @Override
        public void arrival(Ifnet ifp) {
            record("arrival " + ifp.name());
        }

        @Override
        public void departure(Ifnet ifp) {
            record("departure " + ifp.name());
        }

        @Override
        public void linkStateChanged(Ifnet ifp, LinkState state) {
            record("link " + ifp.name() + " " + state);
        }

        @Override
        public void renamed(Ifnet ifp, String oldName) {
            record("rename " + oldName + " -> " + ifp.name());
        }
    }

    @Test
    void eventsFireOnceEachOutsideTheLayerLocks() {
        NetStack s = NetStack.builder().build();
        s.registerCloner(new ToyCloner());
        s.registerCloner(new ProbeCloner());
        s.create("probe0");
        Recorder rec = new Recorder(s);
        s.addListener(rec);

        s.create("toy0");
        s.ioctl("toy0", new GenericRequest.SetFlags(IfFlags.UP));          // link UP
        s.ioctl("toy0", new GenericRequest.SetFlags(IfFlags.UP));          // no change: no event
        s.ioctl("toy0", new GenericRequest.SetName("wan0"));
        s.ioctl("wan0", new GenericRequest.SetFlags(0));                   // link DOWN
        s.destroy("wan0");
        assertThat(rec.events).containsExactly(
                "arrival toy0", "link toy0 UP", "rename toy0 -> wan0", "link wan0 DOWN", "departure wan0");

        s.removeListener(rec);
        s.create("toy1");
        assertThat(rec.events).hasSize(5);
        Leaks.assertClosedClean(s);
    }

    @Test
    void aThrowingListenerDoesNotBreakTheOperationOrOtherListeners() {
        NetStack s = toyStack(false);
        List<String> seen = new CopyOnWriteArrayList<>();
        s.addListener(new IfListener() {
            @Override
            public void arrival(Ifnet ifp) {
                throw new IllegalStateException("listener bug");
            }
        });
        s.addListener(new IfListener() {
            @Override
            public void arrival(Ifnet ifp) {
                seen.add(ifp.name());
            }
        });
        assertThat(s.create("toy0")).isEqualTo("toy0");
        assertThat(seen).containsExactly("toy0");
        Leaks.assertClosedClean(s);
    }

    /** A second simple cloner, so that the event probe has an interface of its own. */
    private static final class ProbeCloner extends org.ifnet.core.clone.SimpleCloner {
        ProbeCloner() {
            super("probe", 0, 10);
        }

        @Override
        public Ifnet create(org.ifnet.core.clone.CloneContext ctx, String name, int unit,
                            org.ifnet.core.clone.CloneParams params) {
            return ctx.attach(new org.ifnet.core.clone.IfSpec(name, IfType.PROPVIRTUAL, 0, 1500,
                    MacAddress.NONE, 0, 0, 0, unit), new org.ifnet.core.testing.ToySoftc());
        }
    }

    // ------------------------------------------------------------------ many stacks

    @Test
    void manyStacksInOneJvmAreIndependent() throws Exception {
        NetStack a = toyStack(false);
        NetStack b = toyStack(false);
        assertThat(a.name()).isNotEqualTo(b.name());
        assertThat(a.create("toy0")).isEqualTo("toy0");
        assertThat(b.create("toy0")).isEqualTo("toy0");
        a.ioctl("toy0", new GenericRequest.SetMtu(9000));
        a.ioctl("toy0", new GenericRequest.AddGroup("only"));
        assertThat(b.ioctl("toy0", new GenericRequest.GetMtu())).isEqualTo(1500);
        assertThat(errnoOf(() -> b.groupMembers("only"))).isEqualTo(Errno.ENOENT);

        // a fail point armed on one stack does not fire on the other
        FailPoints.Gate gate = a.failPoints().pause(FailSite.IOCTL_DRIVER);
        assertThat(b.ioctl("toy0", new GenericRequest.GetStatus())).startsWith("toy");
        assertThat(gate.arrived()).isFalse();
        a.failPoints().clearAll();

        // an epoch section open on one stack does not hold up the other's grace period
        a.epoch().enter();
        try {
            b.epoch().synchronize();
            b.destroy("toy0");
        } finally {
            a.epoch().exit();
        }
        assertThat(a.interfaces()).containsExactly("toy0");
        assertThat(b.interfaces()).isEmpty();
        Leaks.assertClosedClean(b);
        assertThat(a.isClosed()).isFalse();
        assertThat(a.ioctl("toy0", new GenericRequest.GetMtu())).isEqualTo(9000);
        Leaks.assertClosedClean(a);
    }

    /** Regression: stack B's ioctl ran B's rename on A's interface and registered it in B. */
    @Test
    void aReferenceFromOneStackIsRefusedByAnother() {
        NetStack a = toyStack(false);
        NetStack b = toyStack(false);
        a.create("toy0");
        try (IfRef ra = a.lookup("toy0")) {
            assertThatThrownBy(() -> b.ioctl(ra, new GenericRequest.SetName("moved0")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(a.name());
            assertThatThrownBy(() -> b.ioctl(ra, new GenericRequest.AddGroup("x")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.ref(ra)).isInstanceOf(IllegalArgumentException.class);
            assertThat(ra.ioctl(new GenericRequest.GetFlags())).isEqualTo(org.ifnet.core.testing.ToyCloner.FLAGS);
        }
        assertThat(b.interfaces()).isEmpty();
        assertThat(b.find("moved0")).isNull();
        assertThat(a.interfaces()).containsExactly("toy0");
        assertThat(a.groups()).containsExactly("all", "toy");
        Leaks.assertClosedClean(b);
        Leaks.assertClosedClean(a);
    }

    // ------------------------------------------------------------------ helpers

    private static <T> T inThread(String name, java.util.concurrent.Callable<T> c) throws Exception {
        java.util.concurrent.FutureTask<T> t = new java.util.concurrent.FutureTask<>(c);
        Thread th = new Thread(t, name);
        th.start();
        return t.get(10, TimeUnit.SECONDS);
    }

    private static LeakException catchLeak(NetStack s) {
        try {
            s.close();
        } catch (LeakException e) {
            return e;
        }
        throw new AssertionError("close() should have reported the double close");
    }
}
