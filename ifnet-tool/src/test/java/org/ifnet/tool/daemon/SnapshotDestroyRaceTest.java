package org.ifnet.tool.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.drivers.lagg.LaggRequest;
import org.ifnet.tool.client.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save reads a lagg's settings while the lagg is destroyed: found by the conformance suite
 * (tests/conformance, lagg_stress and lagg_up_stress: "cannot save the configuration:
 * NullPointerException" in the daemon's log). The lagg's driver answers ENXIO once detached;
 * the snapshot must skip the lagg as it skips any interface destroyed under it, not fail the
 * whole save (which left the change that asked for it acknowledged but not on disk).
 */
class SnapshotDestroyRaceTest {
    @TempDir
    Path dir;

    @Test
    void aLaggDestroyedWhileTheSaveReadsItsSettingsIsSkipped() throws Exception {
        TestDaemons.MemoryLog log = new TestDaemons.MemoryLog();
        Daemon d = TestDaemons.start(TestDaemons.options(dir), log);
        FailPoints fp = d.stack().failPoints();
        try (SocketClient c1 = SocketClient.open(d.options().socket());
             SocketClient c2 = SocketClient.open(d.options().socket())) {
            assertThat(c1.create("lagg", CloneParams.NONE)).isEqualTo("lagg0");
            // the save after T1's change has read lagg0's generic state and is about to ask
            // the lagg driver for its settings ...
            FailPoints.Gate gate = fp.pause(FailSite.IOCTL_DRIVER, a -> a instanceof LaggRequest.GetLagg
                    && Thread.currentThread().getName().equals("ifnetd-config"));
            CompletableFuture<Object> t1 = CompletableFuture.supplyAsync(
                    () -> c1.ioctl("lo0", new GenericRequest.SetMtu(9000)));
            assertThat(gate.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
            // ... while T2 destroys lagg0 (destroy does not wait for the save's reference)
            CompletableFuture<Void> t2 = CompletableFuture.runAsync(() -> c2.destroy("lagg0"));
            assertThat(TestDaemons.eventually(Duration.ofSeconds(10),
                    () -> !d.stack().interfaces().contains("lagg0"))).isTrue();
            gate.open();
            t1.get(10, TimeUnit.SECONDS);
            t2.get(10, TimeUnit.SECONDS);
            assertThat(log.text()).doesNotContain("cannot save");
            assertThat(Files.readString(d.options().config())).contains("ifconfig_lo0=\"mtu 9000\"")
                    .contains("cloned_interfaces=\"\"");
        } finally {
            fp.clearAll();
        }
        TestDaemons.stopClean(d);
    }
}
