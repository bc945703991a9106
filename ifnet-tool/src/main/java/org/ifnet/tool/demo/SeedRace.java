package org.ifnet.tool.demo;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ifnet.core.IfRef;
import org.ifnet.core.LeakException;
import org.ifnet.core.LeakReport;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.core.lifecycle.UseAfterFreeError;
import org.ifnet.drivers.Drivers;

/**
 * The seed report's interleaving, run for real on a fresh stack under one release policy:
 * T1 looks the interface up (taking a reference) and is paused by a fail point inside its
 * get-media request, just before the driver; T2 destroys the interface to the end; then T1
 * resumes. The same steps as the core's test helper SeedScenario, which lives in a test jar
 * the tool cannot use at run time.
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
        FailPoints fp = stack.failPoints();
        FailPoints.Gate gate = fp.pause(FailSite.IOCTL_DRIVER, arg -> arg instanceof GenericRequest.GetMedia);
        long before = stack.releases();
        AtomicReference<Object> t1Result = new AtomicReference<>();
        long[] releasesAtReturn = {-1};
        Thread t1 = new Thread(() -> {
            try (IfRef ref = stack.lookup(ifname)) {
                try {
                    t1Result.set(ref.ioctl(new GenericRequest.GetMedia()));
                } catch (IfnetException | UseAfterFreeError e) {
                    t1Result.set(e);
                }
                releasesAtReturn[0] = stack.releases() - before;
            }
        }, "T1");
        t1.start();
        try {
            if (!gate.awaitArrival(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("T1 never reached the driver's get-media request");
            }
            stack.destroy(ifname); // T2, on this thread, to the end
        } finally {
            gate.open();
            fp.clear(FailSite.IOCTL_DRIVER);
        }
        t1.join(TimeUnit.SECONDS.toMillis(10));
        stack.quiesce();
        long after = stack.releases() - before;
        LeakReport leaks;
        try {
            stack.close();
            leaks = stack.leakReport();
        } catch (LeakException e) {
            leaks = e.report();
        }
        Object r = t1Result.get();
        return new Outcome(policy, ifname, r instanceof UseAfterFreeError,
                r instanceof IfnetException ? (IfnetException) r : null,
                r != null && !(r instanceof Throwable), releasesAtReturn[0], after, leaks);
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
