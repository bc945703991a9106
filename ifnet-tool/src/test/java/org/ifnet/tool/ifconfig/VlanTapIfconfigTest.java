package org.ifnet.tool.ifconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.ifnet.core.IfFlags;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.Drivers;
import org.ifnet.drivers.tap.TapDevice;
import org.ifnet.drivers.tap.TapHandle;
import org.ifnet.drivers.vlan.VlanReply;
import org.ifnet.drivers.vlan.VlanRequest;
import org.ifnet.tool.client.EmbeddedClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** vlan's words and status line (FreeBSD's ifvlan.c) and tap's status, golden output and errors. */
class VlanTapIfconfigTest {
    private NetStack stack;
    private EmbeddedClient client;

    @BeforeEach
    void setUp() {
        stack = Drivers.registerAll(NetStack.builder().name("vlan-tap").tracking(true).build());
        client = new EmbeddedClient(stack);
        ok("epair", "create");
        ok("epair0a", "ether", "02:ee:00:00:00:0a", "up");
        ok("epair0b", "up");
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

    private VlanReply vlan(String name) {
        return stack.ioctl(name, new VlanRequest.GetVlan());
    }

    @Test
    void vlanCreatedWithTagAndParent() throws IOException {
        assertThat(ok("vlan0", "create", "vlan", "5", "vlandev", "epair0a", "up")).isEmpty();
        assertThat(ok("vlan0")).isEqualTo(Run.golden("vlan0-attached.txt"));
        assertThat(ok("--json", "vlan0")).contains("\"vlan\":{\"tag\":5,\"proto\":\"802.1q\",\"parent\":\"epair0a\"}");
    }

    @Test
    void vlanByParentDotTagName() {
        assertThat(ok("epair0a.7", "create")).isEmpty();
        assertThat(vlan("epair0a.7")).isEqualTo(new VlanReply("epair0a", 7, VlanReply.ETHERTYPE_VLAN));
    }

    @Test
    void unattachedVlanThenSetAndDetach() throws IOException {
        assertThat(ok("vlan", "create")).isEqualTo("vlan0\n");
        ok("vlan0", "name", "vlan1"); // print the unattached one under the golden's name
        assertThat(ok("vlan1")).isEqualTo(Run.golden("vlan1-unattached.txt"));
        assertThat(ok("--json", "vlan1")).contains("\"vlan\":{\"tag\":0,\"proto\":\"0x0000\",\"parent\":null}");
        ok("vlan1", "vlandev", "epair0b", "vlan", "9"); // set once both are known, in either order
        assertThat(vlan("vlan1")).isEqualTo(new VlanReply("epair0b", 9, VlanReply.ETHERTYPE_VLAN));
        ok("vlan1", "-vlandev", "up"); // -vlandev's argument is optional: "up" stays a word
        assertThat(vlan("vlan1").attached()).isFalse();
        assertThat(stack.ioctl("vlan1", new GenericRequest.GetFlags()) & IfFlags.UP).isEqualTo(IfFlags.UP);
        ok("vlan1", "vlan", "9", "vlandev", "epair0b");
        ok("vlan1", "-vlandev", "epair0b"); // FreeBSD's form with the parent named
        assertThat(vlan("vlan1").attached()).isFalse();
    }

    @Test
    void vlanErrors() {
        ok("vlan0", "create", "vlan", "5", "vlandev", "epair0a");
        ok("vlan", "create");
        assertThat(fails("vlan1", "vlan", "8")).isEqualTo("ifconfig: both vlan and vlandev must be specified\n");
        assertThat(fails("vlan", "create", "vlan", "9")).isEqualTo("ifconfig: must specify a parent device for vlan create\n");
        assertThat(fails("vlan", "create", "vlandev", "epair0a")).isEqualTo("ifconfig: must specify a tag for vlan create\n");
        assertThat(fails("vlan1", "vlan", "abc", "vlandev", "epair0a")).isEqualTo("ifconfig: invalid value for vlan\n");
        assertThat(fails("vlan1", "vlan", "70000", "vlandev", "epair0a")).isEqualTo("ifconfig: value for vlan out of range\n");
        assertThat(fails("vlan1", "vlan", "4095", "vlandev", "epair0a")).isEqualTo("ifconfig: SIOCSETVLAN: Invalid argument\n");
        assertThat(fails("vlan1", "vlan", "5", "vlandev", "epair0a")).isEqualTo("ifconfig: SIOCSETVLAN: File exists\n");
        assertThat(fails("vlan1", "vlan", "6", "vlandev", "nope0")).isEqualTo("ifconfig: SIOCSETVLAN: No such file or directory\n");
        assertThat(fails("vlan3", "create", "vlan", "5", "vlandev", "nope0")).isEqualTo("ifconfig: SIOCIFCREATE2 (vlan3): Device not configured\n");
        // vlan words on another cloner's create: FreeBSD passes them to vlan creates only, then
        // checks at the end that both were given
        assertThat(Run.ifconfig(client, "lo", "create", "vlan", "5").err()).isEqualTo("ifconfig: both vlan and vlandev must be specified\n");
        assertThat(ok("lo", "create", "vlan", "5", "vlandev", "epair0a")).isEqualTo("lo2\n");
        assertThat(fails("epair0a", "-vlandev")).isEqualTo("ifconfig: SIOCGETVLAN: Inappropriate ioctl for device\n");
        assertThat(fails("vlan1", "vlandev")).isEqualTo("ifconfig: 'vlandev' requires argument\n");
        assertThat(vlan("vlan1").attached()).isFalse();
        assertThat(stack.interfaces()).containsExactly("lo0", "epair0a", "epair0b", "vlan0", "vlan1", "lo1", "lo2");
    }

    @Test
    void tapStatusShowsWhoOpenedIt() throws IOException {
        assertThat(ok("tap", "create")).isEqualTo("tap0\n");
        ok("tap0", "ether", "02:ee:00:00:00:01");
        assertThat(ok("tap0")).isEqualTo(Run.golden("tap0-created.txt"));
        try (TapHandle h = TapDevice.open(stack, "tap0", 4242)) {
            ok("tap0", "up");
            assertThat(ok("tap0")).isEqualTo(Run.golden("tap0-opened.txt"));
            assertThat(ok("--json", "tap0")).contains("\"driver_status\":\"Opened by PID 4242\"");
        }
    }
}
