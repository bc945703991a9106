package org.ifnet.tool.ifconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.Drivers;
import org.ifnet.drivers.lagg.LaggRequest;
import org.ifnet.drivers.lagg.LaggStatus;
import org.ifnet.drivers.lagg.hash.FlowHash;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.ifnet.tool.client.EmbeddedClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** lagg's ifconfig words and status lines (FreeBSD's iflagg.c), golden output and errors. */
class LaggIfconfigTest {
    private NetStack stack;
    private EmbeddedClient client;

    @BeforeEach
    void setUp() {
        stack = Drivers.registerAll(NetStack.builder().name("lagg-ifconfig").tracking(true).build());
        client = new EmbeddedClient(stack);
        ok("epair", "create");
        ok("epair", "create");
        for (String end : new String[] {"epair0a", "epair0b", "epair1a", "epair1b"}) {
            ok(end, "up");
        }
    }

    @AfterEach
    void tearDown() {
        Leaks.assertClosedClean(stack);
    }

    private String ok(String... args) {
        return Run.ok(client, args);
    }

    private String fails(String... args) {
        return Run.fails(client, args);
    }

    private static String golden(String name) throws IOException {
        return Run.golden(name);
    }

    private LaggStatus lagg() {
        return stack.ioctl("lagg0", new LaggRequest.GetLagg());
    }

    @Test
    void createdLagg() throws IOException {
        assertThat(ok("lagg", "create")).isEqualTo("lagg0\n");
        assertThat(ok("lagg0")).isEqualTo(golden("lagg0-created.txt"));
    }

    @Test
    void failoverWithTwoPorts() throws IOException {
        assertThat(ok("lagg", "create", "laggproto", "failover", "laggport", "epair0a", "laggport", "epair1a", "up"))
                .isEqualTo("lagg0\n");
        ok("lagg0", "ether", "02:ee:00:00:00:0a");
        assertThat(ok("lagg0")).isEqualTo(golden("lagg0-failover.txt"));
        assertThat(ok("-g", "lagg")).isEqualTo("lagg0\n");
    }

    @Test
    void roundrobinVerbose() throws IOException {
        ok("lagg0", "create", "laggport", "epair0a", "laggport", "epair1a", "up");
        ok("lagg0", "ether", "02:ee:00:00:00:0a", "laggproto", "roundrobin", "rr_limit", "3",
                "lagghash", "l2,l4", "-use_flowid", "flowid_shift", "4");
        assertThat(ok("-v", "lagg0")).isEqualTo(golden("lagg0-roundrobin-v.txt"));
        LaggStatus st = lagg();
        assertThat(st.proto()).isEqualTo(LaggProto.ROUNDROBIN);
        assertThat(st.hashLayers()).isEqualTo(FlowHash.L2 | FlowHash.L4);
        assertThat(st.options().rrLimit()).isEqualTo(3);
        assertThat(st.options().useFlowid()).isFalse();
        ok("lagg0", "use_flowid", "rx_all");
        assertThat(lagg().options().useFlowid()).isTrue();
        assertThat(lagg().options().rxAll()).isTrue();
        ok("lagg0", "-rx_all");
        assertThat(lagg().options().rxAll()).isFalse();
    }

    @Test
    void json() {
        ok("lagg", "create", "laggport", "epair0a", "up");
        String json = ok("--json", "lagg0");
        assertThat(json).contains("\"lagg\":{\"proto\":\"failover\",\"lagghash\":[\"l2\",\"l3\",\"l4\"],"
                + "\"options\":{\"flags\":1,\"flag_names\":[\"USE_FLOWID\"],\"flowid_shift\":16,\"rr_limit\":0,\"rx_all\":false},"
                + "\"statistics\":{\"active_ports\":1,\"flapping\":0},"
                + "\"ports\":[{\"name\":\"epair0a\",\"flags\":5,\"flag_names\":[\"MASTER\",\"ACTIVE\"]}]}}");
        assertThat(ok("--json", "epair0b")).doesNotContain("\"lagg\"");
    }

