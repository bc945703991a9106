package org.ifnet.tool.daemon;

import java.util.List;

/**
 * What the daemon keeps across restarts, in the order it is applied: the cloned interfaces
 * in creation order (each with its create parameters as ifconfig words, and the renames of
 * the interfaces it made), renames of interfaces nobody created (lo0), and then each
 * interface's settings as ifconfig words.
 */
record SavedConfig(List<Clone> clones, List<Rename> renames, List<Settings> settings) {
    SavedConfig {
        clones = List.copyOf(clones);
        renames = List.copyOf(renames);
        settings = List.copyOf(settings);
    }

    static final SavedConfig EMPTY = new SavedConfig(List.of(), List.of(), List.of());

    /** {@code ifconfig NAME create ARGS...}. */
    record Clone(String name, List<String> args) {
        Clone {
            args = List.copyOf(args);
        }
    }

    /** {@code ifconfig FROM name TO}, applied as soon as FROM exists. */
    record Rename(String from, String to) {
    }

    /** {@code ifconfig IFNAME WORDS...}. */
    record Settings(String ifname, List<String> words) {
        Settings {
            words = List.copyOf(words);
        }
    }

    /** The new name of {@code original}, or null when it keeps its name. */
    String renamedTo(String original) {
        for (Rename r : renames) {
            if (r.from().equals(original)) {
                return r.to();
            }
        }
        return null;
    }
}
