package org.ifnet.tool.race;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ifnet.core.IfRef;
import org.ifnet.core.NetStack;

/**
 * The registry invariants every run must end with, whatever the scenario: no two attached
 * interfaces share a name, and every listed name looks up to an interface of that name.
 */
final class RegistryCheck {
    private RegistryCheck() {
    }

    /** Null when the registry is consistent, else what is wrong. Call with no thread racing. */
    static String check(NetStack stack) {
        List<String> names = stack.interfaces();
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                return "two interfaces are named " + n;
            }
        }
        for (String n : names) {
            try (IfRef r = stack.find(n)) {
                if (r == null) {
                    return n + " is listed but a lookup does not find it";
                }
                if (!r.name().equals(n)) {
                    return "a lookup of " + n + " finds " + r.name();
                }
            }
        }
        return null;
    }
}
