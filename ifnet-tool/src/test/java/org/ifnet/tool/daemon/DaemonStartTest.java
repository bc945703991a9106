package org.ifnet.tool.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.tool.client.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claiming the socket: folder made, mode 0660, a live daemon kept, a stale socket replaced, a file refused. */
class DaemonStartTest {
    @TempDir
    Path dir;

    @Test
    void aSecondDaemonOnTheSameSocketIsRefusedAndTheFirstServesOn() throws Exception {
        Daemon.Options o = TestDaemons.options(dir);
        assertThat(Files.exists(o.socket().getParent())).isFalse();
        Daemon first = TestDaemons.start(o, new TestDaemons.MemoryLog());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(o.socket()))).isEqualTo("rw-rw----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(o.socket().getParent())))
                .isEqualTo("rwxr-xr-x");

        Daemon second = new Daemon(o, new TestDaemons.MemoryLog().log);
        assertThatThrownBy(second::start).isInstanceOfSatisfying(IfnetException.class, e -> {
            assertThat(e.errno()).isEqualTo(Errno.EBUSY);
            assertThat(e.getMessage()).contains("another ifnet daemon answers at " + o.socket());
        });
        assertThat(second.stop()).as("nothing to stop").isNull();
        try (SocketClient c = SocketClient.open(o.socket())) {
            assertThat(c.interfaces()).containsExactly("lo0");
        }
        TestDaemons.stopClean(first);
    }

    @Test
    void aRegularFileAtTheSocketPathIsNotReplaced() throws Exception {
        Daemon.Options o = TestDaemons.options(dir);
        Files.createDirectories(o.socket().getParent());
        Files.writeString(o.socket(), "precious");
        Daemon d = new Daemon(o, new TestDaemons.MemoryLog().log);
        assertThatThrownBy(d::start).isInstanceOfSatisfying(IfnetException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST));
        assertThat(Files.readString(o.socket())).isEqualTo("precious");
    }

    @Test
    void withNoDaemonTheClientSaysHowToStartOne() {
        Path nowhere = dir.resolve("none.sock");
        assertThatThrownBy(() -> SocketClient.connect(nowhere)).isInstanceOfSatisfying(IfnetException.class, e -> {
            assertThat(e.errno()).isEqualTo(Errno.ENXIO);
            assertThat(e.getMessage()).isEqualTo("no ifnet daemon answers at " + nowhere
                    + "; start one with: bin/ifnet daemon --socket " + nowhere + " &");
        });
    }
}
