package org.ifnet.drivers.lagg;

import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfType;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;
import org.ifnet.core.MacAddress;
import org.ifnet.core.Softc;
import org.ifnet.core.clone.CloneContext;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.clone.SimpleCloner;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;

/**
 * A test-only Ethernet driver ("ceth") whose hardware takes MTUs up to {@value #MAX_MTU}
 * only, like a NIC without jumbo frames: the real refusal path lagg's MTU rollback must
 * handle. Its link follows its own UP flag; frames sent on it are counted and freed.
 */
final class CappedEtherCloner extends SimpleCloner {
    static final int MAX_MTU = 1600;

    CappedEtherCloner() {
        super("ceth", 0, 100);
    }

    @Override
    public Ifnet create(CloneContext ctx, String name, int unit, CloneParams params) {
        long mac = MacAddress.generate(0xce70L + unit);
        IfSpec spec = new IfSpec(name, IfType.ETHER, IfFlags.BROADCAST | IfFlags.SIMPLEX | IfFlags.MULTICAST,
                1500, mac, 0, 0, 1_000_000_000L, unit);
        return ctx.attach(spec, new Sc());
    }

    private static final class Sc extends Softc {
        @Override
        protected int maxMtu() {
            return MAX_MTU;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected <R> R ioctl(IfRequest<R> req) {
            lockAttached();
            try {
                if (req instanceof GenericRequest.SetFlags) {
                    boolean up = ifp().isUp();
                    ifp().setDriverFlags(up ? IfFlags.RUNNING : 0, up ? 0 : IfFlags.RUNNING);
                    ifp().setLinkState(up ? LinkState.UP : LinkState.DOWN);
                    return (R) Ack.OK;
                }
                return super.ioctl(req);
            } finally {
                unlock();
            }
        }

        @Override
        protected boolean transmit(Frame f) {
            checkLive();
            ifp().counters().addPacket(IfCounter.OPACKETS, IfCounter.OBYTES, f.length());
            f.free();
            return true;
        }

        @Override
        protected void onRelease() {
            lock();
            unlock();
        }
    }
}
