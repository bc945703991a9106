package org.ifnet.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ifnet.core.IfRef;
import org.ifnet.core.LeakReport;
import org.ifnet.tool.daemon.Daemon;
import org.ifnet.tool.daemon.DaemonLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ifnet leaks}: the daemon's leak report over the socket, and its exit status. */
class LeaksCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private static Result leaks(Path socket) {
        CommandLine cl = Cli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("leaks", "--socket", socket.toString());
        return new Result(code, out.toString(), err.toString());
    }

    private Daemon start() throws Exception {
        Daemon.Options o = Daemon.Options.defaults().withSocket(dir.resolve("ifnet.sock"))
                .withConfig(dir.resolve("ifnet.conf")).withTracking(true);
        Daemon d = new Daemon(o, new DaemonLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        d.start();
        return d;
    }

    @Test
    void cleanDaemonExitsZero() throws Exception {
        Daemon d = start();
        try {
            d.stack().create("epair");
            Result r = leaks(d.options().socket());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("no leaks" + System.lineSeparator());
        } finally {
            LeakReport fin = d.stop();
            assertThat(fin.isClean()).as(fin.toString()).isTrue();
        }
    }

    @Test
    void heldReferenceIsReportedWithExitOne() throws Exception {
        Daemon d = start();
        try {
            d.stack().create("epair");
            IfRef held = d.stack().lookup("epair0a");
            Result r = leaks(d.options().socket());
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out()).startsWith("1 reference(s) still held").contains("epair0a");
            held.close();
            assertThat(leaks(d.options().socket()).code()).isZero();
        } finally {
            LeakReport fin = d.stop();
            assertThat(fin.isClean()).as(fin.toString()).isTrue();
        }
    }

    @Test
    void noDaemonIsAnErrorNamingTheSocket() {
        Result r = leaks(dir.resolve("none.sock"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("leaks: no ifnet daemon answers at " + dir.resolve("none.sock"));
    }
}
