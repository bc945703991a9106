package org.ifnet.tool.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ifnet.core.IfInfo;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.tool.client.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand clients connected at once, all served; readers and writers at the same time;
 * every reply right, and no reference left behind.
 */
class ConcurrentClientsTest {
    static final int CLIENTS = 1000;

    @TempDir
    Path dir;

    @Test
    void aThousandClientsAtOnce() throws Exception {
        TestDaemons.MemoryLog log = new TestDaemons.MemoryLog();
        Daemon d = TestDaemons.start(TestDaemons.options(dir), log);
        Path socket = d.options().socket();
        List<SocketClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (SocketClient admin = SocketClient.open(socket)) {
            assertThat(admin.create("epair", CloneParams.NONE)).isEqualTo("epair0a");
            admin.ioctl("epair0a", new GenericRequest.SetDescr("shared"));

            long t0 = System.nanoTime();
            List<Future<SocketClient>> opening = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                opening.add(pool.submit(() -> SocketClient.open(socket)));
            }
            for (Future<SocketClient> f : opening) {
                clients.add(f.get());
            }
            long openNanos = System.nanoTime() - t0;
            assertThat(TestDaemons.eventually(Duration.ofSeconds(20), () -> d.openConnections() == CLIENTS + 1))
                    .as("connections open at the daemon: " + d.openConnections()).isTrue();

            // every one of them is served while all stay open; a few change things meanwhile
            AtomicInteger ok = new AtomicInteger();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int slice = t;
                work.add(pool.submit(() -> {
                    for (int i = slice; i < CLIENTS; i += 8) {
                        SocketClient c = clients.get(i);
                        IfInfo info = c.ioctl("epair0a", new GenericRequest.GetInfo());
                        assertThat(info.description()).isEqualTo("shared");
                        assertThat(c.interfaces()).contains("lo0", "epair0a", "epair0b");
                        ok.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int t = 0; t < 2; t++) {
                SocketClient writer = clients.get(t);
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        String made = writer.create("lo", CloneParams.NONE);
                        writer.ioctl(made, new GenericRequest.SetMtu(1280));
                        writer.destroy(made);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            assertThat(ok.get()).isEqualTo(CLIENTS);

            long[] lat = latencies(clients.get(CLIENTS - 1), 3000);
            System.out.printf("daemon: %d connections opened in %d ms; GetInfo round trip over the socket: "
                    + "median %.1f us, p99 %.1f us (%d samples, one client, %d others connected)%n",
                    CLIENTS, openNanos / 1_000_000, lat[lat.length / 2] / 1e3, lat[lat.length * 99 / 100] / 1e3,
                    lat.length, CLIENTS);

            // errors cross the socket as themselves
            assertThatThrownBy(() -> admin.create("epair0", CloneParams.NONE))
                    .isInstanceOfSatisfying(IfnetException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST));
            assertThat(admin.leakReport().isClean()).isTrue();
        } finally {
            for (SocketClient c : clients) {
                c.close();
            }
            pool.shutdownNow();
        }
        assertThat(TestDaemons.eventually(Duration.ofSeconds(20), () -> d.openConnections() == 0)).isTrue();
        assertThat(d.callsServed()).isGreaterThanOrEqualTo(2L * CLIENTS);
        TestDaemons.stopClean(d);
        assertThat(log.text()).contains("zero leaks");
    }

    @Test
    void pastTheClientLimitANewClientGetsEBUSY() throws Exception {
        Daemon.Options o = TestDaemons.options(dir).withLimits(2, 3);
        Daemon d = TestDaemons.start(o, new TestDaemons.MemoryLog());
        List<SocketClient> three = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                three.add(SocketClient.open(o.socket()));
                assertThat(three.get(i).interfaces()).containsExactly("lo0");
            }
            try (SocketClient fourth = SocketClient.open(o.socket())) {
                assertThatThrownBy(fourth::interfaces).isInstanceOfSatisfying(IfnetException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EBUSY);
                    assertThat(e.getMessage()).contains("serves 3 clients already");
                });
            }
            three.remove(0).close();
            assertThat(TestDaemons.eventually(Duration.ofSeconds(10), () -> d.openConnections() == 2)).isTrue();
            try (SocketClient again = SocketClient.open(o.socket())) {
                assertThat(again.interfaces()).containsExactly("lo0");
            }
        } finally {
            three.forEach(SocketClient::close);
        }
        TestDaemons.stopClean(d);
    }

    private static long[] latencies(SocketClient c, int n) {
        for (int i = 0; i < 2000; i++) {
            c.ioctl("epair0a", new GenericRequest.GetInfo()); // warm up
        }
        long[] lat = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            c.ioctl("epair0a", new GenericRequest.GetInfo());
            lat[i] = System.nanoTime() - t;
        }
        Arrays.sort(lat);
        return lat;
    }
}
