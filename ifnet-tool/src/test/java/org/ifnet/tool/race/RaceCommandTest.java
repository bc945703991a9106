package org.ifnet.tool.race;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ifnet race}: options, the table, the trace's shape, progress and exit status. */
class RaceCommandTest {

    record Run(int code, String out, String err) {
    }

    private static Run race(Supplier<List<Scenario>> catalog, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RaceCommand(catalog));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run race(String... args) {
        return race(Scenarios::all, args);
    }

    @Test
    void cleanSafeRunsExitZeroAndPrintTheTable() {
        Run r = race("--scenario", "rename-vs-lookup", "--policy", "safe");

        assertThat(r.code()).isEqualTo(RaceCommand.EXIT_CLEAN);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("scenario +policy +interleavings +use-after-free +leaked refs +wrong result +verdict");
        assertThat(lines.get(1)).matches("rename-vs-lookup/lo +SAFE +35 +0 +0 +0 +clean");
        assertThat(r.out()).contains("SAFE: 35 interleavings over 1 scenario(s), all clean");
        assertThat(r.err()).isEqualTo("race: [1/1] rename-vs-lookup/lo SAFE: 35 interleavings, clean\n");
    }

    @Test
    void aFamilySelectsEveryDriverAndAllSelectsEveryPolicy() {
        Run r = race("--scenario", "ioctl-vs-destroy/lo");

        assertThat(r.code()).isEqualTo(RaceCommand.EXIT_CLEAN);
        assertThat(r.out()).containsPattern("ioctl-vs-destroy/lo +LEGACY +\\d+ +[1-9]\\d* +0 +0 +USE AFTER FREE")
                .containsPattern("ioctl-vs-destroy/lo +EPOCH_ONLY +\\d+ +[1-9]\\d* +0 +0 +USE AFTER FREE")
                .containsPattern("ioctl-vs-destroy/lo +SAFE +\\d+ +0 +0 +0 +clean");
        assertThat(r.err().lines()).hasSize(3);
    }

    @Test
    void noSafeRunMeansExitZeroEvenWithFailures() {
        Run r = race("--scenario", "ioctl-vs-destroy/lo", "--policy", "legacy");

        assertThat(r.code()).isEqualTo(RaceCommand.EXIT_CLEAN);
        assertThat(r.out()).contains("USE AFTER FREE").contains("no SAFE runs requested");
    }

    /**
     * The trace: a header naming the run, the scenario's summary, a "step T1 | T2" line, then
     * one numbered line per step with the moving thread's fail point in its own column.
     */
    @Test
    void traceShowsTheFirstFailingScheduleInTwoColumns() {
        Run r = race("--scenario", "ioctl-vs-destroy/lo", "--policy", "epoch_only", "--trace");

        assertThat(r.code()).isEqualTo(RaceCommand.EXIT_CLEAN);
        String trace = r.out().substring(r.out().indexOf("ioctl-vs-destroy/lo under EPOCH_ONLY: first failing interleaving ("));
        List<String> lines = trace.lines().toList();
        assertThat(lines.get(1)).contains("T1 get-media on lo1");
        Matcher header = Pattern.compile("^ +step  (T1 +)\\| T2$").matcher(lines.get(2));
        assertThat(header.matches()).as(lines.get(2)).isTrue();
        int bar = lines.get(2).indexOf('|');
        List<String> t1 = new ArrayList<>();
        List<String> t2 = new ArrayList<>();
        int step = 0;
        for (String l : lines.subList(3, lines.size())) {
            if (!l.matches("^ +\\d+  .*")) {
                break;
            }
            assertThat(Integer.parseInt(l.trim().split(" ")[0])).isEqualTo(++step);
            String left = l.substring(0, Math.min(bar, l.length())).replaceFirst("^ +\\d+  ", "").trim();
            String right = l.length() > bar ? l.substring(bar + 1).trim() : "";
            assertThat(left.isEmpty() ^ right.isEmpty()).as("one thread moves per step: " + l).isTrue();
            (left.isEmpty() ? t2 : t1).add(left.isEmpty() ? right : left);
        }
        assertThat(t1).contains("lookup.found lo1", "ioctl.driver SIOCGIFMEDIA", "end: USE AFTER FREE");
        assertThat(t2).contains("destroy.dying lo1", "destroy.detached lo1", "release.hook lo1", "end: ok");
        assertThat(t1.indexOf("end: USE AFTER FREE")).isEqualTo(t1.size() - 1);
        assertThat(trace).contains("=> T1: use after free: access of the softc of lo1 after its release by destroy of lo1");
    }

    @Test
    void withoutFailuresTraceAddsNothing() {
        Run r = race("--scenario", "ioctl-vs-destroy/lo", "--policy", "safe", "--trace");

        assertThat(r.out()).doesNotContain("first failing interleaving");
    }

    @Test
    void anySafeFailureExitsThree() {
        Run r = race(() -> List.of(BrokenDriver.seedScenario()), "--policy", "safe", "--trace");

        assertThat(r.code()).isEqualTo(RaceCommand.EXIT_SAFE_FAILED);
        assertThat(r.out()).containsPattern("ioctl-vs-destroy/broken +SAFE +\\d+ +0 +0 +[1-9]\\d* +WRONG RESULT")
                .contains("SAFE FAILED in ioctl-vs-destroy/broken")
                .contains("=> wrong result: T1 threw java.lang.NullPointerException");
    }

    @Test
    void unknownScenarioOrPolicyIsAUsageError() {
        Run s = race("--scenario", "no-such-race");
        Run p = race("--policy", "sometimes");

        assertThat(s.code()).isEqualTo(RaceCommand.EXIT_USAGE);
        assertThat(s.err()).startsWith("race: no scenario or family named no-such-race; scenarios: ioctl-vs-destroy/lo,");
        assertThat(s.out()).isEmpty();
        assertThat(p.code()).isEqualTo(RaceCommand.EXIT_USAGE);
        assertThat(p.err()).contains("unknown policy sometimes");
    }

    @Test
    void policiesParseCaseInsensitively() {
        assertThat(RaceCommand.parsePolicies("epoch-only")).containsExactly(org.ifnet.core.lifecycle.Policy.EPOCH_ONLY);
        assertThat(RaceCommand.parsePolicies("SAFE")).containsExactly(org.ifnet.core.lifecycle.Policy.SAFE);
        assertThat(RaceCommand.parsePolicies("all")).hasSize(3);
        assertThat(RaceCommand.parsePolicies("x")).isNull();
    }
}
