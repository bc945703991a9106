package org.ifnet.tool.race;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.core.lifecycle.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The explorer's answers on the real scenarios. Every run the explorer makes ends with
 * {@code NetStack.close()}, which fails on a held reference or an unreleased softc; the
 * {@code leaked} count asserted here is that check, for every stack of every run.
 */
class ExplorerTest {
    private final Explorer explorer = new Explorer();

    /** Every driver but vlan, whose 3,000 schedules per policy the CLI run and its table cover. */
    static Stream<Arguments> seedOnEachDriverUnderTheOldPolicies() {
        List<Arguments> out = new ArrayList<>();
        for (Scenarios.Target t : Scenarios.targets()) {
            for (Policy p : List.of(Policy.LEGACY, Policy.EPOCH_ONLY)) {
                if (!t.driver().equals("vlan")) {
                    out.add(Arguments.of(t.driver(), p));
                }
            }
        }
        return out.stream();
    }

    /** The seed's first question ("is the race plausible?"): yes, and under EPOCH_ONLY too (the second: "no"). */
    @ParameterizedTest(name = "ioctl-vs-destroy/{0} under {1}")
    @MethodSource("seedOnEachDriverUnderTheOldPolicies")
    void theOldPoliciesShowTheUseAfterFree(String driver, Policy policy) {
        ExplorationResult r = explorer.explore(scenario("ioctl-vs-destroy/" + driver), policy, Explorer.Progress.NONE);

        assertThat(r.useAfterFree()).isPositive();
        assertThat(r.useAfterFree()).isLessThan(r.explored()); // most schedules are harmless
        assertThat(r.leaked()).isZero();
        assertThat(r.wrong()).isZero();
        assertThat(r.divergences()).isZero();
        assertThat(r.firstFailure().problems()).anySatisfy(p -> assertThat(p).contains("use after free"));
        assertThat(r.firstFailure().steps()).anySatisfy(s -> assertThat(s.text()).startsWith(FailSite.IOCTL_DRIVER));
    }

    static Stream<String> everyScenario() {
        return Scenarios.names(Scenarios.all()).stream();
    }

    /** The contract: no use after free, no leak, no wrong result in any schedule of any scenario. */
    @ParameterizedTest(name = "{0} under SAFE")
    @MethodSource("everyScenario")
    void safeIsCleanInEverySchedule(String name) {
        ExplorationResult r = explorer.explore(scenario(name), Policy.SAFE, Explorer.Progress.NONE);

        assertThat(r.firstFailure()).as(() -> TracePrinter.format(r, name)).isNull();
        assertThat(r.clean()).isTrue();
        assertThat(r.explored()).isGreaterThan(1);
        assertThat(r.capped()).isFalse();
        assertThat(r.divergences()).isZero();
    }

    /**
     * rename-vs-lookup/lo has exactly 35 schedules, computed by hand. T1 (the rename) always has
     * four segments: start..lookup.found, ..rename.reserved, ..ref.release, ..end; the name
     * switches in its third segment (k = T1 segments done, switched when k >= 3). T2 probes lo9
     * then lo1; a probe stops at lookup.found and ref.release only when it finds the interface,
     * so T2's segments depend on k when each probe runs:
     * S (start) -> A when k >= 3 (lo9 found) else C (lo1 found);
     * A -> B -> end (lo1 is gone by then); C -> D -> end.
     * With f(k, t) = f(k+1, t) + f(k, next(t, k)) and f(4, t) = f(k, end) = 1:
     * f(., D) = f(., B) = 5,4,3,2,1 and f(., C) = f(., A) = 15,10,6,3,1 for k = 0..4;
     * f(3, S) = 1 + f(3, A) = 4, f(2, S) = 4 + f(2, C) = 10, f(1, S) = 20, f(0, S) = 20 + 15 = 35.
     * (Before the lookup fix a probe of lo9 also found the interface mid-rename: 40 schedules.)
     */
    @ParameterizedTest
    @EnumSource(Policy.class)
    void renameVsLookupHasTheComputedNumberOfSchedules(Policy policy) {
        ExplorationResult r = explorer.explore(scenario("rename-vs-lookup/lo"), policy, Explorer.Progress.NONE);

        assertThat(r.explored()).isEqualTo(35);
        assertThat(r.clean()).isTrue();
    }

    /** Each run is judged on its own: a deterministic scenario gives the same counts twice. */
    @Test
    void explorationIsRepeatable() {
        Scenario s = scenario("ioctl-vs-destroy/epair");
        ExplorationResult a = explorer.explore(s, Policy.LEGACY, Explorer.Progress.NONE);
        ExplorationResult b = explorer.explore(s, Policy.LEGACY, Explorer.Progress.NONE);

        assertThat(b.explored()).isEqualTo(a.explored());
        assertThat(b.useAfterFree()).isEqualTo(a.useAfterFree());
        assertThat(b.firstFailure().number()).isEqualTo(a.firstFailure().number());
    }

    /** A driver that tears down in detach is caught even under SAFE: the layer cannot fix rule 2 for it. */
    @Test
    void aDriverThatTearsDownInDetachFailsUnderSafe() {
        ExplorationResult r = explorer.explore(BrokenDriver.seedScenario(), Policy.SAFE, Explorer.Progress.NONE);

        assertThat(r.wrong()).isPositive();
        assertThat(r.firstFailure().problems()).anySatisfy(p -> assertThat(p).contains("NullPointerException"));
    }

    @Test
    void theLimitCapsAnExploration() {
        ExplorationResult r = new Explorer(5).explore(scenario("ioctl-vs-destroy/lo"), Policy.SAFE, Explorer.Progress.NONE);

        assertThat(r.explored()).isEqualTo(5);
        assertThat(r.capped()).isTrue();
        assertThat(r.verdict()).isEqualTo("clean (capped)");
    }

    static Scenario scenario(String name) {
        List<Scenario> s = Scenarios.select(Scenarios.all(), name);
        assertThat(s).hasSize(1);
        return s.get(0);
    }
}
