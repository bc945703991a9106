package org.ifnet.tool.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.tool.client.SocketClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients with a real second uid (65534), run through setpriv(1): needs root and setpriv, and
 * is skipped otherwise ({@link PrivilegeTest} covers the same decisions with simulated
 * credentials everywhere).
 */
class UnprivilegedClientTest {
    static final String NOBODY = "65534";

    @TempDir
    Path dir;

    private static void assumeRealUids() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch uid");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv(1)");
    }

    /** Runs ProbeClient as uid 65534 with group {@code gid}; returns its output lines. */
    private List<String> probeAs(String gid, String classPath, Path socket) throws Exception {
        List<String> prefix = List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + gid, "--clear-groups");
        Path out = dir.resolve("probe-" + gid + "-" + System.nanoTime() + ".out");
        Process p = Jvm.start(Jvm.command(prefix, classPath, ProbeClient.class, "probe", socket.toString()), out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(out);
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    private String setUp() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cp = Files.createDirectory(dir.resolve("classpath"));
        return Jvm.publicCopy(cp);
    }

    @Test
    void readsButMayNotChange() throws Exception {
        assumeRealUids();
        String cp = setUp();
        Daemon d = TestDaemons.start(TestDaemons.options(dir).withGroups(NOBODY, null), new TestDaemons.MemoryLog());
        Path socket = d.options().socket();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");

        List<String> lines = probeAs(NOBODY, cp, socket);
        assertThat(lines).contains("connect OK", "interfaces OK [lo0]", "getinfo OK lo0", "leaks OK true");
        assertThat(lines).anyMatch(l -> l.startsWith("create EPERM") && l.contains("user nobody")
                && l.contains("only root may"));
        assertThat(lines).anyMatch(l -> l.startsWith("setmtu EPERM SIOCSIFMTU on lo0: Operation not permitted"));
        assertThat(lines).anyMatch(l -> l.startsWith("setdescr EPERM"));
        assertThat(lines).anyMatch(l -> l.startsWith("destroy EPERM"));
        // nothing changed
        try (SocketClient root = SocketClient.open(socket)) {
            assertThat(root.interfaces()).containsExactly("lo0");
            assertThat(root.ioctl("lo0", new GenericRequest.GetDescr())).isEmpty();
            assertThat(root.ioctl("lo0", new GenericRequest.GetMtu())).isEqualTo(16384);
        }

        // a uid in neither the socket's owner nor its group cannot even connect (mode 0660)
        List<String> outsider = probeAs("65533", cp, socket);
        assertThat(outsider).hasSize(1);
        assertThat(outsider.get(0)).startsWith("connect EPERM").contains("Permission denied");
        TestDaemons.stopClean(d);
    }

    @Test
    void theAdminGroupMayChange() throws Exception {
        assumeRealUids();
        String cp = setUp();
        Daemon d = TestDaemons.start(TestDaemons.options(dir).withGroups(NOBODY, NOBODY), new TestDaemons.MemoryLog());
        List<String> lines = probeAs(NOBODY, cp, d.options().socket());
        assertThat(lines).contains("create OK lo1", "setmtu OK OK", "setdescr OK OK", "destroy OK lo1");
        assertThat(d.stack().interfaces()).containsExactly("lo0");
        assertThat(d.stack().ioctl("lo0", new GenericRequest.GetDescr())).isEqualTo("probe was here");
        TestDaemons.stopClean(d);
    }
}
