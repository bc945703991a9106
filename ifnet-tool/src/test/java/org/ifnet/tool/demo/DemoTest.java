package org.ifnet.tool.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.ifnet.core.NetStack;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.drivers.Drivers;
import org.junit.jupiter.api.Test;

/** The demo runs, every step does what it says, and it prints one verdict per policy. */
class DemoTest {

    /** Whether this build has the lagg driver (the demo's step 3 and its seed interface depend on it). */
    private static boolean laggInBuild() {
        try (NetStack s = Drivers.registerAll(NetStack.builder().build())) {
            return s.cloners().contains("lagg");
        }
    }

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
        assertThat(text).contains("1000 frames sent on epair0a: 1000 arrived on epair0b, 0 on epair1b, 0 dropped");
        String seedIf;
        if (laggInBuild()) {
            seedIf = "lagg0";
            assertThat(text).contains("$ ifconfig lagg create laggproto failover laggport epair0a laggport epair1a up\nlagg0\n");
            assertThat(text).contains("\tlaggport: epair0a flags=5<MASTER,ACTIVE>\n\tlaggport: epair1a flags=0<>\n");
            assertThat(text).contains("\tlaggport: epair0a flags=1<MASTER>\n\tlaggport: epair1a flags=4<ACTIVE>\n");
            assertThat(text).contains("1000 frames sent on lagg0: 1000 arrived on epair0b, 0 on epair1b, 0 dropped\n"
                    + "   The primary's link goes down");
            assertThat(text).contains("1000 frames sent on lagg0: 0 arrived on epair0b, 1000 on epair1b, 0 dropped");
        } else {
            seedIf = "lo1";
            assertThat(text).contains("\tstatus: no carrier\n");
            assertThat(text).contains("1000 frames sent on epair0a: 0 arrived on epair0b, 0 on epair1b, 1000 dropped");
        }
        assertThat(text).contains("$ ifconfig -a\nlo0: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> metric 0 mtu 16384\n");
        assertThat(text).contains("ifconfig: ioctl SIOCSIFMTU (set mtu): Invalid argument");
        assertThat(text).containsPattern("(?m)^   LEGACY +" + seedIf + ": USE AFTER FREE: ");
        assertThat(text).containsPattern("(?m)^   EPOCH_ONLY +" + seedIf + ": USE AFTER FREE: ");
        assertThat(text).containsPattern("(?m)^   SAFE +" + seedIf + ": clean: T1 got ENXIO \\(Device not configured\\); "
                + "the softc was released once, after T1 let go$");
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
        assertThat(SeedRace.verdict(safe)).startsWith("SAFE       " + safe.ifname() + ": clean: T1 got ENXIO");
    }
}
