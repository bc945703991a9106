package org.ifnet.tool.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.IfInfo;
import org.ifnet.core.MacAddress;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.tool.client.SocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as a real process: killed with SIGKILL and started again; stopped with SIGTERM. */
class DaemonProcessTest {
    @TempDir
    Path dir;

    private Process daemon;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Path socket() {
        return dir.resolve("run").resolve("ifnet.sock");
    }

    private Path config() {
        return dir.resolve("etc").resolve("ifnet.conf");
    }

    private SocketClient startDaemon(String logName) throws Exception {
        return startDaemon(logName, List.of());
    }

    private SocketClient startDaemon(String logName, List<String> prefix) throws Exception {
        daemon = Jvm.start(Jvm.command(prefix, Jvm.joined(), DaemonCommand.class,
                "--socket", socket().toString(), "--config", config().toString()), dir.resolve(logName));
        return TestDaemons.awaitAnswer(socket(), daemon, Duration.ofSeconds(60));
    }

    /** What must survive a restart: everything in GetInfo but index, generation, link state and counters. */
    private static Map<String, String> settings(SocketClient c) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : c.interfaces()) {
            IfInfo i = c.ioctl(n, new GenericRequest.GetInfo());
            m.put(n, String.format("flags=%x mtu=%d metric=%d descr=[%s] ether=%s caps=%x groups=%s media=%s",
                    i.flags(), i.mtu(), i.metric(), i.description(),
                    i.lladdr() == MacAddress.NONE ? "-" : MacAddress.format(i.lladdr()), i.capenable(), i.groups(),
                    media(c, n)));
        }
        return m;
    }

    private static String media(SocketClient c, String n) {
        try {
            return Integer.toHexString(c.ioctl(n, new GenericRequest.GetMedia()).current());
        } catch (IfnetException e) {
            return e.errno().name();
        }
    }

    @Test
    void restartAfterSigkillShowsTheSameInterfacesAndSettings() throws Exception {
        Map<String, String> before;
        try (SocketClient c = startDaemon("daemon1.log")) {
            assertThat(c.create("epair", CloneParams.NONE)).isEqualTo("epair0a");
            assertThat(c.create("epair5", CloneParams.NONE)).isEqualTo("epair5a");
            assertThat(c.create("lo", CloneParams.NONE)).isEqualTo("lo1");
            assertThat(c.create("lo", CloneParams.NONE)).isEqualTo("lo2");
            c.destroy("lo1");
            c.ioctl("epair0a", new GenericRequest.SetMtu(9000));
            c.ioctl("epair0a", new GenericRequest.SetDescr("uplink 'one' \"two\" $HOME\nsecond line"));
            c.ioctl("epair0a", new GenericRequest.AddGroup("wan"));
            c.ioctl("epair0a", new GenericRequest.SetLladdr(MacAddress.parse("02:00:00:00:00:aa")));
            c.ioctl("epair0a", new GenericRequest.SetFlags(c.ioctl("epair0a", new GenericRequest.GetFlags()) | 0x1));
            c.ioctl("epair0b", new GenericRequest.SetName("wan0"));
            c.ioctl("wan0", new GenericRequest.SetMetric(7));
            c.ioctl("wan0", new GenericRequest.DelGroup("epair"));
            c.ioctl("wan0", new GenericRequest.SetCap(0));
            c.ioctl("lo0", new GenericRequest.SetDescr("loopback"));
            c.ioctl("lo2", new GenericRequest.SetName("lo9"));
            before = settings(c);
        }
        assertThat(before.keySet()).containsExactly("lo0", "epair0a", "wan0", "epair5a", "epair5b", "lo9");

        daemon.destroyForcibly(); // SIGKILL: no shutdown hook, the socket file stays behind
        assertThat(daemon.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).isEqualTo(137);
        assertThat(Files.exists(socket())).isTrue();
        String saved = Files.readString(config());
        assertThat(saved).contains("cloned_interfaces=\"epair0 epair5 lo2\"", "ifconfig_epair0b_name=\"wan0\"");

        try (SocketClient c = startDaemon("daemon2.log")) {
            assertThat(settings(c)).isEqualTo(before);
            assertThat(c.leakReport().isClean()).isTrue();
        }
        assertThat(Files.readString(dir.resolve("daemon2.log"))).contains("applied").doesNotContain("failed");
        assertThat(Files.readString(config())).as("the restarted daemon writes the same file").isEqualTo(saved);
        stopWithSigterm("daemon2.log");
    }

    @Test
    void sigtermStopsCleanly() throws Exception {
        SocketClient idle = startDaemon("daemon.log");
        try (SocketClient c = SocketClient.open(socket())) {
            c.create("epair", CloneParams.NONE);
            c.create("lo", CloneParams.NONE);
            c.ioctl("epair0a", new GenericRequest.GetMedia());
        }
        stopWithSigterm("daemon.log");
        // the connection that stayed open was closed by the daemon
        assertThatThrownBy(idle::interfaces)
                .isInstanceOfSatisfying(IfnetException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENXIO));
        idle.close();
        // SIGTERM is not a configuration change: a restart brings the interfaces back
        assertThat(Files.readString(config())).contains("cloned_interfaces=\"epair0 lo1\"");
    }

    @Test
    void runningOutOfFileDescriptorsOnlyDelaysClients() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "needs prlimit(1)");
        try (SocketClient first = startDaemon("daemon.log", List.of("/usr/bin/prlimit", "--nofile=96:96"))) {
            assertThat(first.interfaces()).containsExactly("lo0");
        }
        // more clients than the daemon has descriptors: the rest wait in the listen backlog
        int n = 200;
        List<SocketClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < n; i++) {
                clients.add(SocketClient.open(socket()));
            }
            List<Future<List<String>>> calls = new ArrayList<>();
            for (SocketClient c : clients) {
                calls.add(pool.submit(() -> {
                    try {
                        return c.interfaces();
                    } finally {
                        c.close(); // lets the daemon accept the next one
                    }
                }));
            }
            for (Future<List<String>> f : calls) {
                assertThat(f.get(60, TimeUnit.SECONDS)).containsExactly("lo0");
            }
        } finally {
            pool.shutdownNow();
            clients.forEach(SocketClient::close);
        }
        assertThat(Files.readString(dir.resolve("daemon.log"))).contains("pausing accepts");
        stopWithSigterm("daemon.log");
    }

    private void stopWithSigterm(String logName) throws Exception {
        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve(logName));
        assertThat(daemon.exitValue()).as(log).isZero();
        assertThat(log).contains("every softc released, zero leaks");
        assertThat(Files.exists(socket())).as("socket removed").isFalse();
    }
}
