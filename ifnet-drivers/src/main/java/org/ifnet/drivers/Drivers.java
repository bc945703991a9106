package org.ifnet.drivers;

import org.ifnet.core.NetStack;
import org.ifnet.drivers.epair.EpairCloner;
import org.ifnet.drivers.lagg.LaggCloner;
import org.ifnet.drivers.lo.LoopbackCloner;
import org.ifnet.drivers.tap.TapCloner;
import org.ifnet.drivers.vlan.VlanCloner;

/** Registers ifnet's drivers on a stack, in FreeBSD's usual order (lo first, so lo0 exists). */
public final class Drivers {
    private Drivers() {
    }

    /** Registers every driver's cloner on {@code stack}; returns the stack. */
    public static NetStack registerAll(NetStack stack) {
        stack.registerCloner(new LoopbackCloner());
        stack.registerCloner(new EpairCloner());
        stack.registerCloner(new TapCloner());
        stack.registerCloner(new VlanCloner(stack));
        stack.registerCloner(new LaggCloner());
        return stack;
    }
}
