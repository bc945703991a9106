package org.ifnet.tool.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfRef;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.drivers.epair.EpairCloner;
import org.ifnet.drivers.lagg.LaggOpt;
import org.ifnet.drivers.lagg.LaggRequest;
import org.ifnet.drivers.lagg.LaggStatus;
import org.ifnet.drivers.lagg.hash.FlowHash;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.ifnet.drivers.vlan.VlanReply;
import org.ifnet.drivers.vlan.VlanRequest;
import org.ifnet.tool.client.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file: its quoting, its parser, and save-then-apply giving the same stack. */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void wordsAndValuesSurviveQuoting() {
        SplittableRandom rnd = new SplittableRandom(3);
        String alphabet = "ab 09'\"\\$`\n\t\r\u0001é☃-_.:,=";
        for (int i = 0; i < 2000; i++) {
            List<String> words = new ArrayList<>();
            int n = 1 + rnd.nextInt(4);
            for (int k = 0; k < n; k++) {
                StringBuilder sb = new StringBuilder();
                int len = rnd.nextInt(8);
                for (int c = 0; c < len; c++) {
                    sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                words.add(sb.toString());
            }
            String value = ShellWords.join(words);
            String line = ShellWords.quoteValue(value);
            assertThat(line).doesNotContain("\n");
            assertThat(ShellWords.unquoteValue(line)).isEqualTo(value);
            assertThat(ShellWords.split(value)).isEqualTo(words);
        }
    }

    @Test
    void formatThenParseIsTheSameConfig() {
        SavedConfig c = new SavedConfig(
                List.of(new SavedConfig.Clone("epair0", List.of()), new SavedConfig.Clone("vlan0", List.of("vlan", "5", "vlandev", "wan0"))),
                List.of(new SavedConfig.Rename("epair0a", "wan0")),
                List.of(new SavedConfig.Settings("wan0", List.of("mtu", "9000", "description", "it's \"x\"", "up")),
                        new SavedConfig.Settings("lo0", List.of("-description"))));
        RcConf.Parsed p = RcConf.parse(RcConf.format(c));
        assertThat(p.problems()).isEmpty();
        assertThat(p.config()).isEqualTo(c);
    }

    @Test
    void badLinesAreSkippedAndNamed() {
        String text = "# comment\n\ncloned_interfaces=\"lo1 lo2\"\nbogus_variable=\"x\"\n"
                + "ifconfig_lo1=\"mtu 1280\nifconfig_lo2=\"up\"\nnot a line\ncreate_args_lo7=\"a b\"\n";
        RcConf.Parsed p = RcConf.parse(text);
        assertThat(p.config().clones()).extracting(SavedConfig.Clone::name).containsExactly("lo1", "lo2");
        assertThat(p.config().settings()).containsExactly(new SavedConfig.Settings("lo2", List.of("up")));
        assertThat(p.problems()).hasSize(4);
        assertThat(p.problems().get(0)).startsWith("line 4: unknown variable bogus_variable");
        assertThat(p.problems().get(1)).startsWith("line 5: unterminated");
        assertThat(p.problems().get(2)).startsWith("line 7: expected NAME=");
        assertThat(p.problems().get(3)).contains("create_args_lo7");
    }

    @Test
    void aFailingLineIsLoggedAndTheOthersApply() throws Exception {
        Path conf = dir.resolve("ifnet.conf");
        Files.writeString(conf, "cloned_interfaces=\"lo1 epair0 nosuch0 lo1\"\n"
                + "ifconfig_lo1=\"metric 3 up debug link1 frobnicate mtu 1280\"\n"
                + "ifconfig_lo0=\"mtu abc\"\n"
                + "ifconfig_epair0a_name=\"uplink\"\n"
                + "ifconfig_uplink=\"mtu 9000 -arp\"\n");
        TestDaemons.MemoryLog log = new TestDaemons.MemoryLog();
        Daemon d = TestDaemons.start(TestDaemons.options(dir).withConfig(conf), log);
        try (SocketClient c = SocketClient.open(d.options().socket())) {
            assertThat(c.interfaces()).containsExactly("lo0", "lo1", "uplink", "epair0b");
            // as ifconfig does, a line stops at its first failing word
            assertThat(c.ioctl("lo1", new GenericRequest.GetMetric())).isEqualTo(3);
            int flags = c.ioctl("lo1", new GenericRequest.GetFlags());
            assertThat(flags & (IfFlags.UP | IfFlags.DEBUG | IfFlags.LINK1))
                    .isEqualTo(IfFlags.UP | IfFlags.DEBUG | IfFlags.LINK1);
            assertThat(c.ioctl("lo1", new GenericRequest.GetMtu())).isEqualTo(16384);
            assertThat(c.ioctl("lo0", new GenericRequest.GetMtu())).isEqualTo(16384);
            assertThat(c.ioctl("uplink", new GenericRequest.GetMtu())).isEqualTo(9000);
            assertThat(c.ioctl("uplink", new GenericRequest.GetFlags()) & IfFlags.NOARP).isNotZero();
        }
        assertThat(log.text())
                .contains("config: ifconfig nosuch0 create: ifconfig:")
                .contains("config: ifconfig lo1 create: ifconfig:")
                .contains("config: ifconfig lo1 metric 3 up debug link1 frobnicate mtu 1280: ifconfig:")
                .contains("config: ifconfig lo0 mtu abc: ifconfig: invalid value for mtu: abc")
                .contains("4 step(s) failed");
        // the file is rewritten from what the stack now is
        String saved = Files.readString(conf);
        assertThat(saved).contains("cloned_interfaces=\"lo1 epair0\"", "ifconfig_epair0a_name=\"uplink\"",
                "ifconfig_lo1=\"metric 3 debug link1 up\"", "ifconfig_uplink=\"-arp mtu 9000\"");
        TestDaemons.stopClean(d);
    }

    @Test
    void concurrentChangesAreAllSaved() throws Exception {
        Daemon d = TestDaemons.start(TestDaemons.options(dir), new TestDaemons.MemoryLog());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> made = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                made.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    try (SocketClient c = SocketClient.open(d.options().socket())) {
                        for (int i = 0; i < 6; i++) {
                            String n = c.create("lo", CloneParams.NONE);
                            c.ioctl(n, new GenericRequest.SetMetric(i));
                            if (i % 3 == 0) {
                                c.destroy(n);
                            } else {
                                mine.add(n);
                            }
                        }
                    }
                    return mine;
                }));
            }
            int kept = 0;
            for (Future<List<String>> f : made) {
                kept += f.get().size();
            }
            assertThat(kept).isEqualTo(16);
        } finally {
            pool.shutdownNow();
        }
        List<String> names = d.stack().interfaces();
        SavedConfig saved = RcConf.parse(Files.readString(d.options().config())).config();
        assertThat(saved.clones()).hasSize(16);
        // 4 threads x (6 creates, 6 metrics, 2 destroys) = 56 changes; a save may cover several
        assertThat(d.configWrites()).isBetween(1L, 56L);
        TestDaemons.stopClean(d);

        Daemon again = TestDaemons.start(TestDaemons.options(dir), new TestDaemons.MemoryLog());
        assertThat(again.stack().interfaces()).containsExactlyInAnyOrderElementsOf(names);
        for (String n : names) {
            if (!n.equals("lo0")) {
                assertThat(again.stack().ioctl(n, new GenericRequest.GetMetric()))
                        .isEqualTo(metricOf(saved, n));
            }
        }
        TestDaemons.stopClean(again);
    }

    @Test
    void vlansSurviveARestart() throws Exception {
        Daemon a = TestDaemons.start(TestDaemons.options(dir), new TestDaemons.MemoryLog());
        Map<String, VlanReply> before = new LinkedHashMap<>();
        try (SocketClient c = SocketClient.open(a.options().socket())) {
            c.create("epair", CloneParams.NONE);
            assertThat(c.create("vlan", CloneParams.of("vlan", "5", "vlandev", "epair0a"))).isEqualTo("vlan0");
            assertThat(c.create("epair0b.7", CloneParams.NONE)).isEqualTo("epair0b.7");
            assertThat(c.create("vlan", CloneParams.NONE)).isEqualTo("vlan1");
            c.ioctl("vlan1", new VlanRequest.SetVlan("epair0a", 9));
            assertThat(c.create("vlan3", CloneParams.of("vlan", "8", "vlandev", "epair0b"))).isEqualTo("vlan3");
            c.ioctl("vlan3", VlanRequest.SetVlan.detach());
            c.ioctl("vlan0", VlanRequest.SetVlan.detach());
            c.ioctl("vlan0", new VlanRequest.SetVlan("epair0b", 5));
            c.ioctl("epair0a", new GenericRequest.SetName("wan0")); // vlan1's parent, renamed after
            c.ioctl("vlan1", new GenericRequest.SetDescr("on wan0"));
            for (String n : c.interfaces()) {
                if (n.startsWith("vlan") || n.contains(".")) {
                    before.put(n, c.ioctl(n, new VlanRequest.GetVlan()));
                }
            }
        }
        assertThat(before).containsEntry("vlan1", new VlanReply("wan0", 9, VlanReply.ETHERTYPE_VLAN))
                .containsEntry("vlan3", VlanReply.NONE).containsKey("epair0b.7");
        List<String> names = a.stack().interfaces();
        String saved = Files.readString(a.options().config());
        TestDaemons.stopClean(a);

        TestDaemons.MemoryLog log = new TestDaemons.MemoryLog();
        Daemon b = TestDaemons.start(TestDaemons.options(dir), log);
        try (SocketClient c = SocketClient.open(b.options().socket())) {
            assertThat(c.interfaces()).as(saved).containsExactlyElementsOf(names);
            for (Map.Entry<String, VlanReply> e : before.entrySet()) {
                assertThat(c.ioctl(e.getKey(), new VlanRequest.GetVlan())).as(e.getKey() + "\n" + saved)
                        .isEqualTo(e.getValue());
            }
            assertThat(c.ioctl("vlan1", new GenericRequest.GetDescr())).isEqualTo("on wan0");
        }
        assertThat(log.text()).as(saved).doesNotContain("failed");
        TestDaemons.stopClean(b);
    }

    @Test
    void aSaveRacingADestroyDropsItsReference() throws Exception {
        Daemon d = TestDaemons.start(TestDaemons.options(dir), new TestDaemons.MemoryLog());
        FailPoints fp = d.stack().failPoints();
        try (SocketClient c1 = SocketClient.open(d.options().socket());
             SocketClient c2 = SocketClient.open(d.options().socket())) {
            c1.create("epair", CloneParams.NONE);
            c1.create("lo", CloneParams.NONE);
            // the save after T1's change holds a reference to lo1, about to read it ...
            FailPoints.Gate gate = fp.pause(DaemonSites.SNAPSHOT, a -> ((IfRef) a).name().equals("lo1"));
            CompletableFuture<Object> t1 = CompletableFuture.supplyAsync(
                    () -> c1.ioctl("epair0a", new GenericRequest.SetMtu(9000)));
            assertThat(gate.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
            // ... while T2 destroys lo1 (destroy does not wait for holders; T2's own save waits for T1's)
            CompletableFuture<Void> t2 = CompletableFuture.runAsync(() -> c2.destroy("lo1"));
            assertThat(TestDaemons.eventually(Duration.ofSeconds(10),
                    () -> !d.stack().interfaces().contains("lo1"))).isTrue();
            assertThat(d.stack().leakReport().heldReferences()).hasSize(1);
            gate.open();
            t1.get(10, TimeUnit.SECONDS);
            t2.get(10, TimeUnit.SECONDS);
            d.stack().quiesce();
            assertThat(c1.leakReport().isClean()).isTrue();
            assertThat(Files.readString(d.options().config())).contains("cloned_interfaces=\"epair0\"")
                    .doesNotContain("lo1");
        } finally {
            fp.clearAll();
        }
        TestDaemons.stopClean(d);
    }

    @Test
    void aChangeRacingTheCreateOfItsInterfaceIsSaved() throws Exception {
        Daemon d = TestDaemons.start(TestDaemons.options(dir), new TestDaemons.MemoryLog());
        FailPoints fp = d.stack().failPoints();
        try (SocketClient c1 = SocketClient.open(d.options().socket());
             SocketClient c2 = SocketClient.open(d.options().socket())) {
            // T1's create has attached epair0a (findable) but not yet returned ...
            FailPoints.Gate gate = fp.pause(EpairCloner.FP_ATTACHED);
            CompletableFuture<String> t1 = CompletableFuture.supplyAsync(() -> c1.create("epair", CloneParams.NONE));
            assertThat(gate.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
            // ... when T2 changes it: the change waits for the create, so it is not part of the baseline
            CompletableFuture<Object> t2 = CompletableFuture.supplyAsync(
                    () -> c2.ioctl("epair0a", new GenericRequest.SetMtu(9000)));
            assertThat(TestDaemons.eventually(Duration.ofSeconds(10), () -> d.callsInFlight() == 2)).isTrue();
            gate.open();
            assertThat(t1.get(10, TimeUnit.SECONDS)).isEqualTo("epair0a");
            t2.get(10, TimeUnit.SECONDS);
            assertThat(Files.readString(d.options().config())).contains("ifconfig_epair0a=\"mtu 9000\"");
        } finally {
            fp.clearAll();
        }
        TestDaemons.stopClean(d);
    }

    @Test
    void laggsSurviveARestart() throws Exception {
        Daemon a = TestDaemons.start(TestDaemons.options(dir), new TestDaemons.MemoryLog());
        Map<String, String> before = new LinkedHashMap<>();
        try (SocketClient c = SocketClient.open(a.options().socket())) {
            c.create("epair", CloneParams.NONE);
            c.create("epair", CloneParams.NONE);
            c.create("epair", CloneParams.NONE);
            assertThat(c.create("lagg", CloneParams.NONE)).isEqualTo("lagg0");
            c.ioctl("epair2a", new GenericRequest.SetMtu(9000));        // set before it joins
            c.ioctl("lagg0", new LaggRequest.SetLaggPort("epair1a"));
            c.ioctl("lagg0", new LaggRequest.SetLaggPort("epair0a"));
            c.ioctl("lagg0", new LaggRequest.SetLaggPort("epair2a"));
            c.ioctl("lagg0", new LaggRequest.DelLaggPort("epair1a"));
            c.ioctl("lagg0", new LaggRequest.SetLaggProto(LaggProto.ROUNDROBIN));
            c.ioctl("lagg0", new LaggRequest.SetLaggOpts(LaggOpt.RR_LIMIT, 3));
            c.ioctl("lagg0", new LaggRequest.SetLaggHash(FlowHash.L2 | FlowHash.L4));
            c.ioctl("lagg0", LaggRequest.SetLaggOpts.off(LaggOpt.USE_FLOWID));
            c.ioctl("lagg0", new LaggRequest.SetLaggOpts(LaggOpt.FLOWID_SHIFT, 5));
            c.ioctl("lagg0", LaggRequest.SetLaggOpts.on(LaggOpt.RX_ALL));
            c.ioctl("lagg0", new GenericRequest.SetFlags(c.ioctl("lagg0", new GenericRequest.GetFlags()) | IfFlags.UP));
            c.ioctl("lagg0", new GenericRequest.SetMtu(4000));
            assertThat(c.create("lagg", CloneParams.of("laggtype", "ethernet"))).isEqualTo("lagg1");
            c.ioctl("lagg1", new LaggRequest.SetLaggPort("epair1b"));
            c.ioctl("epair1b", new GenericRequest.SetName("uplink"));     // a port renamed after it joined
            for (String n : c.interfaces()) {
                before.put(n, describe(c, n));
            }
        }
        String saved = Files.readString(a.options().config());
        assertThat(saved).contains("ifconfig_lagg0=\"laggproto roundrobin lagghash l2,l4 -use_flowid flowid_shift 5 "
                + "rx_all rr_limit 3 laggport epair0a laggport epair2a");
        TestDaemons.stopClean(a);

        TestDaemons.MemoryLog log = new TestDaemons.MemoryLog();
        Daemon b = TestDaemons.start(TestDaemons.options(dir), log);
        try (SocketClient c = SocketClient.open(b.options().socket())) {
            Map<String, String> after = new LinkedHashMap<>();
            for (String n : c.interfaces()) {
                after.put(n, describe(c, n));
            }
            assertThat(after).as(saved + "\n" + log.text()).isEqualTo(before);
        }
        assertThat(log.text()).as(saved).doesNotContain("warning");
        TestDaemons.stopClean(b);
    }

    /** Settings and, for a lagg, its configuration (not its live statistics). */
    private static String describe(SocketClient c, String n) {
        org.ifnet.core.IfInfo i = c.ioctl(n, new GenericRequest.GetInfo());
        String s = String.format("flags=%x mtu=%d ether=%s groups=%s", i.flags() & ~IfFlags.CANTCHANGE, i.mtu(),
                org.ifnet.core.MacAddress.format(i.lladdr()), i.groups());
        if (i.driver().equals("lagg")) {
            LaggStatus st = c.ioctl(n, new LaggRequest.GetLagg());
            s += " " + st.proto() + " hash=" + st.hashLayers() + " opts=" + st.options().opts()
                    + " shift=" + st.options().flowidShift() + " rr=" + st.options().rrLimit() + " ports=" + st.portNames();
        }
        return s;
    }

    private static int metricOf(SavedConfig c, String ifname) {
        for (SavedConfig.Settings s : c.settings()) {
            if (s.ifname().equals(ifname)) {
                int i = s.words().indexOf("metric");
                return i < 0 ? 0 : Integer.parseInt(s.words().get(i + 1));
            }
        }
        return 0;
    }
}
