package org.ifnet.tool.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.ifnet.core.lifecycle.Policy;
import org.junit.jupiter.api.Test;

/** The demo runs, every step does what it says, and it prints one verdict per policy. */
class DemoTest {

    @Test
    void demoRunsAndPrintsTheVerdicts() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            rc = Demo.run(out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(text).isZero();
        assertThat(text).contains("$ ifconfig epair create\nepair0a\n");
        assertThat(text).contains("1000 frames: 1000 arrived on epair0b, 0 dropped on epair0a");
        assertThat(text).contains("1000 frames: 0 arrived on epair0b, 1000 dropped on epair0a");
        assertThat(text).contains("\tstatus: no carrier\n");
        assertThat(text).contains("$ ifconfig -a\nlo0: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> metric 0 mtu 16384\n");
        assertThat(text).contains("ifconfig: ioctl SIOCSIFMTU (set mtu): Invalid argument");
        assertThat(text).containsPattern("(?m)^   LEGACY +USE AFTER FREE: ");
        assertThat(text).containsPattern("(?m)^   EPOCH_ONLY +USE AFTER FREE: ");
        assertThat(text).containsPattern("(?m)^   SAFE +clean: T1 got ENXIO \\(Device not configured\\); the softc was released once, after T1 let go$");
        assertThat(text).endsWith("Demo complete: every stack closed with no leaked reference.\n");
    }

    @Test
    void seedRaceUnderEachPolicy() throws Exception {
        SeedRace.Outcome legacy = SeedRace.run(Policy.LEGACY);
        assertThat(legacy.useAfterFree()).isTrue();
        assertThat(legacy.noLeakedReferences()).isTrue();

        SeedRace.Outcome epochOnly = SeedRace.run(Policy.EPOCH_ONLY);
        assertThat(epochOnly.useAfterFree()).isTrue();
        assertThat(epochOnly.noLeakedReferences()).isTrue();

        SeedRace.Outcome safe = SeedRace.run(Policy.SAFE);
        assertThat(safe.useAfterFree()).isFalse();
        assertThat(safe.releasesBeforeT1Returned()).isZero();
        assertThat(safe.releasesAfterT1Closed()).isEqualTo(1);
        assertThat(safe.leaks().isClean()).as(safe.leaks().toString()).isTrue();
        assertThat(safe.safe()).isTrue();
        assertThat(SeedRace.verdict(safe)).startsWith("SAFE       clean: T1 got ENXIO");
    }
}
