package org.ifnet.tool.client;

import java.nio.file.Path;

/**
 * Where the daemon's control socket lives. {@code IFNET_SOCKET} overrides the default:
 * {@code /run/ifnet/ifnet.sock} for root, {@code $XDG_RUNTIME_DIR/ifnet.sock} or
 * {@code /tmp/ifnet-$USER/ifnet.sock} for anyone else.
 */
public final class ControlSocket {
    private ControlSocket() {
    }

    public static Path defaultPath() {
        String env = System.getenv("IFNET_SOCKET");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String user = System.getProperty("user.name", "");
        if ("root".equals(user)) {
            return Path.of("/run/ifnet/ifnet.sock");
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "ifnet.sock");
        }
        return Path.of("/tmp", "ifnet-" + user, "ifnet.sock");
    }
}
