package org.ifnet.tool.race;

import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfRef;
import org.ifnet.core.NetStack;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.drivers.Drivers;
import org.ifnet.drivers.lagg.LaggPortStatus;
import org.ifnet.drivers.lagg.LaggRequest;
import org.ifnet.drivers.lagg.LaggStatus;
import org.ifnet.drivers.tap.TapDevice;

/**
 * The lagg scenarios: a lagg is the seed's driver, and the one whose ports are other
 * interfaces, so its races cross two lifecycles. The usual starting state is lagg0
 * (failover, UP) over epair0a and epair1a, every end UP, so links are up and frames flow.
 *
 * <p>Probes describe what the oracle must see besides the names: the lagg's ports and their
 * flags, who owns a member, where a frame arrived.
 */
final class LaggScenarios {
    private LaggScenarios() {
    }

    /** lagg0 over epair0a and epair1a, as {@link Scenarios.Target} for the per-driver families. */
    static Scenarios.Target target() {
        return new Scenarios.Target("lagg", LaggScenarios::laggOverTwoPorts, "lagg0", "lagg0");
    }

    static List<Scenario> all() {
        List<Scenario> out = new ArrayList<>();
        out.add(portAddVsDestroy("lagg0", s -> member(s) + "; " + ports(s)));
        out.add(portAddVsDestroy("epair0a", LaggScenarios::ports));
        out.add(memberDestroyVsStatus());
        out.add(transmitVsPortRemove());
        out.add(transmitVsMemberDestroy());
        return out;
    }

    // ================================================================== starting states

    private static void up(NetStack s, String name) {
        int flags = s.ioctl(name, new GenericRequest.GetFlags());
        s.ioctl(name, new GenericRequest.SetFlags(flags | IfFlags.UP));
    }

    private static void epairUp(NetStack s, String pair) {
        s.create(pair);
        up(s, pair + "b");
        up(s, pair + "a");
    }

    /** lo0, epair0 (both ends UP) and lagg0 (UP, no port). */
    static void laggAndFreeEpair(NetStack s) {
        Drivers.registerAll(s);
        epairUp(s, "epair0");
        s.create("lagg0");
        up(s, "lagg0");
    }

    /** lo0, epair0 and epair1 (every end UP), lagg0 (failover, UP) over epair0a and epair1a. */
    static void laggOverTwoPorts(NetStack s) {
        laggAndFreeEpair(s);
        epairUp(s, "epair1");
        s.ioctl("lagg0", new LaggRequest.SetLaggPort("epair0a"));
        s.ioctl("lagg0", new LaggRequest.SetLaggPort("epair1a"));
    }

    /**
     * lo0, tap0 and tap1 (UP, opened by this process so their links are up), lagg0 (failover,
     * UP) over both: a member whose destroy is one interface, not a pair, keeps the schedules
     * of the status race few enough to enumerate.
     */
    static void laggOverTwoTaps(NetStack s) {
        Drivers.registerAll(s);
        for (String tap : List.of("tap0", "tap1")) {
            s.create(tap);
            up(s, tap);
            TapDevice.open(s, tap);
        }
        s.create("lagg0");
        up(s, "lagg0");
        s.ioctl("lagg0", new LaggRequest.SetLaggPort("tap0"));
        s.ioctl("lagg0", new LaggRequest.SetLaggPort("tap1"));
    }

    // ================================================================== probes

    /** "lagg0 [epair0a flags=5<MASTER,ACTIVE>, ...]", or "no lagg0". */
    static String ports(NetStack s) {
        try {
            LaggStatus st = s.ioctl("lagg0", new LaggRequest.GetLagg());
            List<String> ports = new ArrayList<>();
            for (LaggPortStatus p : st.ports()) {
                ports.add(p.port() + " " + p.flagsText());
            }
            return "lagg0 " + ports;
        } catch (IfnetException e) {
            return "no lagg0 (" + e.errno() + ")";
        }
    }

    /** Whether epair0a is a port and what its MTU and address are (a refused add leaves them as they were). */
    static String member(NetStack s) {
        try (IfRef r = s.find("epair0a")) {
            if (r == null) {
                return "no epair0a";
            }
            return "epair0a " + (r.ifp().portOwner() == null ? "free" : "owned") + " mtu " + r.ifp().mtu()
                    + " lladdr " + Long.toHexString(r.ifp().lladdr());
        }
    }

    // ================================================================== scenarios

    /**
     * T1 adds epair0a to lagg0 (SIOCSLAGGPORT) while T2 destroys {@code victim}. For the lagg:
     * either the add wins and the destroy takes the port away again, or the add finds the lagg
     * gone (ENXIO); either way epair0a ends free, with its own MTU and address. For the port:
     * it is added and then removed by its departure, or the add finds no such interface (EINVAL).
     */
    static Scenario portAddVsDestroy(String victim, Scenario.Script probe) {
        return new Scenario("laggport-vs-destroy/" + (victim.equals("lagg0") ? "lagg" : "port"),
                "T1 adds epair0a to lagg0 while T2 destroys " + victim,
                LaggScenarios::laggAndFreeEpair,
                List.of(s -> s.ioctl("lagg0", new LaggRequest.SetLaggPort("epair0a")),
                        s -> Scenarios.destroy(s, victim)),
                Oracle.SERIALIZABLE,
                probe);
    }

