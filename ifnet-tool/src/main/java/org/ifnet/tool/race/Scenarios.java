package org.ifnet.tool.race;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ifnet.core.IfRef;
import org.ifnet.core.NetStack;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.drivers.Drivers;

/**
 * The scenarios the explorer knows. Each starts from a stack with every driver registered
 * ({@link Drivers#registerAll}, so lo0 exists) plus the interfaces it races on; each thread
 * does one operation through the layer's public API, as a caller of ifioctl would.
 *
 * <p>Families: ioctl-vs-destroy (the seed: get-media against destroy, for each driver, plus
 * destroy through an epair's other end and through a vlan's parent), destroy-vs-destroy,
 * create-vs-destroy-same-name, rename-vs-lookup, and lagg's ({@link LaggScenarios}).
 */
final class Scenarios {
    private Scenarios() {
    }

    /** An interface of one driver to race on: how to make it, its name, the name that creates it. */
    record Target(String driver, Scenario.Setup setUp, String ifname, String createName) {
    }

    /** One target per driver: the interface the per-driver families race on. */
    static List<Target> targets() {
        return List.of(
                new Target("lo", s -> create(s, "lo1"), "lo1", "lo1"),
                new Target("epair", s -> create(s, "epair0"), "epair0a", "epair0"),
                new Target("tap", s -> create(s, "tap0"), "tap0", "tap0"),
                // on a one-interface parent: an epair parent would double the schedules
                new Target("vlan", s -> {
                    create(s, "tap0");
                    s.create("vlan0", CloneParams.of("vlandev", "tap0", "vlan", "5"));
                }, "vlan0", "vlan0"),
                LaggScenarios.target());
    }

    static List<Scenario> all() {
        List<Scenario> out = new ArrayList<>();
        for (Target t : targets()) {
            out.add(ioctlVsDestroy(t, t.driver(), t.ifname(), t.ifname()));
        }
        Target epair = target("epair");
        out.add(ioctlVsDestroy(epair, "epair-peer", "epair0b", "epair0a"));
        out.add(vlanParentDestroy(target("vlan")));
        for (Target t : targets()) {
            out.add(destroyVsDestroy(t));
        }
        out.add(destroyBothEnds(epair));
        for (Target t : targets()) {
            out.add(createVsDestroy(t));
        }
        out.add(renameVsLookup(target("lo")));
        out.addAll(LaggScenarios.all());
        return out;
    }

    /** The scenarios of {@code all} that {@code name} selects: "all", one name, or a family ("ioctl-vs-destroy"). */
    static List<Scenario> select(List<Scenario> all, String name) {
        List<Scenario> out = new ArrayList<>();
        for (Scenario s : all) {
            if (name.equals("all") || s.name().equals(name) || s.family().equals(name)) {
                out.add(s);
            }
        }
        return out;
    }

    static List<String> names(List<Scenario> all) {
        List<String> out = new ArrayList<>();
        for (Scenario s : all) {
            out.add(s.name());
        }
        return out;
    }

