package org.ifnet.tool.daemon;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ifnet.tool.client.StackClient;
import org.ifnet.tool.ifconfig.Ifconfig;

/**
 * Applies a saved configuration at start, as rc(8) applies rc.conf: renames of interfaces
 * that exist already, then each cloned interface (created, and the interfaces it made renamed
 * at once), then each interface's ifconfig line in order. Every line is an ifconfig command
 * run by the shared ifconfig grammar ({@link Ifconfig}) over {@link InternalClient}, so the
 * file speaks exactly the language of {@code ifnet ifconfig} and each step is privileged and
 * tracked like a client's.
 *
 * <p>As with ifconfig, a line stops at its first failing word; the failure is logged with
 * ifconfig's message and the next line still runs, as a bad rc.conf line does not stop a boot.
 * Last, each line's final "up" or "down" is applied again in reverse order (see {@link #apply}).
 */
final class ConfigApplier {
    private final StackClient client;
    private final DaemonLog log;
    private int failures;

    ConfigApplier(CallHandler calls, DaemonLog log) {
        this.client = new InternalClient(calls);
        this.log = log;
    }

    /** Applies {@code c}; returns the number of lines that failed. */
    int apply(SavedConfig c) {
        failures = 0;
        Set<String> renamedAlready = new HashSet<>();
        renameExisting(c, renamedAlready);
        for (SavedConfig.Clone clone : c.clones()) {
            List<String> before = client.interfaces();
            List<String> args = new ArrayList<>();
            args.add(clone.name());
            args.add("create");
            args.addAll(clone.args());
            if (!ifconfig(args)) {
                continue;
            }
            List<String> made = new ArrayList<>(client.interfaces());
            made.removeAll(before);
            for (String ifname : made) {
                rename(c, ifname, renamedAlready);
            }
        }
        renameExisting(c, renamedAlready);
        for (SavedConfig.Settings s : c.settings()) {
            List<String> args = new ArrayList<>();
            args.add(s.ifname());
            args.addAll(s.words());
            ifconfig(args);
        }
        // A lagg's "up" also ups its ports, and its line runs after theirs: each line's final
        // up or down once more, dependents (the lagg) before what they took over (the ports).
        List<SavedConfig.Settings> settings = c.settings();
        for (int i = settings.size() - 1; i >= 0; i--) {
            String updown = lastUpDown(settings.get(i).words());
            if (updown != null) {
                ifconfig(List.of(settings.get(i).ifname(), updown));
            }
        }
        return failures;
    }

    private static String lastUpDown(List<String> words) {
        for (int i = words.size() - 1; i >= 0; i--) {
            String w = words.get(i);
            if ((w.equals("up") || w.equals("down")) && (i == 0 || !takesArgument(words.get(i - 1)))) {
                return w;
            }
        }
        return null;
    }

    /** The words whose argument could itself read "up" or "down" (a description, a group). */
    private static boolean takesArgument(String word) {
        return word.equals("description") || word.equals("descr") || word.equals("group") || word.equals("-group")
                || word.equals("name");
    }

    private void renameExisting(SavedConfig c, Set<String> done) {
        List<String> now = client.interfaces();
        for (SavedConfig.Rename r : c.renames()) {
            if (now.contains(r.from())) {
                rename(c, r.from(), done);
            }
        }
    }

    private void rename(SavedConfig c, String ifname, Set<String> done) {
        String to = c.renamedTo(ifname);
        if (to != null && done.add(ifname)) {
            ifconfig(List.of(ifname, "name", to));
        }
    }

    /** Runs one ifconfig command; false (and a warning with ifconfig's message) when it fails. */
    private boolean ifconfig(List<String> args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int status = Ifconfig.run(client, args, discard, errStream);
        if (status == 0) {
            return true;
        }
        failures++;
        log.warn("config: ifconfig " + ShellWords.join(args) + ": "
                + err.toString(StandardCharsets.UTF_8).strip().replace('\n', ' '));
        return false;
    }
}
