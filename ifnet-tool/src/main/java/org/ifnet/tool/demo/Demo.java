package org.ifnet.tool.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LeakException;
import org.ifnet.core.NetStack;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.drivers.Drivers;
import org.ifnet.tool.client.EmbeddedClient;
import org.ifnet.tool.ifconfig.Ifconfig;

/**
 * {@code ifnet demo}: a short tour on a stack inside this process. It builds two virtual
 * cables, sends traffic, aggregates them with lagg (failover) and takes the primary link down, prints
 * {@code ifconfig -a}, and runs the seed report's race under the three release policies with a
 * one-line verdict for each. Every step prints the ifconfig command it runs, so the output
 * reads like a terminal session.
 *
 * <p>Step 3 puts lagg0 (failover) over the two cables and shows the traffic move to the
 * second port when the primary's link goes down ({@link #laggStep}); a build without the lagg
 * driver shows one cable going down instead ({@link #cableDownStep}).
 */
public final class Demo {
    private static final int FRAMES = 1000;
    private static final long DST = 0x02_00_00_00_00_99L;

    private final PrintStream out;
    private final NetStack stack;
    private final EmbeddedClient client;

    private Demo(PrintStream out) {
        this.out = out;
        this.stack = Drivers.registerAll(NetStack.builder().name("demo").build());
        this.stack.setInputHandler((ifp, f) -> f.free()); // a protocol that takes every frame
        this.client = new EmbeddedClient(stack);
    }

    /** Runs the tour; 0 when every step did what it says and nothing leaked. */
    public static int run(PrintStream out) throws InterruptedException {
        Demo d = new Demo(out);
        boolean ok = false;
        try {
            ok = d.tour();
        } finally {
            ok &= d.close();
        }
        ok &= d.seed();
        out.println();
        out.println(ok ? "Demo complete: every stack closed with no leaked reference."
                : "Demo FAILED: see the lines marked above.");
        return ok ? 0 : 1;
    }

    private boolean tour() {
        out.println("ifnet: FreeBSD's network-interface layer (sys/net) on the JVM, driven with FreeBSD's ifconfig.");
        out.println("This tour runs on a stack inside this process; 'bin/ifnet daemon' serves one to many clients.");

        heading("1. lo0 exists from the start, as on FreeBSD; rc brings it up. Then two virtual cables:\n"
                + "   an epair is a cable with two ends, a and b; creating one prints its first end.");
        boolean ok = ifconfig("lo0", "up") & ifconfig("lo0");
        ok &= ifconfig("epair", "create") & ifconfig("epair", "create");
        for (String end : List.of("epair0a", "epair0b", "epair1a", "epair1b")) {
            ok &= ifconfig(end, "up");
        }
        ok &= ifconfig("epair0a", "description", "primary", "mtu", "9000");
        ok &= ifconfig("epair0a");

        heading("2. Traffic: frames sent on one end of a cable arrive on the other.");
        ok &= traffic("epair0a", "epair0b", FRAMES, "epair1b", 0);

        heading("3. Link aggregation: lagg0 in failover over epair0a (the primary) and epair1a.");
        ok &= client.cloners().contains("lagg") ? laggStep() : cableDownStep();

        heading("4. Everything, as FreeBSD prints it.");
        ok &= ifconfig("-a");

        heading("5. Errors read as on FreeBSD (these two fail on purpose).");
        ok &= !ifconfig("epair0a", "mtu", "70");
        ok &= !ifconfig("lagg9", "up");
        return ok;
    }

    /**
     * lagg0 (failover) over epair0a and epair1a: traffic leaves on the primary; when the
     * primary's link goes down (its far end, epair0b, goes down) it moves to epair1a within
     * that one link-state event, and it comes back when the primary returns.
     */
    private boolean laggStep() {
        boolean ok = ifconfig("lagg", "create", "laggproto", "failover", "laggport", "epair0a", "laggport", "epair1a", "up");
        ok &= ifconfig("lagg0");
        ok &= traffic("lagg0", "epair0b", FRAMES, "epair1b", 0);
        out.println("   The primary's link goes down (its far end, epair0b, goes down); lagg0 fails over to epair1a:");
        ok &= ifconfig("epair0b", "down");
        ok &= ifconfig("lagg0");
        ok &= traffic("lagg0", "epair0b", 0, "epair1b", FRAMES);
        out.println("   The primary comes back, and carries the traffic again:");
        ok &= ifconfig("epair0b", "up");
        ok &= traffic("lagg0", "epair0b", FRAMES, "epair1b", 0);
        return ok;
    }

