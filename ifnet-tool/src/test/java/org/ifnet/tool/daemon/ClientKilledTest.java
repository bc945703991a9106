package org.ifnet.tool.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.LeakReport;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.tool.client.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client process killed with SIGKILL while its request is inside the driver, holding a
 * reference: once the request finishes, no reference is left, other clients never waited,
 * and destroy and release work as for anyone else.
 */
class ClientKilledTest {
    @TempDir
    Path dir;

    @Test
    void aClientKilledMidRequestLeavesNoReference() throws Exception {
        Daemon d = TestDaemons.start(TestDaemons.options(dir).withTracking(true), new TestDaemons.MemoryLog());
        Path socket = d.options().socket();
        try (SocketClient other = SocketClient.open(socket)) {
            other.create("epair", CloneParams.NONE);
            FailPoints fp = d.stack().failPoints();
            FailPoints.Gate gate = fp.pause(FailSite.IOCTL_DRIVER, a -> a instanceof GenericRequest.GetMedia);
            Path out = dir.resolve("client.out");
            Process client = Jvm.start(Jvm.command(List.of(), Jvm.joined(), ProbeClient.class,
                    "getmedia", socket.toString(), "epair0a"), out);
            try {
                assertThat(gate.awaitArrival(60, TimeUnit.SECONDS)).as("the client's GetMedia reached the driver").isTrue();
                // mid-request: the daemon's worker holds a reference on the client's behalf
                LeakReport held = d.stack().leakReport();
                assertThat(held.heldReferences()).hasSize(1);
                assertThat(held.heldReferences().get(0)).contains("epair0a").contains("ifnetd-worker");

                client.destroyForcibly(); // SIGKILL
                assertThat(client.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(client.exitValue()).isEqualTo(137);
                assertThat(Files.readString(out)).contains("connect OK").doesNotContain("getmedia");

                // other clients are served meanwhile, and may even destroy the interface
                assertThat(other.interfaces()).contains("epair0a");
                other.destroy("epair0a");
                assertThat(other.interfaces()).containsExactly("lo0");
                assertThat(d.stack().leakReport().unreleasedSoftcs()).as("epair0a waits for the held reference")
                        .anyMatch(s -> s.startsWith("epair0a"));
            } finally {
                gate.open();
                fp.clearAll();
                client.destroyForcibly();
            }
            // the request ends (the reply finds no one) and drops its reference
            assertThat(TestDaemons.eventually(Duration.ofSeconds(10), () -> d.callsInFlight() == 0)).isTrue();
            assertThat(TestDaemons.eventually(Duration.ofSeconds(10), () -> d.openConnections() == 1)).isTrue();
            d.stack().quiesce();
            LeakReport after = other.leakReport();
            assertThat(after.isClean()).as(after.toString()).isTrue();
        }
        TestDaemons.stopClean(d);
    }
}
