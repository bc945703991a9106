package org.ifnet.tool.daemon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifnet.core.ioctl.IfnetException;

/**
 * The configuration file, in FreeBSD rc.conf's vocabulary:
 * <pre>
 *   cloned_interfaces="lo1 epair0 lagg0"
 *   create_args_vlan0="vlan 5 vlandev epair0a"
 *   ifconfig_epair0a_name="wan0"
 *   ifconfig_wan0="mtu 9000 description 'uplink 1' up"
 * </pre>
 * Applied in that order: each cloned interface is created (with its create_args) and the
 * interfaces it made are renamed at once ({@code ifconfig_X_name}); then every
 * {@code ifconfig_X} line runs, in file order. Values are double-quoted with the escapes of
 * {@link ShellWords}. Interface names keep their '.', '-' and '_' (rc.conf would turn them
 * into '_'), so this file is read by the daemon, not sourced by sh; an interface whose name
 * ends in "_name" cannot have settings here (FreeBSD's rc.conf has the same ambiguity).
 */
final class RcConf {
    static final String HEADER = "# ifnet daemon configuration, written by the daemon after every change and\n"
            + "# applied when it starts. Same vocabulary as FreeBSD's rc.conf: cloned_interfaces\n"
            + "# are created in order (create_args_IF gives create parameters), ifconfig_IF_name\n"
            + "# renames, ifconfig_IF holds ifconfig words.\n";

    private RcConf() {
    }

    /** The file's text for {@code c}. */
    static String format(SavedConfig c) {
        StringBuilder sb = new StringBuilder(HEADER);
        List<String> names = new ArrayList<>();
        for (SavedConfig.Clone cl : c.clones()) {
            names.add(cl.name());
        }
        sb.append("cloned_interfaces=").append(ShellWords.quoteValue(String.join(" ", names))).append('\n');
        for (SavedConfig.Clone cl : c.clones()) {
            if (!cl.args().isEmpty()) {
                var("create_args_" + cl.name(), ShellWords.join(cl.args()), sb);
            }
        }
        for (SavedConfig.Rename r : c.renames()) {
            var("ifconfig_" + r.from() + "_name", r.to(), sb);
        }
        for (SavedConfig.Settings s : c.settings()) {
            var("ifconfig_" + s.ifname(), ShellWords.join(s.words()), sb);
        }
        return sb.toString();
    }

    private static void var(String name, String value, StringBuilder sb) {
        sb.append(name).append('=').append(ShellWords.quoteValue(value)).append('\n');
    }

    /** A parsed file and what was wrong with lines it skipped. */
    record Parsed(SavedConfig config, List<String> problems) {
    }

    /** Parses the file; a bad line is skipped and reported, the others still count. */
    static Parsed parse(String text) {
        List<String> problems = new ArrayList<>();
        List<String> cloned = List.of();
        Map<String, List<String>> createArgs = new LinkedHashMap<>();
        List<SavedConfig.Rename> renames = new ArrayList<>();
        List<SavedConfig.Settings> settings = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected NAME=\"VALUE\"");
                }
                String name = line.substring(0, eq);
                String value = ShellWords.unquoteValue(line.substring(eq + 1));
                if (name.equals("cloned_interfaces")) {
                    cloned = ShellWords.split(value);
                } else if (name.startsWith("create_args_")) {
                    createArgs.put(name.substring("create_args_".length()), ShellWords.split(value));
                } else if (name.startsWith("ifconfig_") && name.endsWith("_name")
                        && name.length() > "ifconfig__name".length()) {
                    renames.add(new SavedConfig.Rename(
                            name.substring("ifconfig_".length(), name.length() - "_name".length()), value.strip()));
                } else if (name.startsWith("ifconfig_") && name.length() > "ifconfig_".length()) {
                    settings.add(new SavedConfig.Settings(name.substring("ifconfig_".length()), ShellWords.split(value)));
                } else {
                    throw new IllegalArgumentException("unknown variable " + name);
                }
            } catch (IfnetException | IllegalArgumentException e) {
                problems.add("line " + (n + 1) + ": " + e.getMessage());
            }
        }
        List<SavedConfig.Clone> clones = new ArrayList<>();
        for (String c : cloned) {
            List<String> args = createArgs.remove(c);
            clones.add(new SavedConfig.Clone(c, args == null ? List.of() : args));
        }
        for (String orphan : createArgs.keySet()) {
            problems.add("create_args_" + orphan + " names no interface in cloned_interfaces");
        }
        return new Parsed(new SavedConfig(clones, renames, settings), problems);
    }
}
