package org.ifnet.core.clone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ifnet.core.IfListener;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.testing.Leaks;
import org.ifnet.core.testing.ToyCloner;
import org.ifnet.core.testing.ToyPairCloner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cloners (issue 2, item 5): simple and advanced, units, params, rollback, groups, listing. */
@Timeout(60)
class ClonerTest {

    private static Errno errnoOf(Runnable r) {
        try {
            r.run();
        } catch (IfnetException e) {
            return e.errno();
        }
        throw new AssertionError("expected an IfnetException");
    }

    // ------------------------------------------------------------------ simple cloners

    @Test
    void simpleClonerPermanentUnitsExistAtRegistrationAndCannotBeDestroyed() {
        NetStack s = NetStack.builder().build();
        ToyCloner c = new ToyCloner(2, 7);
        s.registerCloner(c);
        assertThat(s.interfaces()).containsExactly("toy0", "toy1");
        IfnetException e = catchIt(() -> s.destroy("toy1"));
        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(e.getMessage()).contains("toy1").contains("permanent");
        assertThat(s.interfaces()).containsExactly("toy0", "toy1");
        assertThat(s.create("toy")).isEqualTo("toy2");
        s.destroy("toy2");
        // close() destroys the permanent units too, and releases them
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
        assertThat(c.softcs()).hasSize(3);
    }

    @Test
    void unitsLowestFreeSpecificEexistEnospc() {
        NetStack s = NetStack.builder().build();
        ToyCloner c = new ToyCloner(0, 3);
        s.registerCloner(c);
        assertThat(s.create("toy")).isEqualTo("toy0");
        assertThat(s.create("toy2")).isEqualTo("toy2");
        assertThat(s.create("toy")).isEqualTo("toy1");
        assertThat(s.create("toy")).isEqualTo("toy3");
        assertThat(errnoOf(() -> s.create("toy"))).isEqualTo(Errno.ENOSPC);
        assertThat(errnoOf(() -> s.create("toy4"))).isEqualTo(Errno.ENOSPC);
        assertThat(errnoOf(() -> s.create("toy2"))).isEqualTo(Errno.EEXIST);
        s.destroy("toy1");
        assertThat(c.units().inUse(1)).isFalse();
        assertThat(s.create("toy")).isEqualTo("toy1");
        assertThat(s.interfaces()).containsExactlyInAnyOrder("toy0", "toy1", "toy2", "toy3");
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
    }

    @Test
    void aUnitIsEexistWhileARenamedInterfaceOwnsIt() {
        NetStack s = NetStack.builder().build();
        ToyCloner c = new ToyCloner();
        s.registerCloner(c);
        s.create("toy4");
        s.ioctl("toy4", new GenericRequest.SetName("wan0"));
        assertThat(c.units().inUse(4)).isTrue();
        assertThat(errnoOf(() -> s.create("toy4"))).isEqualTo(Errno.EEXIST);
        s.destroy("wan0");
        assertThat(c.units().inUse(4)).isFalse();
        assertThat(s.create("toy4")).isEqualTo("toy4");
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
    }

    /** Regression: FreeBSD's ifc_alloc_unit_next skips a unit whose name a renamed interface holds. */
    @Test
    void lowestFreeUnitSkipsANameHeldByARenamedInterface() {
        NetStack s = NetStack.builder().build();
        ToyCloner c = new ToyCloner();
        s.registerCloner(c);
        s.create("toy0");
        s.create("toy5");
        s.ioctl("toy5", new GenericRequest.SetName("toy1")); // "toy1" now names unit 5
        assertThat(s.create("toy")).isEqualTo("toy2");
        assertThat(c.units().inUse(1)).as("the skipped unit is given back").isFalse();
        assertThat(errnoOf(() -> s.create("toy1"))).isEqualTo(Errno.EEXIST);
        s.destroy("toy1");
        assertThat(s.create("toy")).isEqualTo("toy1");
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
    }

    @Test
    void namesThatNoClonerMatchesAndMalformedUnitsAreEinval() {
        NetStack s = NetStack.builder().build();
        s.registerCloner(new ToyCloner());
        assertThat(errnoOf(() -> s.create("toy01"))).isEqualTo(Errno.EINVAL);  // leading zero
        assertThat(errnoOf(() -> s.create("toy00"))).isEqualTo(Errno.EINVAL);
        assertThat(errnoOf(() -> s.create("toyx"))).isEqualTo(Errno.EINVAL);
        assertThat(errnoOf(() -> s.create("nosuch0"))).isEqualTo(Errno.EINVAL);
        assertThat(errnoOf(() -> s.create("toy0 "))).isEqualTo(Errno.EINVAL);   // bad character
        assertThat(errnoOf(() -> s.create("toy1234567890123"))).isEqualTo(Errno.EINVAL); // 16 chars
        assertThat(errnoOf(() -> s.create(""))).isEqualTo(Errno.EINVAL);
        assertThat(s.create("toy0")).isEqualTo("toy0");
        assertThat(s.interfaces()).containsExactly("toy0");
        Leaks.assertClosedClean(s);
    }

    @Test
    void registeringTwoClonersWithOneNameIsEexistAndClonersListsThemInOrder() {
        NetStack s = NetStack.builder().build();
        s.registerCloner(new ToyCloner());
        s.registerCloner(new ToyPairCloner());
        assertThat(errnoOf(() -> s.registerCloner(new ToyCloner()))).isEqualTo(Errno.EEXIST);
        assertThat(s.cloners()).containsExactly("toy", "tpair");
        Leaks.assertClosedClean(s);
    }

    // ------------------------------------------------------------------ params

