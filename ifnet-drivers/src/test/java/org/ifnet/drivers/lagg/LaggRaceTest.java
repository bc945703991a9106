package org.ifnet.drivers.lagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ifnet.drivers.lagg.LaggFixture.far;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.IfInfo;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.core.lifecycle.IfState;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggPort;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The races of issue 3 item 4, each made deterministic with fail points: one thread is
 * paused at a named site, the other runs as far as it can, then the first resumes. Each test
 * checks the outcome, that the released interfaces were released exactly once and only when
 * nobody could still reach them, and ends with a clean leak report (no poisoned access).
 */
class LaggRaceTest {
    private static final long WAIT_MS = 10_000;
    /** How long a thread that must be blocked is given to (wrongly) finish. */
    private static final long BLOCKED_MS = 150;

    private final LaggFixture fx = new LaggFixture();
    private final FailPoints fp = fx.stack.failPoints();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        fp.clearAll();
        pool.shutdownNow();
    }

    private <T> Future<T> async(Callable<T> c) {
        return pool.submit(c);
    }

    private Future<?> run(Runnable r) {
        return pool.submit(r);
    }

    private static void arrive(FailPoints.Gate g) throws InterruptedException {
        assertThat(g.awaitArrival(WAIT_MS, TimeUnit.MILLISECONDS)).as("a thread reached the fail point").isTrue();
    }

    private static void stillBlocked(Future<?> f) throws InterruptedException {
        Thread.sleep(BLOCKED_MS);
        assertThat(f.isDone()).as("the other thread must wait").isFalse();
    }

    private static Errno errnoOf(Future<?> f) throws Exception {
        try {
            f.get(WAIT_MS, TimeUnit.MILLISECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(IfnetException.class);
            return ((IfnetException) e.getCause()).errno();
        }
    }

    private Ifnet released(Ifnet ifp) {
        fx.stack.quiesce();
        assertThat(ifp.state()).as(ifp.name()).isEqualTo(IfState.RELEASED);
        assertThat(ifp.softc().isReleased()).isTrue();
        return ifp;
    }

    // ------------------------------------------------------------------ port add vs lagg destroy

    @Test
    void portAddHoldingTheLockFinishesBeforeTheLaggsDestroyRemovesItAgain() throws Exception {
        String p0 = fx.epair();
        IfInfo before = fx.ioctl(p0, new GenericRequest.GetInfo());
        String lagg = fx.lagg(LaggProto.FAILOVER);
        Ifnet laggIfp = fx.ifnet(lagg);
        FailPoints.Gate g = fp.pause(LaggSites.PORTADD_LOCKED);
        Future<?> add = run(() -> fx.addPort(lagg, p0));
        arrive(g);
        Future<?> destroy = run(() -> fx.stack.destroy(lagg));
        stillBlocked(destroy);                      // detach waits for the lagg's lock
        assertThat(laggIfp.state()).isEqualTo(IfState.DYING);
        g.open();
        assertThat(errnoOf(add)).isNull();          // the add completed...
        assertThat(errnoOf(destroy)).isNull();      // ...and the destroy removed the port again
        assertThat(fx.ifnet(p0).portOwner()).isNull();
        IfInfo after = fx.ioctl(p0, new GenericRequest.GetInfo());
        assertThat(after.lladdr()).isEqualTo(before.lladdr());
        assertThat(after.mtu()).isEqualTo(before.mtu());
        released(laggIfp);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void portAddThatReachesTheLaggAfterItsDestroyGetsEnxioAndChangesNothing() throws Exception {
        String p0 = fx.epair();
        String lagg = fx.lagg(LaggProto.FAILOVER);
        Ifnet laggIfp = fx.ifnet(lagg);
        FailPoints.Gate g = fp.pause(FailSite.IOCTL_DRIVER, r -> r instanceof SetLaggPort);
        Future<Object> add = async(() -> fx.ioctl(lagg, new SetLaggPort(p0)));
        arrive(g);
        fx.stack.destroy(lagg);                     // to the end: detached, not released (T1 holds it)
        assertThat(laggIfp.state()).isEqualTo(IfState.DETACHED);
        assertThat(laggIfp.softc().isReleased()).isFalse();
        g.open();
        assertThat(errnoOf(add)).isEqualTo(Errno.ENXIO);
        assertThat(fx.ifnet(p0).portOwner()).isNull();
        released(laggIfp);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void portAddOfAMemberDestroyedMeanwhileIsRefused() throws Exception {
        String p0 = fx.epair();
        Ifnet member = fx.ifnet(p0);
        String lagg = fx.lagg(LaggProto.FAILOVER);
        FailPoints.Gate g = fp.pause(LaggSites.PORTADD_LOCKED);
        Future<Object> add = async(() -> fx.ioctl(lagg, new SetLaggPort(p0)));
        arrive(g);
        fx.stack.destroy(far(p0));                  // the member's departure finds no owner yet
        assertThat(member.state()).isEqualTo(IfState.DETACHED);
        g.open();
        assertThat(errnoOf(add)).isEqualTo(Errno.EINVAL);
        assertThat(member.portOwner()).isNull();
        assertThat(fx.status(lagg).ports()).isEmpty();
        released(member);
        Leaks.assertClosedClean(fx.stack);
    }

    // ------------------------------------------------------------------ port remove vs member destroy

    @Test
    void portRemoveHoldingTheLockWinsAndTheDepartureFindsNothingToDo() throws Exception {
        String p0 = fx.epair();
        String p1 = fx.epair();
        Ifnet member = fx.ifnet(p0);
        String lagg = fx.lagg(LaggProto.LOADBALANCE, p0, p1);
        FailPoints.Gate g = fp.pause(LaggSites.PORTDEL_LOCKED);
        Future<?> del = run(() -> fx.delPort(lagg, p0));
        arrive(g);
        Future<?> destroy = run(() -> fx.stack.destroy(far(p0)));
        stillBlocked(destroy);                      // the departure waits for the lagg's lock
        g.open();
        assertThat(errnoOf(del)).isNull();
        assertThat(errnoOf(destroy)).isNull();
        assertThat(fx.status(lagg).portNames()).containsExactly(p1);
        released(member);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void memberDestroyFirstRemovesThePortAndALaterRemoveFindsNoSuchInterface() throws Exception {
        String p0 = fx.epair();
        String p1 = fx.epair();
        Ifnet member = fx.ifnet(p0);
        String lagg = fx.lagg(LaggProto.LOADBALANCE, p0, p1);
        FailPoints.Gate g = fp.pause(LaggSites.DEPARTURE, m -> m == member);
        Future<?> destroy = run(() -> fx.stack.destroy(far(p0)));
        arrive(g);
        LaggStatus before = fx.status(lagg);
        Errnos.expect(Errno.EINVAL, () -> fx.delPort(lagg, p0)); // dying: no longer found by name
        assertThat(fx.status(lagg)).isEqualTo(before);
        g.open();
        assertThat(errnoOf(destroy)).isNull();
        assertThat(fx.status(lagg).portNames()).containsExactly(p1);
        released(member);
        Leaks.assertClosedClean(fx.stack);
    }

    // ------------------------------------------------------------------ status vs member destroy

    @Test
    void statusTakenUnderTheLockIsConsistentWhileAMemberIsDestroyed() throws Exception {
        String p0 = fx.epair();
        String p1 = fx.epair();
        Ifnet member = fx.ifnet(p0);
        String lagg = fx.lagg(LaggProto.FAILOVER, p0, p1);
        FailPoints.Gate g = fp.pause(LaggSites.STATUS_LOCKED);
        Future<LaggStatus> status = async(() -> fx.status(lagg));
        arrive(g);
        Future<?> destroy = run(() -> fx.stack.destroy(far(p0)));
        stillBlocked(destroy);
        g.open();
        LaggStatus s = status.get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(s.portNames()).containsExactly(p0, p1);
        assertThat(errnoOf(destroy)).isNull();
        LaggStatus after = fx.status(lagg);
        assertThat(after.portNames()).containsExactly(p1);
        assertThat(after.ports().get(0).flagsText()).isEqualTo("flags=5<MASTER,ACTIVE>");
        released(member);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void statusWhileADepartureIsPendingStillListsTheDyingPort() throws Exception {
        String p0 = fx.epair();
        String p1 = fx.epair();
        Ifnet member = fx.ifnet(p0);
        String lagg = fx.lagg(LaggProto.FAILOVER, p0, p1);
        FailPoints.Gate g = fp.pause(LaggSites.DEPARTURE, m -> m == member);
        Future<?> destroy = run(() -> fx.stack.destroy(far(p0)));
        arrive(g);
        LaggStatus s = fx.status(lagg);             // p0's far end is gone: its link is down
        assertThat(s.portNames()).containsExactly(p0, p1);
        assertThat(s.ports().get(0).flagsText()).isEqualTo("flags=1<MASTER>");
        assertThat(s.ports().get(1).flagsText()).isEqualTo("flags=4<ACTIVE>");
        g.open();
        assertThat(errnoOf(destroy)).isNull();
        assertThat(fx.status(lagg).portNames()).containsExactly(p1);
        released(member);
        Leaks.assertClosedClean(fx.stack);
    }

    // ------------------------------------------------------------------ transmit vs removal and destroy

    @ParameterizedTest
    @EnumSource(value = LaggProto.class, names = {"FAILOVER", "LOADBALANCE", "ROUNDROBIN", "BROADCAST"})
    void transmitInFlightKeepsARemovedAndDestroyedMemberUnreleased(LaggProto proto) throws Exception {
        String p0 = fx.epair();
        Ifnet member = fx.ifnet(p0);
        String lagg = fx.lagg(proto, p0);
        FailPoints.Gate g = fp.pause(LaggSites.TRANSMIT_PICKED, m -> m == member);
        Future<Boolean> tx = async(() -> fx.send(lagg, TestFrames.tcp4(fx.frame(), 1, 2, 3, 4)));
        arrive(g);                                  // T1 picked p0, inside its epoch section
        Future<?> del = run(() -> fx.delPort(lagg, p0));
        while (member.portOwner() != null) {        // unlinked under the lock...
            Thread.onSpinWait();
        }
        stillBlocked(del);                          // ...but the reference waits for T1's section
        Future<?> destroy = run(() -> fx.stack.destroy(far(p0))); // so does every destroy: it waits for grace
        stillBlocked(destroy);
        assertThat(member.softc().isReleased()).isFalse();
        assertThat(member.refcount()).isPositive();
        g.open();
        assertThat(tx.get(WAIT_MS, TimeUnit.MILLISECONDS)).isFalse(); // its peer is gone: dropped, counted
        assertThat(errnoOf(del)).isNull();
        assertThat(errnoOf(destroy)).isNull();
        assertThat(member.counters().get(org.ifnet.core.IfCounter.OQDROPS)).isEqualTo(1);
        released(member);
        assertThat(fx.status(lagg).ports()).isEmpty();
        Leaks.assertClosedClean(fx.stack);
    }

    @ParameterizedTest
    @EnumSource(value = LaggProto.class, names = {"FAILOVER", "LOADBALANCE", "ROUNDROBIN", "BROADCAST"})
    void transmitInFlightCompletesWhileTheLaggIsDestroyed(LaggProto proto) throws Exception {
        String p0 = fx.epair();
        Ifnet member = fx.ifnet(p0);
        String lagg = fx.lagg(proto, p0);
        Ifnet laggIfp = fx.ifnet(lagg);
        FailPoints.Gate g = fp.pause(LaggSites.TRANSMIT_PICKED, m -> m == member);
        Future<Boolean> tx = async(() -> fx.send(lagg, TestFrames.tcp4(fx.frame(), 1, 2, 3, 4)));
        arrive(g);
        Future<?> destroy = run(() -> fx.stack.destroy(lagg));
        while (member.portOwner() != null) {
            Thread.onSpinWait();
        }
        stillBlocked(destroy);                      // the lagg's detach waits for T1's section
        assertThat(laggIfp.softc().isReleased()).isFalse();
        g.open();
        assertThat(tx.get(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue(); // p0 is alive: the frame went out
        assertThat(errnoOf(destroy)).isNull();
        assertThat(fx.sink.count(far(p0))).isEqualTo(1);
        released(laggIfp);
        assertThat(member.state()).isEqualTo(IfState.ATTACHED);
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void transmitOnNoneDuringDestroyDropsCleanly() throws Exception {
        String p0 = fx.epair();
        String lagg = fx.lagg(LaggProto.NONE, p0);
        try (IfRef held = fx.stack.lookup(lagg)) {
            fx.stack.destroy(lagg);
            assertThat(held.ifp().transmit(TestFrames.tcp4(fx.frame(), 1, 2, 3, 4))).isFalse();
        }
        assertThat(fx.sink.count(far(p0))).isZero();
        Leaks.assertClosedClean(fx.stack);
    }

    @Test
    void aRequestOnAMemberRacingItsLaggsDestroyNeverReachesAReleasedLagg() throws Exception {
        String p0 = fx.epair();
        String lagg = fx.lagg(LaggProto.FAILOVER, p0);
        Ifnet laggIfp = fx.ifnet(lagg);
        // T1 is inside p0's flag change, past the port owner's check, before it tells the lagg
        FailPoints.Gate g = fp.pause(FailSite.IOCTL_DRIVER, r -> r instanceof GenericRequest.SetFlags);
        Future<Ack> t1 = async(() -> fx.up(p0));
        arrive(g);
        fx.stack.destroy(lagg);
        g.open();
        assertThat(t1.get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo(Ack.OK);
        released(laggIfp);
        Leaks.assertClosedClean(fx.stack);
    }
}
