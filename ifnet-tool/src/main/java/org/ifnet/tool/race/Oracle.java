package org.ifnet.tool.race;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Judges how one schedule of a scenario ended. */
@FunctionalInterface
interface Oracle {
    /**
     * Null when {@code observed} is a correct ending, else a sentence saying what is wrong.
     *
     * @param serial the endings of the scenario run with its threads one after another, in
     *               every order (the correct endings of a linearizable scenario)
     */
    String judge(Observation observed, Set<Observation> serial);

    /**
     * The default: the ending equals one of the serial endings, so the racing threads behaved
     * as if they had run one after the other (linearizability of whole scripts). Right when
     * each thread performs one operation on the layer.
     */
    Oracle SERIALIZABLE = (observed, serial) -> serial.contains(observed)
            ? null
            : "ended with " + observed + ", which no serial order gives (serial orders: " + serial + ")";

    /**
     * As {@link #SERIALIZABLE}, but thread {@code thread} may also end with an answer that
     * {@code accepted} allows, provided everything else matches a serial ending: for a request
     * that may meet an interface it depends on halfway through its departure.
     *
     * @param what how {@code accepted} reads, for the message
     */
    static Oracle serializableOr(int thread, Predicate<String> accepted, String what) {
        return (observed, serial) -> {
            if (serial.contains(observed)) {
                return null;
            }
            if (accepted.test(observed.results().get(thread))) {
                for (Observation o : serial) {
                    List<String> r = new ArrayList<>(observed.results());
                    r.set(thread, o.results().get(thread));
                    if (o.equals(new Observation(r, observed.interfaces(), observed.state()))) {
                        return null;
                    }
                }
            }
            return SERIALIZABLE.judge(observed, serial) + "; nor is T" + (thread + 1) + "'s answer " + what
                    + " with the rest serial";
        };
    }
}
