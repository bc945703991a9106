package org.ifnet.core;

import java.util.concurrent.TimeUnit;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.core.lifecycle.UseAfterFreeError;

/**
 * The 2018 seed report's interleaving, made deterministic with a fail point: T1 looks
 * {@code ifname} up with a reference and pauses inside its get-media request, just before the
 * driver; T2 (the calling thread) destroys the interface to the end; then T1 resumes. The one
 * copy of these steps, shared by the tests of every driver and by {@code bin/ifnet demo}.
 */
public final class SeedInterleaving {

    /**
     * What T1 saw (exactly one of reply, error, useAfterFree is set) and how many release
     * hooks had run when T1's request returned and after T1 dropped its reference.
     */
    public record Outcome(MediaReply reply, IfnetException error, UseAfterFreeError useAfterFree,
                          long releasesBeforeT1Returned, long releasesAfterT1Closed) {
        public boolean sawUseAfterFree() {
            return useAfterFree != null;
        }
    }

    private SeedInterleaving() {
    }

    /** Runs the interleaving on {@code stack}; {@code ifname} is destroyed afterwards. */
    public static Outcome run(NetStack stack, String ifname) throws InterruptedException {
        FailPoints fp = stack.failPoints();
        FailPoints.Gate gate = fp.pause(FailSite.IOCTL_DRIVER, arg -> arg instanceof GenericRequest.GetMedia);
        long before = stack.releases();
        Object[] seen = new Object[1];
        long[] releasesAtReturn = {-1};
        RuntimeException[] t1Failure = new RuntimeException[1];
        Thread t1 = new Thread(() -> {
            try (IfRef ref = stack.lookup(ifname)) {
                try {
                    seen[0] = ref.ioctl(new GenericRequest.GetMedia());
                } catch (IfnetException | UseAfterFreeError e) {
                    seen[0] = e;
                }
                releasesAtReturn[0] = stack.releases() - before;
            } catch (RuntimeException e) {
                t1Failure[0] = e;
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
        if (t1.isAlive()) {
            throw new IllegalStateException("T1 did not finish within 10 s");
        }
        if (t1Failure[0] != null) {
            throw t1Failure[0];
        }
        stack.quiesce();
        Object r = seen[0];
        return new Outcome(r instanceof MediaReply ? (MediaReply) r : null,
                r instanceof IfnetException ? (IfnetException) r : null,
                r instanceof UseAfterFreeError ? (UseAfterFreeError) r : null,
                releasesAtReturn[0], stack.releases() - before);
    }
}
