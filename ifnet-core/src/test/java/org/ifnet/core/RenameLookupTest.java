package org.ifnet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.clone.CloneContext;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.clone.SimpleCloner;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.core.testing.Leaks;
import org.junit.jupiter.api.Test;

/**
 * A rename switches the name a lookup finds in one step: while it is in flight (paused after
 * reserving the new name), the new name finds nothing and the old one finds the interface
 * under its old name; afterwards only the new name finds it. Found by the race explorer's
 * rename-vs-lookup scenario: before the fix, a lookup of the new name returned an interface
 * still named the old one, and both names resolved at once.
 */
class RenameLookupTest {

    static final class TestSoftc extends Softc {
        @Override
        protected boolean transmit(Frame f) {
            f.free();
            return false;
        }

        @Override
        protected void onRelease() {
        }
    }

    static final class TestCloner extends SimpleCloner {
        TestCloner() {
            super("tst", 0, 100);
        }

        @Override
        public Ifnet create(CloneContext ctx, String name, int unit, CloneParams params) {
            return ctx.attach(IfSpec.ether(name, unit, 0x020000000001L + unit, 0, 0), new TestSoftc());
        }
    }

    @Test
    void lookupsSeeOneNameWhileARenameIsInFlight() throws Exception {
        NetStack stack = NetStack.builder().tracking(true).build();
        stack.registerCloner(new TestCloner());
        stack.create("tst1");
        FailPoints.Gate gate = stack.failPoints().pause(FailSite.RENAME_RESERVED);
        CompletableFuture<Object> rename = CompletableFuture.supplyAsync(
                () -> stack.ioctl("tst1", new GenericRequest.SetName("tst9")));
        try {
            assertThat(gate.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stack.find("tst9")).as("the new name before the rename is published").isNull();
            try (IfRef old = stack.find("tst1")) {
                assertThat(old).isNotNull();
                assertThat(old.name()).isEqualTo("tst1");
            }
        } finally {
            gate.open();
        }
        rename.get(10, TimeUnit.SECONDS);
        assertThat(stack.find("tst1")).isNull();
        try (IfRef renamed = stack.find("tst9")) {
            assertThat(renamed.name()).isEqualTo("tst9");
        }
        Leaks.assertClosedClean(stack);
    }
}
