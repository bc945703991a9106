package org.ifnet.tool.race;

import java.util.List;
import org.ifnet.core.NetStack;

/**
 * One race to explore: a starting state, the threads that race on it (T1, T2, ...), and the
 * oracle that judges how each schedule ended.
 *
 * @param name    the name {@code --scenario} takes, "family/variant" ("ioctl-vs-destroy/lo")
 * @param summary one line saying what the threads do
 * @param setUp   builds the starting state on a fresh stack; runs unscheduled
 * @param threads the threads' scripts, in label order
 * @param oracle  judges the ending; {@link Oracle#SERIALIZABLE} unless the scenario says otherwise
 * @param probe   describes the state the oracle should see besides the interface names (a
 *                lagg's ports, a member's owner), run after the threads; null for none
 */
record Scenario(String name, String summary, Setup setUp, List<Script> threads, Oracle oracle, Script probe) {

    Scenario {
        threads = List.copyOf(threads);
        if (threads.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + " has no threads");
        }
    }

    Scenario(String name, String summary, Setup setUp, List<Script> threads, Oracle oracle) {
        this(name, summary, setUp, threads, oracle, null);
    }

    /** Builds a scenario's starting state. */
    @FunctionalInterface
    interface Setup {
        void apply(NetStack stack);
    }

    /**
     * What one thread does. Its return value (compared by {@code toString()}) or the errno it
     * throws is its outcome; it must close every reference it takes.
     */
    @FunctionalInterface
    interface Script {
        Object run(NetStack stack) throws Exception;
    }

    /** The family part of the name: "ioctl-vs-destroy" for "ioctl-vs-destroy/lo". */
    String family() {
        int i = name.indexOf('/');
        return i < 0 ? name : name.substring(0, i);
    }
}
