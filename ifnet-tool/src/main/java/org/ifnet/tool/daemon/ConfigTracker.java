package org.ifnet.tool.daemon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ifnet.core.IfInfo;
import org.ifnet.core.IfListener;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.NetStack;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;

/**
 * Knows, for every interface of the daemon's stack, how it came to be (which create call made
 * it, or none for permanent ones like lo0) and what it looked like when new (its baseline), so
 * that {@link #snapshot} can write the configuration as "what to create, then what was changed".
 *
 * <p>Overview. Interfaces are keyed by index and generation, which a rename keeps and a reuse
 * changes. A create runs through {@link #create}, which marks the calling thread; the layer
 * fires arrival events on the creating thread before create returns, so every interface a
 * create makes (epair makes two) is tied to that create. Departure forgets an interface. A
 * snapshot looks each known interface up again with a reference, reads it, and drops the
 * reference; an interface destroyed in between is skipped (the save after that destroy will
 * be right).
 */
final class ConfigTracker implements IfListener {
    /** No media: the driver answers GetMedia with ENOTTY. */
    static final int NO_MEDIA = Integer.MIN_VALUE;

    /** One create call. {@code name} is what recreates it, known once create returned. */
    static final class Clone {
        final long seq;
        final String requested;
        final CloneParams params;
        volatile String name;

        Clone(long seq, String requested, CloneParams params) {
            this.seq = seq;
            this.requested = requested;
            this.params = params;
        }
    }

    /** An interface as it was when it arrived; {@code driverBaseline} is its driver's state words then. */
    record Known(int index, int generation, String originalName, IfInfo baseline, int baselineMedia,
                 List<String> driverBaseline, Clone origin) {
        long order() {
            return origin == null ? 0 : origin.seq;
        }
    }

    private final NetStack stack;
    private final List<DriverSettings> drivers;
    private final ThreadLocal<Clone> creating = new ThreadLocal<>();
    private final AtomicLong seq = new AtomicLong();
    private final Map<Long, Known> known = new ConcurrentHashMap<>();

    ConfigTracker(NetStack stack, List<DriverSettings> drivers) {
        this.stack = stack;
        this.drivers = List.copyOf(drivers);
    }

    List<DriverSettings> drivers() {
        return drivers;
    }

    private static long key(int index, int generation) {
        return ((long) index << 32) | (generation & 0xffffffffL);
    }

    /** Creates through the stack, remembering this create as the origin of what it makes. */
    String create(String ifname, CloneParams params) {
        Clone c = new Clone(seq.incrementAndGet(), ifname, params);
        creating.set(c);
        try {
            String made = stack.create(ifname, params);
            c.name = recreateName(ifname, made);
            return made;
        } finally {
            creating.remove();
        }
    }

    /**
     * The name that makes the same unit again: what was asked for when it named a unit
     * ("epair3", "lo7"), else the cloner plus the unit of what was made ("epair" made
     * "epair0a": "epair0").
     */
    private String recreateName(String requested, String made) {
        if (!stack.cloners().contains(requested)) {
            return requested;
        }
        int i = requested.length();
        if (made.startsWith(requested)) {
            while (i < made.length() && Character.isDigit(made.charAt(i))) {
                i++;
            }
        }
        return i > requested.length() ? made.substring(0, i) : made;
    }

    @Override
    public void arrival(Ifnet ifp) {
        IfInfo info = ifp.info();
        known.put(key(ifp.index(), ifp.generation()), new Known(ifp.index(), ifp.generation(), ifp.name(), info,
                media(ifp.name()), driverState(info), creating.get()));
    }

    private List<String> driverState(IfInfo info) {
        DriverSettings d = driverOf(info);
        if (d == null) {
            return List.of();
        }
        try (IfRef ref = stack.lookup(info.name())) {
            List<String> state = driverState(d, ref);
            return state == null ? List.of() : state;
        } catch (IfnetException e) {
            return List.of();
        }
    }

    /** The driver's state words; null when the driver cannot say (it is being destroyed). */
    private static List<String> driverState(DriverSettings d, IfRef ref) {
        try {
            return d.state(ref, ref.ioctl(new GenericRequest.GetInfo()));
        } catch (IfnetException e) {
            return null;
        }
    }

    private DriverSettings driverOf(IfInfo info) {
        for (DriverSettings d : drivers) {
            if (d.handles(info)) {
                return d;
            }
        }
        return null;
    }

    @Override
    public void departure(Ifnet ifp) {
        known.remove(key(ifp.index(), ifp.generation()));
    }

    private int media(String ifname) {
        try (IfRef ref = stack.lookup(ifname)) {
            return media(ref);
        } catch (IfnetException e) {
            return NO_MEDIA;
        }
    }

    /** The selected media word, or NO_MEDIA when the driver has none now (a detached vlan). */
    private static int media(IfRef ref) {
        try {
            return ref.ioctl(new GenericRequest.GetMedia()).current();
        } catch (IfnetException e) {
            return NO_MEDIA;
        }
    }

