package org.ifnet.tool.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ifnet.core.NetStack;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.Drivers;
import org.ifnet.tool.client.EmbeddedClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchTest {
    private NetStack stack;
    private EmbeddedClient client;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        stack = Drivers.registerAll(NetStack.builder().name("batch").tracking(true).build());
        client = new EmbeddedClient(stack);
    }

    @AfterEach
    void tearDown() {
        Leaks.assertClosedClean(stack);
    }

    private int run(String script, boolean force) throws IOException {
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return Batch.run(client, new BufferedReader(new StringReader(script)), o, e, force);
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsEveryLineInOrderWithCommentsAndBlankLines() throws IOException {
        int rc = run("# two cables\n"
                + "ifconfig epair create\n"
                + "\n"
                + "   ifconfig epair create   # the second\n"
                + "ifconfig epair0a up mtu 9000 description \"uplink to core\"\n"
                + "ifconfig -l\n", false);
        assertThat(rc).isZero();
        assertThat(err()).isEmpty();
        assertThat(out()).isEqualTo("epair0a\nepair1a\nlo0 epair0a epair0b epair1a epair1b\n");
        assertThat(stack.ioctl("epair0a", new org.ifnet.core.ioctl.GenericRequest.GetDescr())).isEqualTo("uplink to core");
    }

    @Test
    void stopsAtTheFirstFailingLineWithItsNumber() throws IOException {
        int rc = run("ifconfig lo create\n"
                + "# comment\n"
                + "ifconfig lo1 mtu 70\n"
                + "ifconfig lo create\n", false);
        assertThat(rc).isEqualTo(1);
        assertThat(out()).isEqualTo("lo1\n");
        assertThat(err()).isEqualTo("line 3: ifconfig: ioctl SIOCSIFMTU (set mtu): Invalid argument\n"
                + "batch: stopped at line 3 (--force runs every line)\n");
        assertThat(stack.interfaces()).containsExactly("lo0", "lo1"); // line 4 never ran
    }

    @Test
    void forceRunsEveryLineAndStillFails() throws IOException {
        int rc = run("ifconfig nope0 up\n"
                + "ifconfig lo create\n"
                + "route add default 10.0.0.1\n"
                + "ifconfig lo create\n", true);
        assertThat(rc).isEqualTo(1);
        assertThat(out()).isEqualTo("lo1\nlo2\n");
        assertThat(err()).isEqualTo("line 1: ifconfig: interface nope0 does not exist\n"
                + "line 3: batch: unknown command 'route' (lines are ifconfig commands)\n"
                + "batch: 2 line(s) failed: 1, 3\n");
    }

    @Test
    void badQuotingFailsTheLine() throws IOException {
        assertThat(run("ifconfig lo0 description \"open\n", false)).isEqualTo(1);
        assertThat(err()).startsWith("line 1: batch: unterminated double quote\n");
    }

    @Test
    void emptyScriptSucceeds() throws IOException {
        assertThat(run("", false)).isZero();
        assertThat(run("# nothing\n\n", false)).isZero();
        assertThat(out()).isEmpty();
    }

    @Test
    void tokens() {
        assertThat(Tokens.split("ifconfig  lo0 description 'a b' # c")).isEqualTo(List.of("ifconfig", "lo0", "description", "a b"));
        assertThat(Tokens.split("a\\ b \"c \\\"d\\\"\" e#f")).isEqualTo(List.of("a b", "c \"d\"", "e#f"));
        assertThat(Tokens.split("   ")).isEmpty();
        assertThat(Tokens.split("x ''")).isEqualTo(List.of("x", ""));
        assertThatThrownBy(() -> Tokens.split("x 'y")).hasMessage("unterminated single quote");
    }
}
