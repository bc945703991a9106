package org.ifnet.drivers;

import java.util.function.Supplier;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;

/**
 * Brings an interface's link state to what its driver wants without holding any lock while
 * the link-state listeners run (listeners such as lagg's take their own locks and call back
 * into drivers; firing them under a driver lock invites a lock-order deadlock).
 *
 * <p>Why a loop: two threads may compute the wanted state at different moments (an open and
 * a close of a tap, a reconfiguration of a vlan and a link event of its parent). Each caller
 * re-reads the wanted state after its own write and writes again until the interface shows
 * it, so the last writer always leaves the state that was wanted last. {@code desired} must be
 * cheap and lock-free (it reads volatile driver state).
 */
public final class LinkSync {
    /** Enough for any real interleaving; only a link flapping without pause could exhaust it. */
    private static final int MAX_ROUNDS = 64;

    private LinkSync() {
    }

    /** Sets {@code ifp}'s link state to {@code desired.get()} until the two agree. */
    public static void converge(Ifnet ifp, Supplier<LinkState> desired) {
        for (int i = 0; i < MAX_ROUNDS; i++) {
            LinkState want = desired.get();
            if (ifp.linkState() == want) {
                return;
            }
            ifp.setLinkState(want);
        }
    }
}
