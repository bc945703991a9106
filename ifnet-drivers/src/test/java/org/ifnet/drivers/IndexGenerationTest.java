package org.ifnet.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.IfState;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.vlan.VlanRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rule 5 for every driver: a handle kept across destroy and re-create of the same name, which
 * gets the same index back, never reaches the new interface; neither does a lookup by the old
 * (index, generation).
 */
class IndexGenerationTest {

    @ParameterizedTest
    @EnumSource(DriverKit.class)
    void aStaleHandleGetsEnxioAfterTheNameAndIndexAreReused(DriverKit kit) {
        NetStack stack = kit.newStack(Policy.SAFE, true);
        String name = kit.createNamed(stack, 1);
        IfRef old = stack.lookup(name);
        Ifnet oldIfp = old.ifp();
        int index = oldIfp.index();
        int generation = oldIfp.generation();

        stack.destroy(name);
        assertThat(kit.createNamed(stack, 1)).isEqualTo(name);

        int newGeneration;
        try (IfRef fresh = stack.lookup(name)) {
            assertThat(fresh.ifp()).isNotSameAs(oldIfp);
            assertThat(fresh.ifp().index()).as("the index is reused").isEqualTo(index);
            newGeneration = fresh.ifp().generation();
            assertThat(newGeneration).isNotEqualTo(generation);
        }
        for (IfRequest<?> req : new IfRequest<?>[] {new GenericRequest.GetFlags(), new GenericRequest.GetMedia(),
            new GenericRequest.SetDescr("stale"), new GenericRequest.GetInfo(), new VlanRequest.GetVlan()}) {
            assertThatThrownBy(() -> old.ioctl(req)).as(req.ioctlName())
                    .isInstanceOfSatisfying(IfnetException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENXIO));
        }
        assertThatThrownBy(() -> stack.lookup(index, generation))
                .isInstanceOfSatisfying(IfnetException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENXIO));
        try (IfRef byIndex = stack.lookup(index, newGeneration)) {
            assertThat(byIndex.name()).isEqualTo(name);
            assertThat(byIndex.ioctl(new GenericRequest.GetDescr())).as("the stale write never landed").isEmpty();
        }

        old.close();
        stack.quiesce();
        assertThat(oldIfp.state()).isEqualTo(IfState.RELEASED);
        Leaks.assertClosedClean(stack);
    }
}
