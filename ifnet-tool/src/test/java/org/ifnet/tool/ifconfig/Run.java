package org.ifnet.tool.ifconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.ifnet.tool.client.StackClient;

/** One ifconfig command run in-process: its exit status, stdout and stderr. */
public record Run(int code, String out, String err) {

    public static Run ifconfig(StackClient client, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            code = Ifconfig.run(client, args, po, pe);
        }
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command that must succeed with nothing on stderr; returns its stdout. */
    public static String ok(StackClient client, String... args) {
        Run r = ifconfig(client, args);
        assertThat(r.err()).as("stderr of ifconfig %s", String.join(" ", args)).isEmpty();
        assertThat(r.code()).isZero();
        return r.out();
    }

    /** Runs a command that must fail with exit status 1; returns its stderr. */
    public static String fails(StackClient client, String... args) {
        Run r = ifconfig(client, args);
        assertThat(r.code()).as("exit status of ifconfig %s", String.join(" ", args)).isEqualTo(1);
        return r.err();
    }

    /** A golden file from src/test/resources/golden. */
    public static String golden(String name) throws IOException {
        try (InputStream in = Run.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
