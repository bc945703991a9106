package org.ifnet.tool.race;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ifnet.core.LeakException;
import org.ifnet.core.NetStack;
import org.ifnet.core.lifecycle.Policy;

/**
 * The endings of a scenario with its threads run one after another, in every order: what
 * the default oracle accepts. A scenario that fails or leaks even serially is a broken
 * scenario, not a race, and is refused.
 */
final class SerialOrders {
    private SerialOrders() {
    }

    static Set<Observation> endings(Scenario s, Policy policy) {
        Set<Observation> out = new LinkedHashSet<>();
        for (List<Integer> order : permutations(s.threads().size())) {
            out.add(runInOrder(s, policy, order));
        }
        return out;
    }

    private static Observation runInOrder(Scenario s, Policy policy, List<Integer> order) {
        NetStack stack = Explorer.newStack(policy);
        s.setUp().apply(stack);
        ThreadOutcome[] outcomes = new ThreadOutcome[order.size()];
        for (int i : order) {
            try {
                outcomes[i] = ThreadOutcome.ok(s.threads().get(i).run(stack));
            } catch (Exception | Error e) {
                outcomes[i] = ThreadOutcome.of(e);
            }
            if (outcomes[i].kind() != ThreadOutcome.Kind.OK && outcomes[i].kind() != ThreadOutcome.Kind.ERRNO) {
                throw new IllegalStateException("scenario " + s.name() + " fails when run serially (T" + (i + 1)
                        + ": " + outcomes[i].summary() + ")", outcomes[i].error());
            }
        }
        stack.quiesce();
        Observation o = Explorer.observe(s, List.of(outcomes), stack);
        try {
            stack.close();
        } catch (LeakException e) {
            throw new IllegalStateException("scenario " + s.name() + " leaks when run serially: " + e.getMessage(), e);
        }
        return o;
    }

    /** Every order of 0..n-1, the identity first. */
    static List<List<Integer>> permutations(int n) {
        List<List<Integer>> out = new ArrayList<>();
        permute(new ArrayList<>(), n, out);
        return out;
    }

    private static void permute(List<Integer> prefix, int n, List<List<Integer>> out) {
        if (prefix.size() == n) {
            out.add(Collections.unmodifiableList(new ArrayList<>(prefix)));
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!prefix.contains(i)) {
                prefix.add(i);
                permute(prefix, n, out);
                prefix.remove(prefix.size() - 1);
            }
        }
    }
}
