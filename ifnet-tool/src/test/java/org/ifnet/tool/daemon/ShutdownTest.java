package org.ifnet.tool.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.LeakReport;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.tool.client.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop with a call in flight: it finishes and is answered within the grace period, or is cut off after it. */
class ShutdownTest {
    @TempDir
    Path dir;

    private Daemon.Options options() {
        Daemon.Options o = TestDaemons.options(dir);
        return new Daemon.Options(o.socket(), o.config(), null, null, 2, 64, false, Duration.ofSeconds(2));
    }

    @Test
    void aCallInFlightFinishesAndIsAnswered() throws Exception {
        Daemon d = TestDaemons.start(options(), new TestDaemons.MemoryLog());
        FailPoints fp = d.stack().failPoints();
        try (SocketClient c = SocketClient.open(d.options().socket());
             SocketClient idle = SocketClient.open(d.options().socket())) {
            c.create("epair", CloneParams.NONE);
            FailPoints.Gate gate = fp.pause(FailSite.IOCTL_DRIVER, a -> a instanceof GenericRequest.GetMedia);
            CompletableFuture<MediaReply> call = CompletableFuture.supplyAsync(
                    () -> c.ioctl("epair0a", new GenericRequest.GetMedia()));
            assertThat(gate.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<LeakReport> stopping = CompletableFuture.supplyAsync(d::stop);
            // no new clients once stopping began; the idle one is let go
            assertThat(TestDaemons.eventually(Duration.ofSeconds(5), () -> d.openConnections() == 1)).isTrue();
            gate.open();
            assertThat(call.get(10, TimeUnit.SECONDS).current()).isNotZero();
            LeakReport r = stopping.get(10, TimeUnit.SECONDS);
            assertThat(r.isClean()).as(r.toString()).isTrue();
            assertThat(idle.cloners().isEmpty()).isFalse();
        } catch (IfnetException e) {
            // the idle client's call after the stop: the daemon closed its connection
            assertThat(e.errno()).isEqualTo(Errno.ENXIO);
        } finally {
            fp.clearAll();
        }
        TestDaemons.stopClean(d);
    }

    @Test
    void aCallStuckPastTheGracePeriodIsCutOff() throws Exception {
        Daemon d = TestDaemons.start(options(), new TestDaemons.MemoryLog());
        FailPoints fp = d.stack().failPoints();
        try (SocketClient c = SocketClient.open(d.options().socket())) {
            c.create("epair", CloneParams.NONE);
            FailPoints.Gate gate = fp.pause(FailSite.IOCTL_DRIVER, a -> a instanceof GenericRequest.GetMedia);
            CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.ioctl("epair0a", new GenericRequest.GetMedia());
                } catch (IfnetException e) {
                    return e;
                }
            });
            assertThat(gate.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            LeakReport r = d.stop(); // the gate never opens: the worker is interrupted after 2 s
            assertThat(r.isClean()).as(r.toString()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
            // the interrupted call either still got its answer out or found its connection closed
            Object got = call.get(10, TimeUnit.SECONDS);
            assertThat(got).isInstanceOfAny(MediaReply.class, IfnetException.class);
            if (got instanceof IfnetException) {
                assertThat(((IfnetException) got).errno()).isEqualTo(Errno.ENXIO);
            }
        } finally {
            fp.clearAll();
        }
        TestDaemons.stopClean(d);
    }
}
