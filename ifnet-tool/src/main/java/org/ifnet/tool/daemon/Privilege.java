package org.ifnet.tool.daemon;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import jdk.net.UnixDomainPrincipal;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * Who may change the stack: uid 0, or a member of the admin group (its primary group is the
 * admin group, or {@code /etc/group} lists it as a member). Anyone who can connect may read.
 * The peer is known from the socket's SO_PEERCRED, taken by the kernel at connect time, so a
 * client cannot claim to be someone else.
 *
 * <p>Principals compare by numeric id (the JDK's Unix principals do), so a uid without a
 * passwd entry still compares right.
 */
final class Privilege {
    private final UserPrincipal root;
    private final GroupPrincipal adminGroup;   // null: only root may change things
    private final String adminGroupName;
    private final Path groupFile;

    /** {@code adminGroup} is a group name or number, or null. EINVAL when it does not exist. */
    Privilege(String adminGroup) {
        this(adminGroup, Path.of("/etc/group"));
    }

    Privilege(String adminGroup, Path groupFile) {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        this.root = lookupUser(lookup, "root");
        this.adminGroupName = adminGroup;
        this.groupFile = groupFile;
        if (adminGroup == null) {
            this.adminGroup = null;
        } else {
            try {
                this.adminGroup = lookup.lookupPrincipalByGroupName(adminGroup);
            } catch (IOException e) {
                throw new IfnetException(Errno.EINVAL, "no group " + adminGroup + " for --admin-group");
            }
        }
    }

    private static UserPrincipal lookupUser(UserPrincipalLookupService lookup, String name) {
        try {
            return lookup.lookupPrincipalByName(name);
        } catch (UserPrincipalNotFoundException e) {
            try {
                return lookup.lookupPrincipalByName("0");
            } catch (IOException e2) {
                throw new IllegalStateException("cannot look up uid 0", e2);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot look up uid 0", e);
        }
    }

    /** True when {@code peer} may change the stack; null (an unknown peer) may not. */
    boolean mayChange(UnixDomainPrincipal peer) {
        if (peer == null) {
            return false;
        }
        if (peer.user().equals(root)) {
            return true;
        }
        if (adminGroup == null) {
            return false;
        }
        return peer.group().equals(adminGroup) || listedMember(peer.user().getName());
    }

    /** The EPERM a peer gets for a change it may not make. */
    IfnetException refuse(UnixDomainPrincipal peer, String what) {
        String who = peer == null ? "an unknown peer" : "user " + peer.user().getName() + " (group "
                + peer.group().getName() + ")";
        String allowed = adminGroup == null ? "only root may" : "only root and group " + adminGroupName + " may";
        return new IfnetException(Errno.EPERM, what + ": Operation not permitted: " + who
                + " may read but not change the stack; " + allowed);
    }

    /** Supplementary membership: the admin group's line in /etc/group names the user. */
    private boolean listedMember(String user) {
        try {
            for (String line : Files.readAllLines(groupFile)) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && (f[0].equals(adminGroup.getName()) || f[2].equals(adminGroup.getName()))) {
                    return List.of(f[3].split(",")).contains(user);
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