    /** Without the lagg driver in the build: one cable's far end goes down and its frames are dropped. */
    private boolean cableDownStep() {
        out.println("   (The lagg driver is not in this build; instead, a cable's far end goes down.)");
        boolean ok = ifconfig("epair0b", "down");
        ok &= ifconfig("epair0a");
        ok &= traffic("epair0a", "epair0b", 0, "epair1b", 0);
        ok &= ifconfig("epair0b", "up");
        return ok;
    }

    /**
     * Sends {@link #FRAMES} frames on {@code from} and checks where they arrive: {@code n1} on
     * {@code to1}, {@code n2} on {@code to2}, the rest dropped on the way.
     */
    private boolean traffic(String from, String to1, int n1, String to2, int n2) {
        long in1 = counter(to1, IfCounter.IPACKETS);
        long in2 = counter(to2, IfCounter.IPACKETS);
        int sent = 0;
        try (IfRef ref = stack.lookup(from)) {
            Ifnet ifp = ref.ifp();
            for (int i = 0; i < FRAMES; i++) {
                Frame f = stack.framePool().get();
                if (f == null) {
                    break;
                }
                Ether.writeHeader(f, DST, ifp.lladdr(), Ether.TYPE_IPV4, 46);
                f.setFlowid(i);
                stack.epoch().enter();
                try {
                    if (ifp.transmit(f)) {
                        sent++;
                    }
                } finally {
                    stack.epoch().exit();
                }
            }
        }
        long got1 = counter(to1, IfCounter.IPACKETS) - in1;
        long got2 = counter(to2, IfCounter.IPACKETS) - in2;
        boolean ok = got1 == n1 && got2 == n2 && sent == n1 + n2;
        out.printf("   %d frames sent on %s: %d arrived on %s, %d on %s, %d dropped%s%n", FRAMES, from,
                got1, to1, got2, to2, FRAMES - sent, ok ? "" : "   <-- UNEXPECTED");
        return ok;
    }

    private long counter(String ifname, IfCounter c) {
        return stack.ioctl(ifname, new GenericRequest.GetInfo()).counters().get(c);
    }

    /** Prints and runs one ifconfig command; true when it exits 0. */
    private boolean ifconfig(String... args) {
        out.println("$ ifconfig " + String.join(" ", args));
        return Ifconfig.run(client, args, out, out) == 0;
    }

    private void heading(String text) {
        out.println();
        out.println(text);
    }

    private boolean close() {
        try {
            stack.close();
            return true;
        } catch (LeakException e) {
            out.println("   LEAK: " + e.getMessage());
            return false;
        }
    }

    /** 6. The seed's race under each policy, with its verdict. */
    private boolean seed() throws InterruptedException {
        heading("6. The seed report's race (freebsd-net, December 2018): T1 is inside an interface's get-media\n"
                + "   request (SIOCGIFMEDIA) while T2 destroys the interface. Fail points pause T1 in the driver\n"
                + "   until T2 is done. The same run under each release policy:");
        boolean ok = true;
        List<SeedRace.Outcome> outcomes = new ArrayList<>();
        for (Policy p : List.of(Policy.LEGACY, Policy.EPOCH_ONLY, Policy.SAFE)) {
            SeedRace.Outcome o = SeedRace.run(p);
            outcomes.add(o);
            out.println("   " + SeedRace.verdict(o));
            ok &= o.noLeakedReferences();
            ok &= p == Policy.SAFE ? o.safe() && o.leaks().isClean() : o.useAfterFree();
        }
        out.println("   So: the race is real (LEGACY), the epoch mechanism alone does not close it (EPOCH_ONLY),");
        out.println("   and ifnet's lifecycle does, for every driver: the softc is torn down only by its release");
        out.println("   hook, after the last reference and an epoch grace period (SAFE).");
        return ok;
    }
}