    /** Interfaces known now. */
    int size() {
        return known.size();
    }

    /**
     * One known interface as it is now. {@code taken}: its driver settings are in force (a vlan
     * attached, a lagg with ports), so its address and MTU came from others; {@code bare}: made
     * again without create parameters (so its baseline says nothing about the replay);
     * {@code after}: interfaces its line must follow.
     */
    private record Row(Known known, IfInfo info, int media, List<String> driverWords, boolean taken, boolean bare,
                       List<String> after) {
    }

    /** The configuration that rebuilds the stack as it is now. */
    SavedConfig snapshot() {
        List<Known> all = new ArrayList<>(known.values());
        all.sort(Comparator.comparingLong(Known::order).thenComparingInt(Known::index));
        List<Row> rows = new ArrayList<>(all.size());
        for (Known k : all) {
            IfRef ref;
            try {
                ref = stack.lookup(k.index(), k.generation());
            } catch (IfnetException e) {
                continue; // destroyed since: the save after that destroy writes it right
            }
            try {
                stack.failPoints().hit(DaemonSites.SNAPSHOT, ref);
                IfInfo info;
                try {
                    info = ref.ioctl(new GenericRequest.GetInfo());
                } catch (IfnetException e) {
                    continue; // being destroyed now: as above (and the finally drops the reference)
                }
                DriverSettings d = driverOf(info);
                Clone c = k.origin();
                boolean bare = d != null && c != null && c.name != null && d.recreatesBare(c.name);
                List<String> state = d == null ? List.of() : driverState(d, ref);
                if (state == null) {
                    continue; // destroyed after GetInfo: as above (a lagg's settings are never empty)
                }
                List<String> words = d == null ? List.of() : d.change(bare ? List.of() : k.driverBaseline(), state);
                // a vlan's or lagg's media is its parent's or ports': not a setting of its own
                // explicit address and MTU only while it takes them over from others (attached)
                rows.add(new Row(k, info, d == null ? media(ref) : NO_MEDIA, words, d != null && d.takesLink(state), bare,
                        d == null ? List.of() : d.dependsOn(state)));
            } finally {
                ref.close();
            }
        }
        Map<String, String> renamed = new HashMap<>();
        List<SavedConfig.Rename> renames = new ArrayList<>();
        for (Row r : rows) {
            String from = r.known().originalName();
            if (!from.equals(r.info().name())) {
                renamed.put(from, r.info().name());
                renames.add(new SavedConfig.Rename(from, r.info().name()));
            }
        }
        List<SavedConfig.Clone> clones = new ArrayList<>();
        Set<Clone> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Row r : rows) {
            Clone c = r.known().origin();
            if (c != null && c.name != null && seen.add(c)) {
                clones.add(new SavedConfig.Clone(c.name, r.bare() ? List.of() : createArgs(c.params, renamed)));
            }
        }
        return new SavedConfig(clones, renames, settingsInOrder(rows));
    }

    /**
     * The settings lines in creation order, except that a line comes after the lines of the
     * interfaces it names (a vlan after its parent's): a stable topological order. The drivers
     * refuse loops (a vlan under itself), so there is none to break.
     */
    private static List<SavedConfig.Settings> settingsInOrder(List<Row> rows) {
        Map<String, SavedConfig.Settings> byName = new LinkedHashMap<>();
        Map<String, List<String>> after = new HashMap<>();
        Set<String> takenOver = new HashSet<>();
        for (Row r : rows) {
            takenOver.addAll(r.after());
        }
        for (Row r : rows) {
            List<String> words = SettingsDiff.words(r.known(), r.info(), r.media(), r.driverWords(),
                    r.taken(), r.bare(), takenOver.contains(r.info().name()));
            if (!words.isEmpty()) {
                byName.put(r.info().name(), new SavedConfig.Settings(r.info().name(), words));
                after.put(r.info().name(), r.after());
            }
        }
        List<SavedConfig.Settings> out = new ArrayList<>(byName.size());
        Set<String> placed = new HashSet<>();
        for (String n : byName.keySet()) {
            place(n, byName, after, placed, new HashSet<>(), out);
        }
        return out;
    }

    private static void place(String n, Map<String, SavedConfig.Settings> byName, Map<String, List<String>> after,
                              Set<String> placed, Set<String> visiting, List<SavedConfig.Settings> out) {
        if (placed.contains(n) || !byName.containsKey(n) || !visiting.add(n)) {
            return;
        }
        for (String dep : after.get(n)) {
            place(dep, byName, after, placed, visiting, out);
        }
        placed.add(n);
        out.add(byName.get(n));
    }

    /**
     * Create parameters as ifconfig words. A value naming an interface renamed since is
     * written with its new name: on replay, renames run right after each create, so the
     * parent of a vlan made later already carries it.
     */
    private static List<String> createArgs(CloneParams params, Map<String, String> renamed) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> p : params.values().entrySet()) {
            out.add(p.getKey());
            out.add(renamed.getOrDefault(p.getValue(), p.getValue()));
        }
        return out;
    }
}
