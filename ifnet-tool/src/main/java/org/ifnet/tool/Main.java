package org.ifnet.tool;

import java.util.Arrays;
import org.ifnet.tool.ifconfig.Ifconfig;

/**
 * The {@code ifnet} command's entry point. {@code ifnet ifconfig ...} goes straight to
 * {@link Ifconfig}, which parses ifconfig's positional grammar itself, as FreeBSD's ifconfig
 * does; everything else, {@code ifconfig --help} included, goes to the picocli command line in
 * {@link Cli} (where the subcommands are listed).
 *
 * <p>Start-up: this class refers to nothing from picocli, so an ifconfig call against the
 * daemon loads only the client path (DESIGN section 6: at most 100 ms per call).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code;
        if (args.length > 0 && args[0].equals("ifconfig") && !wantsHelp(args)) {
            code = Ifconfig.runAgainstDaemon(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
        } else {
            code = Cli.run(args);
        }
        System.out.flush();
        System.exit(code);
    }

    /** {@code ifnet ifconfig --help} (or -h) as the first word after ifconfig. */
    private static boolean wantsHelp(String[] args) {
        return args.length > 1 && (args[1].equals("--help") || args[1].equals("-h"));
    }
}
