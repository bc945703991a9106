package org.ifnet.tool;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ifnet.core.LeakReport;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.tool.client.ControlSocket;
import org.ifnet.tool.client.SocketClient;
import org.ifnet.tool.client.StackClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ifnet leaks [--socket PATH]}: asks a running daemon for its stack's leak report, so a
 * script can check, after destroying what it made, that the daemon holds nothing it should not
 * (the conformance scripts end with it). Exit status 0 when the report is clean.
 */
@Command(name = "leaks", mixinStandardHelpOptions = true,
        description = {"Print the daemon's leak report: references still held, softcs never",
            "released, accesses to released softcs, handles closed twice, frames not",
            "returned. A live interface's own reference is not a leak; a port held by",
            "a lagg is (until the lagg lets it go). Exit status 0 when there is nothing",
            "to report, 1 when there is, or when no daemon answers."},
        footer = {"", "Example:", "  bin/ifnet leaks --socket /tmp/ifnet.sock"})
final class LeaksCommand implements Callable<Integer> {
    @Option(names = "--socket", paramLabel = "PATH", description = "The daemon's control socket (default: ${DEFAULT-VALUE}).")
    Path socket = ControlSocket.defaultPath();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LeakReport report;
        try (StackClient client = SocketClient.connect(socket)) {
            report = client.leakReport();
        } catch (IfnetException e) {
            spec.commandLine().getErr().println("leaks: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println(report);
        return report.isClean() ? 0 : 1;
    }
}
