package org.ifnet.drivers;

import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.NetStack;
import org.ifnet.core.PortOwner;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.IfRequest;

/**
 * Captures the raw bytes an interface receives, before the layer strips any 802.1Q header:
 * installed as the interface's port owner, it sees input first (what a sniffer on the wire sees).
 */
final class WireTap implements PortOwner {
    private final List<byte[]> frames = new ArrayList<>();

    static WireTap on(NetStack stack, String ifname) {
        WireTap t = new WireTap();
        try (IfRef ref = stack.lookup(ifname)) {
            if (!ref.ifp().setPortOwner(t)) {
                throw new AssertionError(ifname + " already has a port owner");
            }
        }
        return t;
    }

    @Override
    public String ownerName() {
        return "wiretap";
    }

    @Override
    public synchronized void input(Ifnet port, Frame f) {
        frames.add(Frames.bytes(f));
        f.free();
    }

    @Override
    public <R> R ioctl(Ifnet port, IfRequest<R> req) {
        return port.driverIoctl(req);
    }

    synchronized List<byte[]> frames() {
        return List.copyOf(frames);
    }
}
