package org.ifnet.tool.demo;

import org.ifnet.core.LeakException;
import org.ifnet.core.LeakReport;
import org.ifnet.core.NetStack;
import org.ifnet.core.SeedInterleaving;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.drivers.Drivers;

/**
 * The seed report's interleaving, run for real on a fresh stack under one release policy:
 * T1 looks the interface up (taking a reference) and is paused by a fail point inside its
 * get-media request, just before the driver; T2 destroys the interface to the end; then T1
 * resumes. The steps are the core's {@link SeedInterleaving}, the same the driver tests run.
 */
public final class SeedRace {

    /** What happened under one policy. */
    public record Outcome(Policy policy, String ifname, boolean useAfterFree, IfnetException error,
                          boolean gotReply, long releasesBeforeT1Returned, long releasesAfterT1Closed,
                          LeakReport leaks) {
        /** SAFE's promise: no use after free, one release, and only after T1 let go. */
        public boolean safe() {
            return !useAfterFree && releasesBeforeT1Returned == 0 && releasesAfterT1Closed == 1;
        }

        /** No reference held and every softc released when the stack closed. */
        public boolean noLeakedReferences() {
            return leaks.heldReferences().isEmpty() && leaks.unreleasedSoftcs().isEmpty();
        }
    }

    private SeedRace() {
    }

    /**
     * Runs the interleaving on a new stack under {@code policy} and closes the stack. The
     * interface is lagg0, the seed's protagonist, when the lagg driver is in the build, else a
     * second loopback (lo1); either way one interface with one softc.
     */
    public static Outcome run(Policy policy) throws InterruptedException {
        NetStack stack = Drivers.registerAll(NetStack.builder().name("seed-" + policy.name().toLowerCase())
                .policy(policy).tracking(true).build());
        String ifname = stack.create(stack.cloners().contains("lagg") ? "lagg" : "lo");
        SeedInterleaving.Outcome seen = SeedInterleaving.run(stack, ifname);
        LeakReport leaks;
        try {
            stack.close();
            leaks = stack.leakReport();
        } catch (LeakException e) {
            leaks = e.report();
        }
        return new Outcome(policy, ifname, seen.sawUseAfterFree(), seen.error(), seen.reply() != null,
                seen.releasesBeforeT1Returned(), seen.releasesAfterT1Closed(), leaks);
    }

    /** The one-line verdict the demo prints. */
    public static String verdict(Outcome o) {
        String p = String.format("%-10s %s: ", o.policy(), o.ifname());
        if (o.useAfterFree()) {
            return p + "USE AFTER FREE: T1's get-media ran in the driver on a softc that destroy had freed"
                    + (o.policy() == Policy.EPOCH_ONLY
                    ? " (the epoch wait does not cover an ioctl that holds only a reference)"
                    : " (the 2018 race)");
        }
        if (o.safe()) {
            String t1 = o.error() != null ? "got " + o.error().errno() + " (" + o.error().errno().text() + ")"
                    : "got a valid reply";
            return p + "clean: T1 " + t1 + "; the softc was released once, after T1 let go";
        }
        return p + "WRONG: no use after free seen, but the softc was released "
                + o.releasesAfterT1Closed() + " time(s), " + o.releasesBeforeT1Returned() + " before T1 returned";
    }
}