    private static Target target(String driver) {
        for (Target t : targets()) {
            if (t.driver().equals(driver)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no target for driver " + driver);
    }

    private static void create(NetStack s, String name) {
        Drivers.registerAll(s);
        s.create(name);
    }

    // ================================================================== the seed

    /**
     * The seed: T1 looks the interface up with a reference and sends SIOCGIFMEDIA through the
     * generic layer into the driver (ifunit_ref, ifhwioctl, if_ioctl); T2 destroys
     * {@code victim}, which for the epair-peer variant is the other end of the pair.
     */
    static Scenario ioctlVsDestroy(Target t, String variant, String queried, String victim) {
        return new Scenario("ioctl-vs-destroy/" + variant,
                "T1 get-media on " + queried + " (lookup with a reference, then the driver); T2 destroy " + victim,
                t.setUp(),
                List.of(s -> {
                    try (IfRef r = s.lookup(queried)) {
                        return r.ioctl(new GenericRequest.GetMedia());
                    }
                }, s -> destroy(s, victim)),
                Oracle.SERIALIZABLE);
    }

    /**
     * T1 gets vlan0's media, which the vlan driver asks of its parent; T2 destroys the parent.
     * Besides the serial endings (the parent's media, or EINVAL: a vlan without a parent has
     * no media), T1 may get ENXIO: the request was inside the parent when it was detached,
     * the answer rule 3 gives a request in flight.
     */
    static Scenario vlanParentDestroy(Target vlan) {
        Scenario base = ioctlVsDestroy(vlan, "vlan-parent", "vlan0", "tap0");
        return new Scenario(base.name(), base.summary(), base.setUp(), base.threads(), Oracle.serializableOr(0, "ENXIO"::equals, "ENXIO from the departing parent"));
    }

    /** Destroys {@code name}; a script's way of saying "ok" (null) or throwing the errno. */
    static Object destroy(NetStack s, String name) {
        s.destroy(name);
        return null;
    }

    // ================================================================== registry races

    /** Rule 7: two destroys of one interface, exactly one succeeds, the other gets ENXIO. */
    static Scenario destroyVsDestroy(Target t) {
        return new Scenario("destroy-vs-destroy/" + t.driver(),
                "T1 and T2 both destroy " + t.ifname(),
                t.setUp(),
                List.of(s -> destroy(s, t.ifname()), s -> destroy(s, t.ifname())),
                Oracle.SERIALIZABLE);
    }

    /**
     * T1 destroys epair0a while T2 destroys epair0b: each destroy takes the pair down, so the
     * pair must end gone, released once each, with every destroy answering ok or ENXIO. Both
     * may answer ok (each claimed its own end before seeing the other's), which no serial order
     * gives, as with two FreeBSD threads calling if_clone_destroy on the two ends.
     */
    static Scenario destroyBothEnds(Target epair) {
        return new Scenario("destroy-vs-destroy/epair-ends",
                "T1 destroys epair0a while T2 destroys epair0b (each takes the pair down)",
                epair.setUp(),
                List.of(s -> destroy(s, "epair0a"), s -> destroy(s, "epair0b")),
                (observed, serial) -> {
                    List<String> left = serial.iterator().next().interfaces();
                    Observation bothOk = new Observation(List.of("ok", "ok"), left, "");
                    return serial.contains(observed) || observed.equals(bothOk) ? null
                            : "ended with " + observed + "; expected one destroy ok and the other ok or ENXIO, leaving " + left;
                });
    }

    /**
     * Rule 7: T1 destroys the interface while T2 creates one of the same name. It ends as one
     * of the serial orders: destroy then create (both ok, a new interface of that name), or
     * create then destroy (EEXIST, then the name is gone). Never two interfaces of one name.
     */
    static Scenario createVsDestroy(Target t) {
        return new Scenario("create-vs-destroy-same-name/" + t.driver(),
                "T1 destroys " + t.ifname() + " while T2 creates " + t.createName(),
                t.setUp(),
                List.of(s -> destroy(s, t.ifname()), s -> s.create(t.createName())),
                Oracle.SERIALIZABLE);
    }

    /**
     * T1 renames lo1 to lo9 (SIOCSIFNAME) while T2 looks up lo9 and then lo1. A lookup finds an
     * interface only under the name it has: lo9 found must be named lo9, and both names found
     * at once is wrong. Neither found is right when the rename falls between T2's lookups.
     */
    static Scenario renameVsLookup(Target lo) {
        Set<String> allowed = Set.of(
                "ok lo9=lo9 lo1=absent",    // rename before both lookups
                "ok lo9=absent lo1=lo1",    // rename after both
                "ok lo9=absent lo1=lo9",    // rename after the lookup of lo1, before T2 read its name
                "ok lo9=absent lo1=absent"); // rename between the two lookups
        return new Scenario("rename-vs-lookup/lo",
                "T1 renames lo1 to lo9 while T2 looks up lo9, then lo1",
                lo.setUp(),
                List.of(s -> s.ioctl("lo1", new GenericRequest.SetName("lo9")),
                        s -> "lo9=" + probe(s, "lo9") + " lo1=" + probe(s, "lo1")),
                (observed, serial) -> {
                    if (!observed.results().get(0).equals("ok")) {
                        return "the rename answered " + observed.results().get(0);
                    }
                    if (!allowed.contains(observed.results().get(1))) {
                        return "T2's lookups saw " + observed.results().get(1).substring(3)
                                + ": an interface was found under a name it did not have";
                    }
                    if (!observed.interfaces().equals(List.of("lo0", "lo9"))) {
                        return "left " + observed.interfaces() + " instead of [lo0, lo9]";
                    }
                    return null;
                });
    }

    /** The name of the interface a lookup of {@code name} finds, or "absent". */
    private static String probe(NetStack s, String name) {
        try (IfRef r = s.find(name)) {
            return r == null ? "absent" : r.name();
        }
    }
}
