package org.ifnet.tool.ifconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.ifnet.core.NetStack;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.Drivers;
import org.ifnet.tool.client.EmbeddedClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Golden output of the printer for each driver, against FreeBSD's format (the files under
 * src/test/resources/golden, tabs and all). MAC addresses are set explicitly so the files do
 * not depend on how a driver generates them.
 */
class PrinterGoldenTest {
    private NetStack stack;
    private EmbeddedClient client;

    @BeforeEach
    void setUp() {
        stack = Drivers.registerAll(NetStack.builder().name("golden").tracking(true).build());
        client = new EmbeddedClient(stack);
    }

    @AfterEach
    void tearDown() {
        Leaks.assertClosedClean(stack);
    }

    private String ok(String... args) {
        return Run.ok(client, args);
    }

    private static String golden(String name) throws IOException {
        return Run.golden(name);
    }

    private void createEpair() {
        assertThat(ok("epair", "create")).isEqualTo("epair0a\n");
        ok("epair0a", "ether", "02:ee:00:00:00:0a");
        ok("epair0b", "ether", "02:ee:00:00:00:0b");
    }

    @Test
    void loopbackAsCreatedAndUp() throws IOException {
        assertThat(ok("lo0")).isEqualTo(golden("lo0-down.txt"));
        ok("lo0", "up");
        assertThat(ok("lo0")).isEqualTo(golden("lo0-up.txt"));
    }

    @Test
    void loopbackWithDescriptionGroupAndMtu() throws IOException {
        assertThat(ok("lo", "create")).isEqualTo("lo1\n");
        ok("lo1", "up", "mtu", "1500", "description", "second loopback", "group", "loopbacks");
        assertThat(ok("lo1")).isEqualTo(golden("lo1-configured.txt"));
    }

    @Test
    void epairEndAsCreatedHasNoCarrier() throws IOException {
        createEpair();
        assertThat(ok("epair0a")).isEqualTo(golden("epair0a-created.txt"));
    }

    @Test
    void epairEndIsActiveWhenTheOtherEndIsUp() throws IOException {
        createEpair();
        ok("epair0a", "up");
        ok("epair0b", "up");
        assertThat(ok("epair0a")).isEqualTo(golden("epair0a-up.txt"));
        assertThat(ok("-m", "epair0a")).isEqualTo(golden("epair0a-m.txt"));
    }

    @Test
    void epairEndWithSettings() throws IOException {
        createEpair();
        ok("epair0a", "up");
        ok("epair0b", "metric", "3", "mtu", "9000", "description", "far end, down", "-vlanmtu");
        assertThat(ok("epair0b")).isEqualTo(golden("epair0b-configured.txt"));
    }

    @Test
    void allInterfacesInIndexOrder() throws IOException {
        createEpair();
        ok("epair0a", "up");
        ok("epair0b", "up");
        ok("lo0", "up");
        String expected = golden("lo0-up.txt") + golden("epair0a-up.txt")
                + golden("epair0a-up.txt").replace("epair0a", "epair0b").replace(":0a", ":0b");
        assertThat(ok("-a")).isEqualTo(expected);
        assertThat(ok()).isEqualTo(expected); // no arguments means -a
    }

    @Test
    void json() throws IOException {
        createEpair();
        ok("epair0a", "up");
        ok("epair0b", "up");
        ok("lo0", "up");
        assertThat(ok("--json", "epair0a")).isEqualTo(golden("epair0a.json"));
        assertThat(ok("-v", "lo0", "--json")).isEqualTo(golden("lo0-v.json"));
        assertThat(ok("--json", "-a").lines()).hasSize(3).allMatch(l -> l.startsWith("{\"name\":"));
    }

    @Test
    void namesClonersAndGroups() throws IOException {
        createEpair();
        ok("epair0a", "up");
        assertThat(ok("-l")).isEqualTo("lo0 epair0a epair0b\n");
        assertThat(ok("-l", "-u")).isEqualTo("epair0a\n");
        assertThat(ok("-l", "-d")).isEqualTo("lo0 epair0b\n");
        assertThat(ok("-l", "ether")).isEqualTo("epair0a epair0b\n");
        assertThat(ok("-C")).isEqualTo(String.join(" ", stack.cloners()) + "\n");
        assertThat(ok("-C")).startsWith("lo epair");
        assertThat(ok("-g", "epair")).isEqualTo("epair0a\nepair0b\n");
        assertThat(ok("-g", "nosuchgroup")).isEmpty();
        assertThat(ok("-a", "-d")).isEqualTo(golden("lo0-down.txt")
                + golden("epair0a-created.txt").replace("epair0a", "epair0b").replace(":0a", ":0b")
                        .replace("no carrier", "active"));
        assertThat(ok("--json", "-l")).isEqualTo("[\"lo0\",\"epair0a\",\"epair0b\"]\n");
    }
}
