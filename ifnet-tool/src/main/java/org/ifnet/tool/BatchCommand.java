package org.ifnet.tool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ifnet.core.LeakException;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.drivers.Drivers;
import org.ifnet.tool.batch.Batch;
import org.ifnet.tool.client.EmbeddedClient;
import org.ifnet.tool.client.SocketClient;
import org.ifnet.tool.client.StackClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ifnet batch [--force] [--socket PATH] [FILE|-]}. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Run ifconfig commands from a file, one per line.",
            "FILE, or standard input for '-' or no FILE. '#' starts a comment; blank",
            "lines are skipped. By default the commands run on a stack inside this",
            "process, destroyed (and checked for leaks) at the end; with --socket",
            "they run on the daemon. The first failing line stops the batch (exit 1,",
            "its line number on stderr) unless --force."},
        footer = {"", "Example file:", "  ifconfig epair create", "  ifconfig epair0a up mtu 9000",
            "  ifconfig -a"})
final class BatchCommand implements Callable<Integer> {
    @Option(names = "--force", description = "Run every line; exit 1 if any failed.")
    boolean force;
    @Option(names = "--socket", paramLabel = "PATH", description = "Run on the daemon at PATH.")
    Path socket;
    @Parameters(arity = "0..1", paramLabel = "FILE|-", description = "The commands (default: standard input).")
    String file;

    @Override
    public Integer call() throws IOException {
        BufferedReader in;
        try {
            in = file == null || file.equals("-")
                    ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                    : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            System.err.println("batch: " + file + ": No such file or directory");
            return 1;
        }
        StackClient client;
        try {
            client = socket != null ? SocketClient.connect(socket)
                    : new EmbeddedClient(Drivers.registerAll(NetStack.builder().build()), true);
        } catch (IfnetException e) {
            System.err.println("batch: " + e.getMessage());
            return 1;
        }
        int rc;
        try (in) {
            rc = Batch.run(client, in, System.out, System.err, force);
        } finally {
            try {
                client.close();
            } catch (LeakException e) {
                System.err.println("batch: the stack leaked: " + e.getMessage());
                rc = 1;
            }
        }
        return rc;
    }
}