    /**
     * T1 reads lagg0's status (SIOCGLAGG) while T2 destroys the member tap0. The status is
     * one consistent view: the serial ones (both ports; or tap1 alone, now MASTER and ACTIVE),
     * or the view during the member's departure, before lagg removed it: both ports, tap0 no
     * longer ACTIVE (its link went down) and tap1 carrying the traffic. In every view exactly
     * one port is ACTIVE (failover) and the first port is the MASTER.
     */
    static Scenario memberDestroyVsStatus() {
        return new Scenario("member-destroy-vs-lagg-status",
                "T1 reads lagg0's status (failover over tap0, tap1) while T2 destroys tap0",
                LaggScenarios::laggOverTwoTaps,
                List.of(LaggScenarios::ports, s -> Scenarios.destroy(s, "tap0")),
                Oracle.serializableOr(0, LaggScenarios::consistentFailoverStatus,
                        "a consistent failover status (one ACTIVE port, the first MASTER)"),
                LaggScenarios::ports);
    }

    /** "ok lagg0 [p flags=..<..>, ...]" with the ports in order, the first MASTER, exactly one ACTIVE. */
    static boolean consistentFailoverStatus(String summary) {
        String prefix = "ok lagg0 [";
        if (!summary.startsWith(prefix) || !summary.endsWith("]")) {
            return false;
        }
        String[] ports = summary.substring(prefix.length(), summary.length() - 1).split(", ");
        if (!ports[0].startsWith("tap0 ") && !ports[0].startsWith("tap1 ")) {
            return false;
        }
        int active = 0;
        for (int i = 0; i < ports.length; i++) {
            String flags = ports[i].substring(ports[i].indexOf('<') + 1, ports[i].length() - 1);
            List<String> names = List.of(flags.split(","));
            if ((i == 0) != names.contains("MASTER")) {
                return false;
            }
            active += names.contains("ACTIVE") ? 1 : 0;
        }
        return active == 1 && (ports.length == 1 || ports[1].startsWith("tap1 "));
    }

    /**
     * T1 sends a frame on lagg0 (failover: on epair0a, the primary) while T2 removes epair0a
     * from the lagg (SIOCSLAGGDELPORT). The frame leaves on exactly one port and arrives at
     * that port's far end; removal waits for T1's epoch section before dropping its reference
     * to the member; no frame is lost or leaked.
     */
    static Scenario transmitVsPortRemove() {
        return new Scenario("transmit-vs-port-remove",
                "T1 sends a frame on lagg0 (failover over epair0a, epair1a) while T2 removes epair0a",
                LaggScenarios::laggOverTwoPorts,
                List.of(LaggScenarios::sendOne, s -> s.ioctl("lagg0", new LaggRequest.DelLaggPort("epair0a"))),
                Oracle.SERIALIZABLE,
                s -> ports(s) + "; received epair0b=" + received(s, "epair0b") + " epair1b=" + received(s, "epair1b"));
    }

    /**
     * The data-path side of the seed: T1 sends a frame on lagg0, which picks epair0a inside
     * its epoch section, while T2 destroys epair0a. Under LEGACY the member's softc is freed
     * under T1's feet; EPOCH_ONLY's grace period covers this path (T1 is inside a section),
     * which is why epoch fixed the data path and not ioctl. The frame is delivered, or dropped
     * and counted when its port is already dying (a data path may drop; it may not leak).
     */
    static Scenario transmitVsMemberDestroy() {
        return new Scenario("transmit-vs-member-destroy",
                "T1 sends a frame on lagg0 (failover over epair0a, epair1a) while T2 destroys epair0a",
                LaggScenarios::laggOverTwoPorts,
                List.of(LaggScenarios::sendOne, s -> Scenarios.destroy(s, "epair0a")),
                Oracle.serializableOr(0, "ok false"::equals, "a counted drop"),
                s -> ports(s) + "; received epair1b=" + received(s, "epair1b"));
    }

    /** Sends one 64-byte frame on lagg0 holding a reference, as a protocol above the lagg would. */
    static Object sendOne(NetStack s) {
        try (IfRef r = s.lookup("lagg0")) {
            Frame f = s.framePool().get();
            if (f == null) {
                throw new IllegalStateException("frame pool empty");
            }
            Ether.writeHeader(f, 0x02_00_00_00_00_99L, r.ifp().lladdr(), Ether.TYPE_IPV4, Ether.MIN_FRAME - Ether.HEADER_LEN);
            return r.ifp().transmit(f);
        }
    }

    private static long received(NetStack s, String name) {
        try (IfRef r = s.find(name)) {
            return r == null ? -1 : r.ifp().counters().get(IfCounter.IPACKETS);
        }
    }
}
