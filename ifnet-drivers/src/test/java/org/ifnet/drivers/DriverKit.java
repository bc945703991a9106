package org.ifnet.drivers;

import java.util.List;
import java.util.Random;
import org.ifnet.core.IfFlags;
import org.ifnet.core.NetStack;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.lifecycle.Policy;

/**
 * What the driver-generic tests need to know about each driver: how to make a stack for it, how
 * to create "its" interface under a given unit, and which names a stress run churns.
 * Every stack has all drivers registered (lo0 exists); the vlan kit also has the parent pair
 * epair0a/epair0b, both UP.
 */
enum DriverKit {
    LO,
    EPAIR {
        @Override
        List<String> targets(int unit) {
            return List.of("epair" + unit + "a", "epair" + unit + "b");
        }
    },
    TAP,
    LAGG,
    VLAN {
        @Override
        void prepare(NetStack stack) {
            stack.create("epair0");
            up(stack, "epair0a");
            up(stack, "epair0b");
        }

        @Override
        String createNamed(NetStack stack, int unit) {
            return stack.create("vlan" + unit, CloneParams.of("vlandev", "epair0a", "vlan", Integer.toString(100 + unit)));
        }
    };

    /** A stack in {@code policy} with every driver registered and this kit's fixtures. */
    NetStack newStack(Policy policy, boolean tracking) {
        NetStack stack = NetStack.builder().policy(policy).tracking(tracking).build();
        Drivers.registerAll(stack);
        prepare(stack);
        return stack;
    }

    void prepare(NetStack stack) {
    }

    /** Creates this driver's interface with unit {@code unit}; returns the name to use ("epair1a"). */
    String createNamed(NetStack stack, int unit) {
        return stack.create(name().toLowerCase() + unit);
    }

    /** The interfaces that creating unit {@code unit} makes (both ends of an epair). */
    List<String> targets(int unit) {
        return List.of(name().toLowerCase() + unit);
    }

    /** A random name among the units a stress run churns (1..3). */
    String randomTarget(Random rnd) {
        List<String> t = targets(1 + rnd.nextInt(3));
        return t.get(rnd.nextInt(t.size()));
    }

    static void up(NetStack stack, String name) {
        int flags = stack.ioctl(name, new GenericRequest.GetFlags());
        stack.ioctl(name, new GenericRequest.SetFlags(flags | IfFlags.UP));
    }
}
