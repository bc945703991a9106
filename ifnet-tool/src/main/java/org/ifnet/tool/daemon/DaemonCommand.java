package org.ifnet.tool.daemon;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ifnet.core.LeakReport;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.tool.client.ControlSocket;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ifnet daemon}: runs {@link Daemon} in the foreground until SIGTERM (or SIGINT), then
 * shuts it down cleanly and exits 0 when no reference or softc leaked, 1 otherwise.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {
            "Serve one ifnet stack to many clients on a Unix-domain control socket.",
            "",
            "The socket gets mode 0660: its owner and its group may connect. A client's uid, "
                + "from the socket's peer credentials, decides what it may do: root and members of "
                + "the admin group may change things; anyone else who can connect may only read "
                + "(EPERM otherwise).",
            "",
            "The cloned interfaces and their settings are saved atomically after every change, "
                + "in FreeBSD rc.conf style (cloned_interfaces, ifconfig_IF), and applied again at start.",
            "",
            "SIGTERM stops it cleanly: every interface destroyed, every softc released, leaks "
                + "reported, the socket removed; exit status 0 when nothing leaked."
        },
        footer = {"",
            "Default socket: /run/ifnet/ifnet.sock for root, else $XDG_RUNTIME_DIR/ifnet.sock or "
                + "/tmp/ifnet-$USER/ifnet.sock; $IFNET_SOCKET overrides it.",
            "",
            "Example:",
            "  bin/ifnet daemon --socket /tmp/ifnet.sock &",
            "  IFNET_SOCKET=/tmp/ifnet.sock bin/ifnet ifconfig epair create"})
public final class DaemonCommand implements Callable<Integer> {

    @Option(names = "--socket", paramLabel = "PATH", description = "Control socket path (default: ${DEFAULT-VALUE}).")
    Path socket = ControlSocket.defaultPath();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file, or 'none' to keep nothing (default: ifnet.conf next to the socket).")
    String config;

    @Option(names = "--socket-group", paramLabel = "GROUP",
            description = "Group of the socket: its members may connect and read.")
    String socketGroup;

    @Option(names = "--admin-group", paramLabel = "GROUP",
            description = "Members of this group may change the stack, as root may.")
    String adminGroup;

    @Option(names = "--workers", paramLabel = "N", description = "Threads that run requests (default: ${DEFAULT-VALUE}).")
    int workers = Math.max(2, Runtime.getRuntime().availableProcessors());

    @Option(names = "--max-clients", paramLabel = "N", description = "Connections served at once (default: ${DEFAULT-VALUE}).")
    int maxClients = 4096;

    @Option(names = "--track-references",
            description = "Record where every interface reference is taken, for leak reports (slower).")
    boolean trackReferences;

    /** The options as the daemon takes them. */
    public Daemon.Options options() {
        Path conf;
        if (config == null) {
            conf = Daemon.Options.defaultConfig(socket);
        } else if (config.equals("none")) {
            conf = null;
        } else {
            conf = Path.of(config);
        }
        return Daemon.Options.defaults().withSocket(socket).withConfig(conf).withGroups(socketGroup, adminGroup)
                .withLimits(workers, maxClients).withTracking(trackReferences);
    }

    @Override
    public Integer call() throws Exception {
        DaemonLog log = DaemonLog.stderr();
        Daemon daemon = new Daemon(options(), log);
        try {
            daemon.start();
        } catch (IfnetException e) {
            log.warn("cannot start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LeakReport r = daemon.stop();
            // a signal's exit status would be 128+n; a clean stop is a success
            Runtime.getRuntime().halt(r == null || r.isClean() ? 0 : 1);
        }, "ifnetd-shutdown"));
        daemon.awaitStop();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DaemonCommand()).execute(args));
    }
}
