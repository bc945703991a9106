package org.ifnet.core;

import java.util.StringJoiner;

/**
 * Names of the bits of a flag word, lowest bit first, as FreeBSD's printb() prints them
 * ({@code 8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST>}). One table per flag family: bit i is
 * named {@code names[i]}.
 */
public final class BitNames {
    private BitNames() {
    }

    /** "UP,BROADCAST" for the set bits of {@code word} that the table names. */
    public static String of(int word, String[] names) {
        StringJoiner j = new StringJoiner(",");
        for (int bit = 0; bit < names.length; bit++) {
            if ((word & (1 << bit)) != 0) {
                j.add(names[bit]);
            }
        }
        return j.toString();
    }
}
