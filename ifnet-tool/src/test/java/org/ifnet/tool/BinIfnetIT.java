package org.ifnet.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ifnet as a real process, after {@code mvn package} made the jar (run by failsafe in
 * the integration-test phase of {@code mvn verify}).
 */
class BinIfnetIT {
    private static final Path ROOT = Path.of(System.getProperty("ifnet.root", "..")).toAbsolutePath().normalize();
    private static final Path BIN = ROOT.resolve("bin/ifnet");

    record Proc(int code, String out, String err) {
    }

    private static Proc run(Path script, String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(script.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("IFNET_SOCKET");
        Path out = Files.createTempFile("ifnet-out", ".txt");
        Path err = Files.createTempFile("ifnet-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
        Proc r = new Proc(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void helpAndVersion() throws Exception {
        Proc r = run(BIN, null, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: ifnet [-hV] COMMAND").contains("ifconfig").contains("batch").contains("demo");
        r = run(BIN, null, "ifconfig", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: ifnet ifconfig");
        assertThat(run(BIN, null, "--version").out()).startsWith("ifnet ");
    }

    @Test
    void demo() throws Exception {
        Proc r = run(BIN, null, "demo");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^   LEGACY +\\w+: USE AFTER FREE")
                .containsPattern("(?m)^   EPOCH_ONLY +\\w+: USE AFTER FREE")
                .containsPattern("(?m)^   SAFE +\\w+: clean: ")
                .endsWith("Demo complete: every stack closed with no leaked reference.\n");
    }

    @Test
    void batchFromAFileAndFromStandardInput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("setup.ifconfig");
        Files.writeString(file, "ifconfig epair create\nifconfig epair0a up\nifconfig -l -u\n");
        Proc r = run(BIN, null, "batch", file.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("epair0a\nepair0a\n");

        r = run(BIN, "ifconfig lo create\nifconfig lo1 mtu abc\nifconfig lo create\n", "batch", "-");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("lo1\n");
        assertThat(r.err()).isEqualTo("line 2: ifconfig: invalid value for mtu: abc\n"
                + "batch: stopped at line 2 (--force runs every line)\n");
    }

    @Test
    void batchErrors(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.ifconfig");
        Proc r = run(BIN, null, "batch", missing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("batch: " + missing + ": No such file or directory\n");
        r = run(BIN, "ifconfig -a\n", "batch", "--socket", dir.resolve("none.sock").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("batch: ").contains("none.sock");
    }

    @Test
    void ifconfigWithoutADaemonSaysHowToStartOne(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("none.sock");
        Proc r = run(BIN, null, "ifconfig", "--socket", sock.toString(), "-a");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("ifconfig: ").contains(sock.toString()).contains("daemon");
    }

    @Test
    void completionScript() throws Exception {
        Proc r = run(BIN, null, "completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("complete -F _complete_ifnet").contains("mediaopt");
    }

    @Test
    void notBuiltSaysHowToBuild(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin")).resolve("ifnet");
        Files.copy(BIN, bin);
        bin.toFile().setExecutable(true);
        Proc r = run(bin, null, "demo");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("ifnet is not built; build it with: mvn -B -q package -DskipTests\n");
    }

    @Test
    void runsThroughASymlink(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("ifnet"), BIN);
        Proc r = run(link, null, "--version");
        Files.delete(link);
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("ifnet ");
    }
}
