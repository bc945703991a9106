package org.ifnet.core.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.IfRef;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.core.lifecycle.UseAfterFreeError;

/**
 * The seed's interleaving, made deterministic with a fail point: T1 looks {@code ifname} up
 * with a reference and pauses inside the get-media request, just before the driver; T2
 * destroys the interface to the end; then T1 resumes. Reused by every driver's test.
 */
public final class SeedScenario {

    /** What T1 saw and when the release hook ran relative to T1's return. */
    public record Outcome(MediaReply reply, IfnetException error, UseAfterFreeError useAfterFree,
                          long releasesBeforeT1Returned, long releasesAfterT1Closed) {
        public boolean sawUseAfterFree() {
            return useAfterFree != null;
        }
    }

    private SeedScenario() {
    }

    public static Outcome run(NetStack stack, String ifname) throws Exception {
        FailPoints fp = stack.failPoints();
        FailPoints.Gate gate = fp.pause(FailSite.IOCTL_DRIVER, arg -> arg instanceof GenericRequest.GetMedia);
        long before = stack.releases();
        CompletableFuture<Object[]> t1 = CompletableFuture.supplyAsync(() -> {
            Object[] result = new Object[4];
            try (IfRef ref = stack.lookup(ifname)) {
                try {
                    result[0] = ref.ioctl(new GenericRequest.GetMedia());
                } catch (IfnetException e) {
                    result[1] = e;
                } catch (UseAfterFreeError e) {
                    result[2] = e;
                }
                result[3] = stack.releases();
            }
            return result;
        });
        try {
            if (!gate.awaitArrival(10, TimeUnit.SECONDS)) {
                throw new AssertionError("T1 never reached the driver's get-media request");
            }
            stack.destroy(ifname); // T2, here on the test thread: runs to the end
        } finally {
            gate.open();
            fp.clear(FailSite.IOCTL_DRIVER);
        }
        Object[] r = t1.get(10, TimeUnit.SECONDS);
        stack.quiesce();
        return new Outcome((MediaReply) r[0], (IfnetException) r[1], (UseAfterFreeError) r[2],
                (long) r[3] - before, stack.releases() - before);
    }
}
