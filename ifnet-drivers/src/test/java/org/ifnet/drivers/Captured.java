package org.ifnet.drivers;

import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.NetStack;
import org.ifnet.core.frame.Frame;

/** The stack's input handler for tests: remembers (interface, bytes, tag) and frees each frame. */
final class Captured {
    record In(String ifname, byte[] bytes, boolean tagged, int tag) {
    }

    private final List<In> frames = new ArrayList<>();

    static Captured install(NetStack stack) {
        Captured c = new Captured();
        stack.setInputHandler((ifp, f) -> c.take(ifp, f));
        return c;
    }

    private synchronized void take(Ifnet ifp, Frame f) {
        frames.add(new In(ifp.name(), Frames.bytes(f), f.hasVlanTag(), f.vlanTag()));
        f.free();
    }

    synchronized List<In> all() {
        return List.copyOf(frames);
    }

    synchronized void clear() {
        frames.clear();
    }

    /** Sends a frame on {@code ifname} holding a reference (rule 1); returns the driver's answer. */
    static boolean send(NetStack stack, String ifname, Frame f) {
        try (IfRef ref = stack.lookup(ifname)) {
            return ref.ifp().transmit(f);
        }
    }
}
