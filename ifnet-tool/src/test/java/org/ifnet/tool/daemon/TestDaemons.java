package org.ifnet.tool.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ifnet.core.LeakReport;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.tool.client.SocketClient;

/** In-process daemons for tests, and the checks every daemon test ends with. */
final class TestDaemons {
    private TestDaemons() {
    }

    static Daemon.Options options(Path dir) {
        Path socket = dir.resolve("run").resolve("ifnet.sock");
        return Daemon.Options.defaults().withSocket(socket).withConfig(dir.resolve("ifnet.conf"));
    }

    /** A log kept in memory, for asserting on. */
    static final class MemoryLog {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DaemonLog log = new DaemonLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    static Daemon start(Daemon.Options o, MemoryLog log) throws IOException {
        Daemon d = new Daemon(o, log.log);
        d.start();
        return d;
    }

    /** Stops the daemon and asserts that its stack closed with no reference or softc leaked. */
    static void stopClean(Daemon d) {
        LeakReport r = d.stop();
        assertThat(r.isClean()).as(r.toString()).isTrue();
        assertThat(d.stack().isClosed()).isTrue();
        assertThat(Files.exists(d.options().socket())).as("socket removed").isFalse();
    }

    /** Polls until a daemon answers at {@code socket}, for a daemon started as a process. */
    static SocketClient awaitAnswer(Path socket, Process p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return SocketClient.open(socket);
            } catch (IfnetException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("no daemon answered at " + socket + " (alive=" + p.isAlive() + ")", e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Waits for {@code cond}, polling; false on timeout. */
    static boolean eventually(Duration timeout, java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
