package org.ifnet.tool;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The picocli model of {@code ifnet}: the root command and its subcommands, for execution,
 * {@code --help} and bash completion. ifconfig's own grammar is positional and
 * order-dependent and is parsed by {@code Ifconfig}; its picocli model here serves help and
 * completion.
 */
@Command(name = "ifnet", mixinStandardHelpOptions = true, version = "ifnet 0.1.0",
        description = "A user-space network-interface layer modelled on FreeBSD's sys/net.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Run 'ifnet COMMAND --help' for a command's options."})
public final class Cli implements Runnable {

    /**
     * The subcommands, in the order {@code --help} lists them. The daemon
     * ({@code org.ifnet.tool.daemon.DaemonCommand}) and the race explorer ({@code race}) add
     * their command classes here.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            IfconfigCommand.class,
            BatchCommand.class,
            DemoCommand.class,
            org.ifnet.tool.daemon.DaemonCommand.class,
            org.ifnet.tool.race.RaceCommand.class,
            LeaksCommand.class,
            CompletionCommand.class);

    /** Runs {@code ifnet ARGS...}; returns the exit status. */
    public static int run(String[] args) {
        return commandLine().execute(args);
    }

    /** The command line of the whole {@code ifnet} command. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cli());
        for (Class<?> sub : SUBCOMMANDS) {
            cl.addSubcommand(sub);
        }
        // ifconfig's words (-description, -laggport, ...) follow the interface name: picocli
        // must take everything from there on as words, not as clustered options.
        cl.getSubcommands().get("ifconfig").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        return cl;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
