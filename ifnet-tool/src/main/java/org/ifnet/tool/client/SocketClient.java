package org.ifnet.tool.client;

import java.nio.file.Path;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * A {@link StackClient} over the daemon's control socket. (Placeholder until the daemon
 * lands: it reports that no daemon answers.)
 */
public final class SocketClient {
    private SocketClient() {
    }

    /** Connects to the daemon at {@code path}; ENXIO with how to start one when none answers. */
    public static StackClient connect(Path path) {
        throw new IfnetException(Errno.ENXIO, "no ifnet daemon answers at " + path
                + "; start one with: bin/ifnet daemon --socket " + path + " &");
    }
}
