package org.ifnet.tool.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * The control socket in the file system: its folder is made if missing (mode 0755, so any
 * user can reach the socket and the socket's own mode decides), a stale socket left by a
 * killed daemon is replaced, a live one is not (EBUSY), and the socket gets mode 0660 and,
 * optionally, a group: its owner (root) and that group may connect, nobody else.
 */
final class SocketFile {
    static final String MODE = "rw-rw----";
    static final int BACKLOG = 1024;

    private SocketFile() {
    }

    static ServerSocketChannel bind(Path path, String group) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
                throw new IfnetException(Errno.EEXIST, path + " exists and is not a socket; not replacing it");
            }
            if (answers(path)) {
                throw new IfnetException(Errno.EBUSY, "another ifnet daemon answers at " + path);
            }
            Files.delete(path); // left by a daemon that was killed
        }
        GroupPrincipal g = null;
        if (group != null) {
            try {
                g = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            } catch (IOException e) {
                throw new IfnetException(Errno.EINVAL, "no group " + group + " for --socket-group");
            }
        }
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path), BACKLOG);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(MODE));
            if (g != null) {
                Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(g);
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static boolean answers(Path path) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