    @Test
    void removePort() {
        ok("lagg", "create", "laggport", "epair0a", "laggport", "epair1a");
        ok("lagg0", "-laggport", "epair0a");
        assertThat(lagg().portNames()).containsExactly("epair1a");
        assertThat(fails("lagg0", "-laggport", "epair0a")).isEqualTo("ifconfig: SIOCSLAGGDELPORT: No such file or directory\n");
    }

    @Test
    void aFailedPortIsReportedAndTheRestStillApplies() {
        ok("lagg", "create");
        Run r = Run.ifconfig(client, "lagg0", "laggport", "lo0", "laggport", "nope0", "laggport", "epair0a", "mtu", "9000");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ifconfig: lagg0 lo0: SIOCSLAGGPORT: Protocol not supported\n"
                + "ifconfig: lagg0 nope0: SIOCSLAGGPORT: Invalid argument\n");
        assertThat(lagg().portNames()).containsExactly("epair0a");
        assertThat(stack.ioctl("lagg0", new GenericRequest.GetMtu())).isEqualTo(9000);
        ok("lagg0", "laggport", "epair0a"); // already a port: not an error, as in FreeBSD
        ok("lagg", "create");
        assertThat(fails("lagg1", "laggport", "epair0a")).isEqualTo("ifconfig: lagg1 epair0a: SIOCSLAGGPORT: Device busy\n");
    }

    @Test
    void wordErrors() {
        ok("lagg", "create");
        assertThat(fails("lagg0", "laggproto", "bogus")).isEqualTo("ifconfig: Invalid aggregation protocol: bogus\n");
        assertThat(fails("lagg0", "laggproto", "lacp")).isEqualTo("ifconfig: SIOCSLAGG: Protocol not supported\n");
        assertThat(fails("lagg0", "lagghash", "l2,l5")).isEqualTo("ifconfig: Invalid lagghash option: l5\n");
        assertThat(fails("lagg0", "lagghash", "")).isEqualTo("ifconfig: Invalid lagghash option: \n");
        assertThat(fails("lagg0", "flowid_shift", "32")).isEqualTo("ifconfig: Invalid flowid_shift option: 32\n");
        assertThat(fails("lagg0", "flowid_shift", "x")).isEqualTo("ifconfig: Invalid flowid_shift option: x\n");
        assertThat(fails("lagg0", "rr_limit", "0")).isEqualTo("ifconfig: Invalid round-robin stride: 0\n");
        assertThat(fails("lagg0", "rr_limit", "3")).isEqualTo("ifconfig: SIOCSLAGGOPTS: Invalid argument\n"); // not roundrobin
        assertThat(fails("lagg0", "lacp_strict")).isEqualTo("ifconfig: SIOCSLAGGOPTS: Invalid argument\n");
        assertThat(fails("lagg0", "laggport")).isEqualTo("ifconfig: 'laggport' requires argument\n");
        assertThat(fails("epair0a", "laggproto", "failover")).isEqualTo("ifconfig: SIOCSLAGG: Inappropriate ioctl for device\n");
        assertThat(fails("lagg", "create", "laggtype", "token")).isEqualTo("ifconfig: invalid lagg type: token\n");
        assertThat(lagg().proto()).isEqualTo(LaggProto.FAILOVER);
        assertThat(lagg().hashLayers()).isEqualTo(FlowHash.L2 | FlowHash.L3 | FlowHash.L4);
        assertThat(stack.interfaces()).doesNotContain("lagg1");
    }

    @Test
    void createParameterLaggtype() {
        assertThat(ok("lagg", "create", "laggtype", "ethernet", "up")).isEqualTo("lagg0\n");
        assertThat(fails("lagg", "create", "laggtype", "infiniband")).isEqualTo("ifconfig: SIOCIFCREATE2 (lagg): Invalid argument\n");
    }
}
