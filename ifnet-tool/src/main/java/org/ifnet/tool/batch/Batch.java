package org.ifnet.tool.batch;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ifnet.tool.client.StackClient;
import org.ifnet.tool.ifconfig.Ifconfig;

/**
 * {@code ifnet batch}: one command per line ({@code ifconfig ...}), run in order on one stack.
 * {@code #} starts a comment and blank lines are skipped. Each command's output is printed as
 * it runs; its error lines go to stderr prefixed with {@code line N: }. The first failing line
 * stops the batch (exit 1) unless {@code force} is set, in which case every line runs and the
 * batch exits 1 if any failed.
 */
public final class Batch {
    private Batch() {
    }

    public static int run(StackClient client, BufferedReader in, PrintStream out, PrintStream err,
                          boolean force) throws IOException {
        List<Integer> failed = new ArrayList<>();
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            int rc = runLine(client, line, lineNo, out, err);
            if (rc == 0) {
                continue;
            }
            failed.add(lineNo);
            if (!force) {
                err.println("batch: stopped at line " + lineNo + " (--force runs every line)");
                return 1;
            }
        }
        if (!failed.isEmpty()) {
            err.println("batch: " + failed.size() + " line(s) failed: " + joined(failed));
            return 1;
        }
        return 0;
    }

    private static int runLine(StackClient client, String line, int lineNo, PrintStream out, PrintStream err) {
        String prefix = "line " + lineNo + ": ";
        List<String> words;
        try {
            words = Tokens.split(line);
        } catch (IllegalArgumentException e) {
            err.println(prefix + "batch: " + e.getMessage());
            return 1;
        }
        if (words.isEmpty()) {
            return 0;
        }
        if (!words.get(0).equals("ifconfig")) {
            err.println(prefix + "batch: unknown command '" + words.get(0) + "' (lines are ifconfig commands)");
            return 1;
        }
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int rc;
        try (PrintStream lineErr = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            rc = Ifconfig.run(client, words.subList(1, words.size()), out, lineErr);
        }
        out.flush();
        for (String e : errBytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!e.isEmpty()) {
                err.println(prefix + e);
            }
        }
        return rc;
    }

    private static String joined(List<Integer> lines) {
        StringBuilder sb = new StringBuilder();
        for (int n : lines) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(n);
        }
        return sb.toString();
    }
}
