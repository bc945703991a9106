package org.ifnet.tool.race;

import java.util.ArrayList;
import java.util.List;

/**
 * The depth-first enumeration of schedules: which thread runs at each scheduling point.
 *
 * <p>Overview. A run asks {@link #choose} at every scheduling point (some of its threads wait
 * at fail-point sites and one must be let go); the tree answers from the path recorded so far and extends it
 * with the first choice at new depths. After the run, {@link #advance()} moves to the next
 * schedule in depth-first order: the deepest point that still has an untried thread gets
 * its next one, and everything below it is forgotten. Each run replays its prefix from
 * scratch on a fresh stack, so no state survives between runs but this path.
 *
 * <p>Invariant: for every node on the path, {@code 0 <= chosen < enabled.size()}. A replay
 * that finds a different set of waiting threads than the recorded one (only possible when a
 * thread was judged blocked and woke on its own schedule) is counted as a divergence and
 * continues with the set it found, so the walk still terminates.
 */
final class ScheduleTree {
    private static final class Node {
        List<String> enabled;
        int chosen;

        Node(List<String> enabled) {
            this.enabled = enabled;
        }
    }

    private final List<Node> path = new ArrayList<>();
    private int depth;
    private int divergences;

    /** The index in {@code enabled} (thread labels, in a fixed order) of the thread to run next. */
    int choose(List<String> enabled) {
        if (enabled.isEmpty()) {
            throw new IllegalArgumentException("no thread to choose");
        }
        Node n;
        if (depth < path.size()) {
            n = path.get(depth);
            if (!n.enabled.equals(enabled)) {
                divergences++;
                String wanted = n.enabled.get(n.chosen);
                n.enabled = List.copyOf(enabled);
                int i = enabled.indexOf(wanted);
                n.chosen = Math.max(i, 0);
                path.subList(depth + 1, path.size()).clear();
            }
        } else {
            n = new Node(List.copyOf(enabled));
            path.add(n);
        }
        depth++;
        return n.chosen;
    }

    /** Moves to the next schedule; false when every schedule has been run. */
    boolean advance() {
        path.subList(depth, path.size()).clear(); // a run that ended early leaves no stale tail
        depth = 0;
        while (!path.isEmpty()) {
            Node last = path.get(path.size() - 1);
            if (last.chosen + 1 < last.enabled.size()) {
                last.chosen++;
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    /** Replays that met a different set of waiting threads than recorded (0 in a deterministic scenario). */
    int divergences() {
        return divergences;
    }
}
