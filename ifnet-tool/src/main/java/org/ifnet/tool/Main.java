package org.ifnet.tool;

import java.util.Arrays;
import java.util.List;
import org.ifnet.tool.ifconfig.Ifconfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ifnet} command. picocli parses the subcommands; ifconfig's own grammar is
 * positional and order-dependent and is parsed by {@link Ifconfig}, as FreeBSD's ifconfig
 * parses it.
 *
 * <p>Start-up: {@code ifnet ifconfig ...} is dispatched to {@link Ifconfig} before picocli is
 * touched, so a call against the daemon loads only the client path (DESIGN section 6: at most
 * 100 ms per call). Everything else, {@code --help} included, goes through picocli.
 */
@Command(name = "ifnet", mixinStandardHelpOptions = true, version = "ifnet 0.1.0",
        description = "A user-space network-interface layer modelled on FreeBSD's sys/net.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Run 'ifnet COMMAND --help' for a command's options."})
public final class Main implements Runnable {

    /**
     * The subcommands, in the order {@code --help} lists them. The daemon ({@code daemon}) and
     * the race explorer ({@code race}) add their command classes here.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            IfconfigCommand.class,
            BatchCommand.class,
            DemoCommand.class,
            CompletionCommand.class);

    public static void main(String[] args) {
        int code;
        if (args.length > 0 && args[0].equals("ifconfig") && !wantsHelp(args)) {
            code = Ifconfig.runAgainstDaemon(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
        } else {
            code = commandLine().execute(args);
        }
        System.out.flush();
        System.exit(code);
    }

    /** {@code ifnet ifconfig --help} (or -h) as the first word after ifconfig. */
    private static boolean wantsHelp(String[] args) {
        return args.length > 1 && (args[1].equals("--help") || args[1].equals("-h"));
    }

    /** The picocli model of the whole command, for execution, help and completion. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> sub : SUBCOMMANDS) {
            cl.addSubcommand(sub);
        }
        cl.getSubcommands().get("ifconfig").setUnmatchedOptionsArePositionalParams(true);
        return cl;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
