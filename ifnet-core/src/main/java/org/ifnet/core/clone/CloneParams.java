package org.ifnet.core.clone;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * Driver parameters for a create (FreeBSD's SIOCIFCREATE2 params), as ordered key/value pairs
 * such as {@code vlandev=epair0a, vlan=5}. The driver validates them: an unknown key or a bad
 * value is EINVAL.
 *
 * <p>An immutable value class with the API of a record {@code CloneParams(Map values)}, but
 * not a record: Lincheck (the model-checking test) reads the static fields of classes it
 * instruments through sun.misc.Unsafe, which refuses a record's static field such as
 * {@link #NONE}, and the check then cannot run.
 */
public final class CloneParams {
    public static final CloneParams NONE = new CloneParams(Map.of());

    private final Map<String, String> values;

    public CloneParams(Map<String, String> values) {
        this.values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The parameters in the order given. */
    public Map<String, String> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CloneParams && ((CloneParams) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "CloneParams[values=" + values + "]";
    }

    public static CloneParams of(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return new CloneParams(m);
    }

    public String get(String key) {
        return values.get(key);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** An integer parameter in [min, max], or {@code dflt} when absent; EINVAL otherwise. */
    public int intValue(String key, int dflt, int min, int max) {
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IfnetException(Errno.EINVAL, key + " " + v + " is out of range " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IfnetException(Errno.EINVAL, key + " needs a number, not '" + v + "'");
        }
    }

    /** EINVAL naming the first key not in {@code known}. */
    public void requireOnly(String... known) {
        outer:
        for (String k : values.keySet()) {
            for (String ok : known) {
                if (ok.equals(k)) {
                    continue outer;
                }
            }
            throw new IfnetException(Errno.EINVAL, "unknown create parameter '" + k + "'");
        }
    }
}
