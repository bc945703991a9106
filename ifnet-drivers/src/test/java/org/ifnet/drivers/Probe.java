package org.ifnet.drivers;

import org.ifnet.core.IfInfo;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.GenericRequest;

/** Short reads of an interface's state for assertions. */
final class Probe {
    private Probe() {
    }

    static IfInfo info(NetStack stack, String name) {
        return stack.ioctl(name, new GenericRequest.GetInfo());
    }

    static String status(NetStack stack, String name) {
        return stack.ioctl(name, new GenericRequest.GetStatus());
    }

    /** The interface object itself (for its state and refcount after it is gone); no reference is kept. */
    static Ifnet ifnet(NetStack stack, String name) {
        try (IfRef r = stack.lookup(name)) {
            return r.ifp();
        }
    }
}
