package org.ifnet.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;

/** Help for every subcommand and the bash completion script, from the picocli model. */
class CommandLineTest {

    private static String run(String... args) {
        CommandLine cl = Cli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        int rc = cl.execute(args);
        assertThat(rc).isZero();
        return out.toString();
    }

    @Test
    void everySubcommandHasHelp() {
        String top = run("--help");
        assertThat(top).startsWith("Usage: ifnet [-hV] COMMAND");
        for (String sub : Cli.commandLine().getSubcommands().keySet()) {
            assertThat(top).contains("  " + sub + " ");
            String help = run(sub, "--help");
            assertThat(help).as(sub).startsWith("Usage: ifnet " + sub);
            assertThat(help.lines().count()).as(sub).isGreaterThan(3);
        }
        assertThat(run("ifconfig", "--help")).contains("mediaopt OPTS")
                .contains("ifnet ifconfig CLONER create").contains("--json");
        assertThat(run("batch", "--help")).contains("--force").contains("--socket=PATH").contains("[FILE|-]");
    }

    /** picocli's ifconfig command hands the words, unparsed, to ifconfig's own grammar. */
    @Test
    void ifconfigThroughPicocliGetsTheOriginalWords() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        int rc;
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            rc = Cli.run(new String[] {"ifconfig", "--socket", "/nonexistent/ifnet-test.sock", "lo0", "-description"});
        } finally {
            System.setErr(saved);
        }
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("ifconfig: ").contains("/nonexistent/ifnet-test.sock");
    }

    @Test
    void bashCompletionIsGeneratedFromTheModel() {
        String script = AutoComplete.bash("ifnet", Cli.commandLine());
        assertThat(script).contains("complete -F _complete_ifnet");
        for (String sub : Cli.commandLine().getSubcommands().keySet()) {
            assertThat(script).contains(sub);
        }
        assertThat(script).contains("--force").contains("--json").contains("mediaopt").contains("-description");
    }
}
