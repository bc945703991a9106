package org.ifnet.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.ifnet.core.LeakReport;
import org.ifnet.core.NetStack;

/** The check every test ends with: the stack it used holds nothing it should not. */
public final class Leaks {
    private Leaks() {
    }

    /** Closes the stack (destroying what is left) and asserts a clean leak report. */
    public static void assertClosedClean(NetStack stack) {
        stack.close(); // throws LeakException listing what leaked
        LeakReport r = stack.leakReport();
        assertThat(r.isClean()).as(r.toString()).isTrue();
    }

    /** As above, but tolerates poisoned accesses (the LEGACY and EPOCH_ONLY demonstrations). */
    public static void assertNoLeakedReferences(NetStack stack) {
        try {
            stack.close();
        } catch (org.ifnet.core.LeakException e) {
            LeakReport r = e.report();
            assertThat(r.heldReferences()).as(r.toString()).isEmpty();
            assertThat(r.unreleasedSoftcs()).as(r.toString()).isEmpty();
            assertThat(r.doubleCloses()).isZero();
            assertThat(r.outstandingFrames()).isZero();
        }
    }
}
