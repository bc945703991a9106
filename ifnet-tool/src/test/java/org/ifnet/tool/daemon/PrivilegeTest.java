package org.ifnet.tool.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import jdk.net.UnixDomainPrincipal;
import org.ifnet.core.NetStack;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.Drivers;
import org.ifnet.tool.proto.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privilege decisions with SIMULATED credentials (principals built here, not taken from a
 * socket), so they are checked on any machine; {@link UnprivilegedClientTest} checks them with
 * a real second uid where the machine allows it.
 */
class PrivilegeTest {
    @TempDir
    Path dir;

    private static UnixDomainPrincipal peer(String uid, String gid) throws IOException {
        UserPrincipalLookupService l = FileSystems.getDefault().getUserPrincipalLookupService();
        return new UnixDomainPrincipal(l.lookupPrincipalByName(uid), l.lookupPrincipalByGroupName(gid));
    }

    private static CallHandler handler(NetStack stack, Privilege p) {
        ConfigTracker t = new ConfigTracker(stack, List.of());
        return new CallHandler(stack, p, t, new ConfigKeeper(null, t, DaemonLog.stderr()));
    }

    @Test
    void rootChangesOthersReadAndGetEPERM() throws IOException {
        NetStack stack = Drivers.registerAll(NetStack.builder().build());
        CallHandler h = handler(stack, new Privilege(null));
        UnixDomainPrincipal root = peer("0", "0");
        UnixDomainPrincipal nobody = peer("65534", "65534");

        assertThat(h.execute(new Call.Create("lo", CloneParams.NONE), root)).isEqualTo("lo1");
        assertThat(h.execute(new Call.Interfaces(), nobody)).isEqualTo(List.of("lo0", "lo1"));
        assertThat(h.execute(new Call.Ioctl<>("lo1", new GenericRequest.GetMtu()), nobody)).isEqualTo(16384);
        for (Call<?> change : List.of(new Call.Create("lo", CloneParams.NONE), new Call.Destroy("lo1"),
                new Call.Ioctl<>("lo1", new GenericRequest.SetMtu(1500)),
                new Call.Ioctl<>("lo1", new GenericRequest.SetName("x0")),
                new Call.Ioctl<>("lo1", new GenericRequest.AddGroup("g")))) {
            assertThatThrownBy(() -> h.execute(change, nobody))
                    .isInstanceOfSatisfying(IfnetException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.EPERM);
                        assertThat(e.getMessage()).contains("Operation not permitted").contains("only root may");
                    });
        }
        assertThatThrownBy(() -> h.execute(new Call.Destroy("lo1"), null))
                .isInstanceOfSatisfying(IfnetException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPERM));
        assertThat(stack.interfaces()).containsExactly("lo0", "lo1");
        assertThat(stack.ioctl("lo1", new GenericRequest.GetMtu())).isEqualTo(16384);
        Leaks.assertClosedClean(stack);
    }

    @Test
    void theAdminGroupByPrimaryGroupOrListedMembership() throws IOException {
        Path groups = dir.resolve("group");
        Files.writeString(groups, "root:x:0:\nnetadm:x:4242:daemon,nobody\nnogroup:x:65534:\n");
        NetStack stack = Drivers.registerAll(NetStack.builder().build());
        // by number, so the test needs no such group in /etc/group; membership comes from our file
        Privilege p = new Privilege("4242", groups);
        assertThat(p.mayChange(peer("0", "0"))).isTrue();
        assertThat(p.mayChange(peer("65534", "4242"))).as("primary group").isTrue();
        assertThat(p.mayChange(peer("65533", "65533"))).as("neither").isFalse();
        CallHandler h = handler(stack, p);
        assertThat(h.execute(new Call.Create("lo", CloneParams.NONE), peer("65534", "4242"))).isEqualTo("lo1");
        assertThatThrownBy(() -> h.execute(new Call.Destroy("lo1"), peer("65533", "65533")))
                .isInstanceOfSatisfying(IfnetException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EPERM);
                    assertThat(e.getMessage()).contains("only root and group 4242 may");
                });
        Leaks.assertClosedClean(stack);
    }

    @Test
    void listedMembersOfANamedGroup() throws IOException {
        UnixDomainPrincipal nobody;
        try {
            nobody = peer("nobody", "65534"); // a name, as SO_PEERCRED's principal carries it
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no user nobody here");
            return;
        }
        Path groups = dir.resolve("group");
        Files.writeString(groups, "root:x:0:\nadm:x:4:syslog,nobody\n");
        Privilege p = new Privilege("4", groups);
        assertThat(p.mayChange(nobody)).as("listed in the group file").isTrue();
        assertThat(p.mayChange(peer("65533", "65534"))).isFalse();
        assertThat(new Privilege("4", dir.resolve("missing")).mayChange(nobody)).isFalse();
    }

    @Test
    void anUnknownAdminGroupIsEINVAL() {
        assertThatThrownBy(() -> new Privilege("no-such-group-xyz"))
                .isInstanceOfSatisfying(IfnetException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    }
}
