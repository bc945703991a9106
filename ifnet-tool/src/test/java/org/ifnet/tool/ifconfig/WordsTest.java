package org.ifnet.tool.ifconfig;

import static org.assertj.core.api.Assertions.assertThat;

import org.ifnet.core.IfCap;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfInfo;
import org.ifnet.core.MacAddress;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.core.media.MediaWord;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.Drivers;
import org.ifnet.tool.client.EmbeddedClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every word of the generic grammar: what it changes, in order, and its error texts
 * (FreeBSD's). A command that fails changes nothing after the failing word.
 */
class WordsTest {
    private NetStack stack;
    private EmbeddedClient client;

    @BeforeEach
    void setUp() {
        stack = Drivers.registerAll(NetStack.builder().name("words").tracking(true).build());
        client = new EmbeddedClient(stack);
        assertThat(Run.ifconfig(client, "epair", "create").out()).isEqualTo("epair0a\n");
    }

    @AfterEach
    void tearDown() {
        Leaks.assertClosedClean(stack);
    }

    private IfInfo info(String name) {
        return stack.ioctl(name, new GenericRequest.GetInfo());
    }

    private void ok(String... args) {
        Run.ok(client, args);
    }

    private String fails(String... args) {
        return Run.fails(client, args);
    }

    // ------------------------------------------------------------------ flags

    @Test
    void upAndDown() {
        ok("epair0a", "up");
        assertThat(info("epair0a").flags() & (IfFlags.UP | IfFlags.RUNNING)).isEqualTo(IfFlags.UP | IfFlags.RUNNING);
        ok("epair0a", "down");
        assertThat(info("epair0a").flags() & IfFlags.UP).isZero();
    }

    @ParameterizedTest
    @CsvSource({"debug,-debug,4", "promisc,-promisc,131072", "link0,-link0,4096", "link1,-link1,8192",
        "link2,-link2,16384", "monitor,-monitor,262144", "staticarp,-staticarp,524288", "-arp,arp,128"})
    void flagWordsSetAndClear(String set, String clear, int bit) {
        ok("epair0a", set);
        assertThat(info("epair0a").flags() & bit).isEqualTo(bit);
        ok("epair0a", clear);
        assertThat(info("epair0a").flags() & bit).isZero();
    }

    // ------------------------------------------------------------------ values

    @Test
    void mtuMetricDescription() {
        ok("epair0a", "mtu", "9000", "metric", "7", "description", "uplink to core");
        IfInfo i = info("epair0a");
        assertThat(i.mtu()).isEqualTo(9000);
        assertThat(i.metric()).isEqualTo(7);
        assertThat(i.description()).isEqualTo("uplink to core");
        ok("epair0a", "descr", "short");
        assertThat(info("epair0a").description()).isEqualTo("short");
        ok("epair0a", "-description");
        assertThat(info("epair0a").description()).isEmpty();
        ok("epair0a", "descr", "again");
        ok("epair0a", "-descr");
        assertThat(info("epair0a").description()).isEmpty();
    }

    @Test
    void mtuOutOfRangeIsEinvalAndChangesNothing() {
        assertThat(fails("epair0a", "mtu", "70")).isEqualTo("ifconfig: ioctl SIOCSIFMTU (set mtu): Invalid argument\n");
        assertThat(info("epair0a").mtu()).isEqualTo(1500);
    }

    @Test
    void badNumbers() {
        assertThat(fails("epair0a", "mtu", "abc")).isEqualTo("ifconfig: invalid value for mtu: abc\n");
        assertThat(fails("epair0a", "metric", "1.5")).isEqualTo("ifconfig: invalid value for metric: 1.5\n");
        assertThat(fails("epair0a", "mtu", "99999999999")).isEqualTo("ifconfig: invalid value for mtu: 99999999999\n");
        assertThat(info("epair0a").mtu()).isEqualTo(1500);
    }

    @Test
    void missingValue() {
        assertThat(fails("epair0a", "mtu")).isEqualTo("ifconfig: 'mtu' requires argument\n");
        for (String w : new String[] {"metric", "description", "name", "ether", "lladdr", "group", "-group", "media", "mediaopt", "-mediaopt"}) {
            assertThat(fails("epair0a", w)).isEqualTo("ifconfig: '" + w + "' requires argument\n");
        }
    }

    @Test
    void unknownWordStopsBeforeItButAfterEarlierWords() {
        assertThat(fails("epair0a", "up", "frobnicate", "mtu", "9000"))
                .isEqualTo("ifconfig: unknown keyword: frobnicate (see: ifnet ifconfig --help)\n");
        assertThat(info("epair0a").flags() & IfFlags.UP).isEqualTo(IfFlags.UP); // applied in order
        assertThat(info("epair0a").mtu()).isEqualTo(1500);                       // never reached
    }

    @Test
    void wordsApplyInOrder() {
        ok("epair0a", "mtu", "2000", "mtu", "3000", "description", "a", "-description", "description", "b");
        assertThat(info("epair0a").mtu()).isEqualTo(3000);
        assertThat(info("epair0a").description()).isEqualTo("b");
    }

    // ------------------------------------------------------------------ link-level address

    @Test
    void etherAndLladdr() {
        ok("epair0a", "ether", "02:11:22:33:44:55");
        assertThat(info("epair0a").lladdr()).isEqualTo(MacAddress.parse("02:11:22:33:44:55"));
        ok("epair0a", "lladdr", "2:0:0:0:0:1");
        assertThat(info("epair0a").lladdr()).isEqualTo(0x02_00_00_00_00_01L);
        ok("epair0a", "link", "02-00-00-00-00-02");
        assertThat(info("epair0a").lladdr()).isEqualTo(0x02_00_00_00_00_02L);
    }

    @Test
    void badMac() {
        long before = info("epair0a").lladdr();
        assertThat(fails("epair0a", "ether", "02:zz:00:00:00:01")).isEqualTo("ifconfig: malformed link-level address: 02:zz:00:00:00:01\n");
        assertThat(fails("epair0a", "ether", "02:00:00:00:01")).isEqualTo("ifconfig: malformed link-level address: 02:00:00:00:01\n");
        assertThat(fails("epair0a", "ether", "01:00:5e:00:00:01")).isEqualTo("ifconfig: ioctl (SIOCAIFADDR): Invalid argument\n");
        assertThat(fails("lo0", "ether", "02:00:00:00:00:01")).isEqualTo("ifconfig: ioctl (SIOCAIFADDR): Invalid argument\n");
        assertThat(info("epair0a").lladdr()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ rename, groups, capabilities

    @Test
    void renamePrintsTheNewName() {
        Run r = Run.ifconfig(client, "epair0a", "name", "uplink0", "mtu", "9000");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("uplink0\n");
        assertThat(info("uplink0").mtu()).isEqualTo(9000); // later words act on the new name
        assertThat(fails("epair0b", "name", "uplink0")).isEqualTo("ifconfig: ioctl SIOCSIFNAME (set name): File exists\n");
        assertThat(fails("epair0b", "name", "bad name")).isEqualTo("ifconfig: ioctl SIOCSIFNAME (set name): Invalid argument\n");
    }

    @Test
    void groups() {
        ok("epair0a", "group", "uplinks");
        assertThat(info("epair0a").groups()).contains("uplinks");
        assertThat(stack.groupMembers("uplinks")).containsExactly("epair0a");
        // joining again is no error (FreeBSD's setifgroup ignores EEXIST) and changes nothing
        ok("epair0a", "group", "uplinks");
        assertThat(stack.groupMembers("uplinks")).containsExactly("epair0a");
        assertThat(fails("nosuch0", "group", "uplinks")).isEqualTo("ifconfig: interface nosuch0 does not exist\n");
        assertThat(fails("epair0a", "group", "net1")).isEqualTo("ifconfig: setifgroup: group names may not end in a digit\n");
        assertThat(fails("epair0a", "group", "averyveryverylonggroup")).isEqualTo("ifconfig: setifgroup: group name too long\n");
        ok("epair0a", "-group", "uplinks");
        assertThat(info("epair0a").groups()).doesNotContain("uplinks");
        assertThat(fails("epair0a", "-group", "uplinks")).isEqualTo("ifconfig: SIOCDIFGROUP: No such file or directory\n");
        assertThat(fails("epair0a", "-group", "net1")).isEqualTo("ifconfig: unsetifgroup: group names may not end in a digit\n");
    }

    @Test
    void capabilities() {
        assertThat(info("epair0a").capenable()).isEqualTo(IfCap.VLAN_MTU);
        ok("epair0a", "-vlanmtu");
        assertThat(info("epair0a").capenable()).isZero();
        ok("epair0a", "vlanmtu");
        assertThat(info("epair0a").capenable()).isEqualTo(IfCap.VLAN_MTU);
        ok("epair0a", "rxcsum", "-txcsum", "lro"); // capabilities epair lacks: silently masked, as FreeBSD does
        assertThat(info("epair0a").capenable()).isEqualTo(IfCap.VLAN_MTU);
    }

    // ------------------------------------------------------------------ media

    @Test
    void mediaAndMediaopt() {
        ok("epair0a", "media", "10Gbase-T", "mediaopt", "full-duplex");
        MediaReply m = stack.ioctl("epair0a", new GenericRequest.GetMedia());
        assertThat(m.current()).isEqualTo(MediaWord.IFM_ETHER | MediaWord.IFM_10G_T | MediaWord.IFM_FDX);
        assertThat(fails("epair0a", "media", "warp9")).isEqualTo("ifconfig: unknown media subtype: warp9\n");
        assertThat(fails("epair0a", "mediaopt", "sideways")).isEqualTo("ifconfig: unknown option: sideways\n");
        // 10Gbase-T without full-duplex is not in epair's list: the combined word is refused at the end
        assertThat(fails("epair0a", "-mediaopt", "full-duplex")).isEqualTo("ifconfig: SIOCSIFMEDIA (media): Invalid argument\n");
        assertThat(fails("epair0a", "media", "1000baseT")).isEqualTo("ifconfig: SIOCSIFMEDIA (media): Invalid argument\n");
        assertThat(fails("lo0", "media", "autoselect")).isEqualTo("ifconfig: SIOCGIFMEDIA: Inappropriate ioctl for device\n");
        assertThat(stack.ioctl("epair0a", new GenericRequest.GetMedia()).current()).isEqualTo(m.current());
    }

    // ------------------------------------------------------------------ create and destroy

    @Test
    void clonerCreatePrintsTheNewNameAndNamedCreatePrintsNothing() {
        Run r = Run.ifconfig(client, "lo", "create");
        assertThat(r.out()).isEqualTo("lo1\n");
        r = Run.ifconfig(client, "lo7", "create");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(stack.interfaces()).contains("lo1", "lo7");
        r = Run.ifconfig(client, "lo", "plumb", "mtu", "1500", "up");
        assertThat(r.out()).isEqualTo("lo2\n");
        assertThat(info("lo2").mtu()).isEqualTo(1500);
        assertThat(info("lo2").flags() & IfFlags.UP).isEqualTo(IfFlags.UP);
    }

    @Test
    void createErrors() {
        assertThat(fails("epair0a", "create")).isEqualTo("ifconfig: interface epair0a already exists\n");
        assertThat(fails("epair0", "create")).isEqualTo("ifconfig: SIOCIFCREATE2 (epair0): File exists\n");
        assertThat(fails("bogus0", "create")).isEqualTo("ifconfig: SIOCIFCREATE2 (bogus0): Invalid argument\n");
        assertThat(fails("epair0123456789ab", "create")).isEqualTo("ifconfig: epair0123456789ab: cloning name too long\n");
        assertThat(fails("lo", "create", "frob")).isEqualTo("ifconfig: unknown keyword: frob (see: ifnet ifconfig --help)\n");
        assertThat(stack.interfaces()).containsExactly("lo0", "epair0a", "epair0b", "lo1");
    }

    @Test
    void createOfAnExistingInterfaceWithMoreWordsConfiguresIt() {
        ok("epair0a", "create", "mtu", "4000"); // FreeBSD's behaviour: the create is skipped
        assertThat(info("epair0a").mtu()).isEqualTo(4000);
    }

    @Test
    void destroy() {
        ok("epair0a", "destroy");
        assertThat(stack.interfaces()).containsExactly("lo0");
        assertThat(fails("epair0a", "destroy")).isEqualTo("ifconfig: interface epair0a does not exist\n");
        assertThat(fails("lo0", "destroy")).isEqualTo("ifconfig: SIOCIFDESTROY: Invalid argument\n");
        ok("lo", "create");
        ok("lo1", "unplumb");
        assertThat(stack.interfaces()).containsExactly("lo0");
    }

    // ------------------------------------------------------------------ queries and usage

    @Test
    void missingInterface() {
        assertThat(fails("foo0")).isEqualTo("ifconfig: interface foo0 does not exist\n");
        assertThat(fails("foo0", "up")).isEqualTo("ifconfig: interface foo0 does not exist\n");
    }

    @Test
    void usageErrors() {
        assertThat(fails("-l", "-a")).startsWith("ifconfig: -l cannot be used with -a or -m\nusage: ifconfig");
        assertThat(fails("-u", "-d", "-a")).startsWith("ifconfig: -u and -d exclude each other\nusage:");
        assertThat(fails("-x")).startsWith("ifconfig: illegal option -- x\nusage:");
        assertThat(fails("-g")).startsWith("ifconfig: option requires an argument -- g\nusage:");
        assertThat(fails("-a", "inet6")).startsWith("ifconfig: Address family 'inet6' unknown.\n");
    }

    @Test
    void jsonErrors() {
        Run r = Run.ifconfig(client, "--json", "epair0a", "mtu", "70");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("{\"error\":{\"errno\":\"EINVAL\",\"message\":\"ioctl SIOCSIFMTU (set mtu): Invalid argument\"}}\n");
        r = Run.ifconfig(client, "--json", "lo0", "create");
        assertThat(r.out()).isEqualTo("{\"error\":{\"errno\":\"EEXIST\",\"message\":\"interface lo0 already exists\"}}\n");
        r = Run.ifconfig(client, "--json", "nope0");
        assertThat(r.out()).isEqualTo("{\"error\":{\"errno\":\"ENXIO\",\"message\":\"interface nope0 does not exist\"}}\n");
        r = Run.ifconfig(client, "--json", "lo", "create");
        assertThat(r.out()).isEqualTo("{\"name\":\"lo1\"}\n");
    }
}