    @Test
    void createWithDriverParameters() {
        NetStack s = NetStack.builder().build();
        ToyCloner c = new ToyCloner();
        s.registerCloner(c);
        assertThat(s.create("toy", CloneParams.of("mtu", "9000"))).isEqualTo("toy0");
        assertThat(s.ioctl("toy0", new GenericRequest.GetMtu())).isEqualTo(9000);
        assertThat(s.create("toy", CloneParams.of("lladdr", "none"))).isEqualTo("toy1");
        assertThat(s.ioctl("toy1", new GenericRequest.GetInfo()).lladdr()).isEqualTo(org.ifnet.core.MacAddress.NONE);
        // bad parameters: EINVAL, nothing created, no unit kept
        assertThat(errnoOf(() -> s.create("toy", CloneParams.of("mtu", "huge")))).isEqualTo(Errno.EINVAL);
        assertThat(errnoOf(() -> s.create("toy", CloneParams.of("mtu", "10")))).isEqualTo(Errno.EINVAL);
        assertThat(errnoOf(() -> s.create("toy", CloneParams.of("colour", "blue")))).isEqualTo(Errno.EINVAL);
        assertThat(c.units().inUse(2)).isFalse();
        assertThat(s.interfaces()).containsExactly("toy0", "toy1");
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
    }

    // ------------------------------------------------------------------ advanced cloners

    @Test
    void advancedClonerUsesItsOwnMatcherAndMakesAPair() {
        NetStack s = NetStack.builder().build();
        ToyPairCloner c = new ToyPairCloner();
        s.registerCloner(c);
        assertThat(s.create("tpair")).isEqualTo("tpair0a");
        assertThat(s.create("tpair7")).isEqualTo("tpair7a");
        assertThat(s.create("tpair")).isEqualTo("tpair1a");
        assertThat(s.interfaces()).containsExactly("tpair0a", "tpair0b", "tpair7a", "tpair7b", "tpair1a", "tpair1b");
        assertThat(errnoOf(() -> s.create("tpair7"))).isEqualTo(Errno.EEXIST);
        assertThat(errnoOf(() -> s.create("tpair07"))).isEqualTo(Errno.EINVAL);   // its matcher says no
        assertThat(errnoOf(() -> s.create("tpair0a"))).isEqualTo(Errno.EEXIST);   // name taken first
        assertThat(errnoOf(() -> s.create("tpair9a"))).isEqualTo(Errno.EINVAL);
        assertThat(s.groupMembers("tpair")).hasSize(6);
        // destroying either end destroys both
        s.destroy("tpair7b");
        assertThat(s.interfaces()).containsExactly("tpair0a", "tpair0b", "tpair1a", "tpair1b");
        assertThat(c.units().inUse(7)).isFalse();
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce();
        assertThat(c.softcs()).hasSize(6);
    }

    // ------------------------------------------------------------------ rollback

    @Test
    void aSimpleDriverThatThrowsAfterAttachLeavesNothingBehind() {
        NetStack s = NetStack.builder().build();
        ToyCloner c = new ToyCloner();
        s.registerCloner(c);
        s.create("toy0");
        int nextIndex = indexOfNewInterface(s, "toy");
        List<String> events = listen(s);
        IfnetException e = catchIt(() -> s.create("toy", CloneParams.of("fail", "afterAttach")));
        assertThat(e.errno()).isEqualTo(Errno.ENOMEM);
        assertThat(s.interfaces()).containsExactly("toy0");
        assertThat(s.find("toy1")).isNull();
        assertThat(c.units().inUse(1)).isFalse();
        assertThat(s.groupMembers("toy")).containsExactly("toy0");
        assertThat(events).doesNotContain("arrival toy1");
        // the index is free again: the next interface gets it
        assertThat(indexOfNewInterface(s, "toy")).isEqualTo(nextIndex);
        Leaks.assertClosedClean(s);
        c.assertAllReleasedOnce(); // the rolled-back softc was released too, once
    }

    @Test
    void anAdvancedDriverThatThrowsHalfwayLeavesNothingBehind() {
        for (String fail : new String[] {"afterFirst", "afterBoth"}) {
            NetStack s = NetStack.builder().build();
            ToyPairCloner c = new ToyPairCloner();
            s.registerCloner(c);
            List<String> events = listen(s);
            IfnetException e = catchIt(() -> s.create("tpair3", CloneParams.of("fail", fail)));
            assertThat(e.errno()).as(fail).isEqualTo(Errno.ENOMEM);
            assertThat(s.interfaces()).as(fail).isEmpty();
            assertThat(c.units().inUse(3)).as(fail).isFalse();
            assertThat(s.groups()).as(fail).containsExactly("all");
            assertThat(events).as(fail).noneMatch(ev -> ev.startsWith("arrival"));
            assertThat(s.create("tpair3")).isEqualTo("tpair3a");
            try (IfRef r = s.lookup("tpair3a")) {
                assertThat(r.ifp().index()).as(fail + ": the first index is free again").isEqualTo(1);
            }
            Leaks.assertClosedClean(s);
            c.assertAllReleasedOnce();
        }
    }

    private static int indexOfNewInterface(NetStack s, String cloner) {
        String n = s.create(cloner);
        try (IfRef r = s.lookup(n)) {
            return r.ifp().index();
        } finally {
            s.destroy(n);
        }
    }

    private static List<String> listen(NetStack s) {
        List<String> events = new CopyOnWriteArrayList<>();
        s.addListener(new IfListener() {
            @Override
            public void arrival(Ifnet ifp) {
                events.add("arrival " + ifp.name());
            }

            @Override
            public void departure(Ifnet ifp) {
                events.add("departure " + ifp.name());
            }
        });
        return events;
    }

    private static IfnetException catchIt(Runnable r) {
        try {
            r.run();
        } catch (IfnetException e) {
            return e;
        }
        throw new AssertionError("expected an IfnetException");
    }
}
