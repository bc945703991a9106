package org.ifnet.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.IfRef;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.testing.Leaks;
import org.ifnet.core.testing.ToyCloner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fail points (issue 2, item 4): pause, run, inject, observer, on the layer's own sites. */
@Timeout(60)
class FailPointsTest {
    private NetStack stack;
    private ToyCloner cloner;
    private FailPoints fp;

    @BeforeEach
    void setUp() {
        stack = NetStack.builder().build();
        cloner = new ToyCloner();
        stack.registerCloner(cloner);
        fp = stack.failPoints();
    }

    private void closeClean() {
        fp.clearAll();
        fp.setObserver(null);
        Leaks.assertClosedClean(stack);
        cloner.assertAllReleasedOnce();
    }

    @Test
    void pauseHoldsTheFirstMatchingThreadUntilOpenedAndLetsLaterOnesThrough() throws Exception {
        stack.create("toy0");
        FailPoints.Gate g = fp.pause(FailSite.IOCTL_DRIVER, arg -> arg instanceof GenericRequest.GetMedia);
        // a request that does not match passes the armed site
        assertThat(stack.ioctl("toy0", new GenericRequest.GetStatus())).startsWith("toy");
        assertThat(g.arrived()).isFalse();
        CompletableFuture<Object> t1 = CompletableFuture.supplyAsync(
                () -> stack.ioctl("toy0", new GenericRequest.GetMedia()));
        assertThat(g.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
        assertThat(g.holder()).isNotNull().isNotEqualTo(Thread.currentThread());
        assertThat(t1.isDone()).isFalse();
        // a second matching request passes: the gate holds one thread only
        assertThat(stack.ioctl("toy0", new GenericRequest.GetMedia())).isNotNull();
        assertThat(t1.isDone()).isFalse();
        g.open();
        assertThat(t1.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(g.awaitArrival(0, TimeUnit.SECONDS)).isTrue();
        closeClean();
    }

    @Test
    void runExecutesCodeOnThePassingThreadWithTheSiteArgument() {
        stack.create("toy0");
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread me = Thread.currentThread();
        fp.run(FailSite.IOCTL_DRIVER, arg -> seen.add(((IfRequest<?>) arg).ioctlName()
                + (Thread.currentThread() == me ? " on caller" : " elsewhere")));
        stack.ioctl("toy0", new GenericRequest.SetMtu(1400));
        stack.ioctl("toy0", new GenericRequest.GetMtu()); // answered by the layer: never at the site
        stack.ioctl("toy0", new GenericRequest.GetMedia());
        assertThat(seen).containsExactly("SIOCSIFMTU on caller", "SIOCGIFMEDIA on caller");
        fp.clear(FailSite.IOCTL_DRIVER);
        stack.ioctl("toy0", new GenericRequest.GetMedia());
        assertThat(seen).hasSize(2);
        closeClean();
    }

    @Test
    void injectThrowsTheErrnoAtTheSiteAndTheOperationChangesNothing() {
        stack.create("toy0");
        fp.inject(FailSite.CREATE_DRIVER, Errno.ENOMEM);
        try {
            stack.create("toy1");
            throw new AssertionError("create should have failed");
        } catch (IfnetException e) {
            assertThat(e.errno()).isEqualTo(Errno.ENOMEM);
            assertThat(e.getMessage()).contains("injected at fail point create.driver");
        }
        assertThat(cloner.units().inUse(1)).isFalse();
        assertThat(stack.interfaces()).containsExactly("toy0");
        fp.clear(FailSite.CREATE_DRIVER);
        assertThat(stack.create("toy1")).isEqualTo("toy1");

        fp.inject(FailSite.IOCTL_DRIVER, Errno.EBUSY);
        try {
            stack.ioctl("toy1", new GenericRequest.SetMtu(1400));
            throw new AssertionError("the request should have failed");
        } catch (IfnetException e) {
            assertThat(e.errno()).isEqualTo(Errno.EBUSY);
        }
        fp.clearAll();
        assertThat(stack.ioctl("toy1", new GenericRequest.GetMtu())).isEqualTo(1500);
        stack.destroy("toy1");
        closeClean();
    }

    @Test
    void theObserverSeesEverySiteInOrder() {
        List<String> sites = new CopyOnWriteArrayList<>();
        fp.setObserver((site, arg) -> sites.add(site));
        stack.create("toy0");
        try (IfRef r = stack.lookup("toy0")) {
            r.ioctl(new GenericRequest.GetMedia());
        }
        stack.destroy("toy0");
        assertThat(sites).containsExactly(
                FailSite.CREATE_DRIVER,
                FailSite.LOOKUP_FOUND, FailSite.IOCTL_DRIVER, FailSite.IOCTL_RETURN, FailSite.REF_RELEASE,
                FailSite.LOOKUP_FOUND, FailSite.DESTROY_DYING, FailSite.DESTROY_DETACHED,
                FailSite.REF_RELEASE, FailSite.RELEASE_HOOK);
        fp.setObserver(null);
        sites.clear();
        stack.create("toy0");
        assertThat(sites).isEmpty();
        closeClean();
    }

    @Test
    void theObserverMaySeeSitesWithActionsArmedToo() throws Exception {
        List<String> sites = new CopyOnWriteArrayList<>();
        fp.setObserver((site, arg) -> sites.add(site));
        fp.inject(FailSite.IOCTL_DRIVER, Errno.EBUSY);
        stack.create("toy0");
        try {
            stack.ioctl("toy0", new GenericRequest.GetMedia());
        } catch (IfnetException e) {
            assertThat(e.errno()).isEqualTo(Errno.EBUSY);
        }
        assertThat(sites).contains(FailSite.IOCTL_DRIVER).doesNotContain(FailSite.IOCTL_RETURN);
        closeClean();
    }
}
