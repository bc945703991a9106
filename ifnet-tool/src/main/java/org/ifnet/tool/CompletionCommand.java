package org.ifnet.tool;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/**
 * Prints a bash completion script generated from the picocli model, so it lists exactly the
 * commands, options and ifconfig words this build has. Use:
 * {@code source <(bin/ifnet completion)}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash completion script for ifnet.",
            "Use: source <(bin/ifnet completion)"})
final class CompletionCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(AutoComplete.bash("ifnet", Cli.commandLine()));
        return 0;
    }
}
