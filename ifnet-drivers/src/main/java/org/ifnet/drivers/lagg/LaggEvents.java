package org.ifnet.drivers.lagg;

import org.ifnet.core.IfListener;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;
import org.ifnet.core.PortOwner;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.Epoch;

/**
 * The interface events lagg follows, one listener per stack for all its laggs (FreeBSD's
 * lagg_port_ifdetach on ifnet_departure_event, and lagg_linkstate_p):
 * <ul>
 * <li>a member's departure removes its port, leaving the dying member as it is;</li>
 * <li>a member's link change re-selects the active ports and the lagg's link.</li>
 * </ul>
 * The member's port owner is read inside an epoch section and a reference on the lagg is
 * taken there, so the lagg cannot be released between finding it and using it (a lagg
 * detaching its ports waits for a grace period before it can go). A lagg that is already
 * being destroyed is left alone: its own detach removes its ports.
 */
final class LaggEvents implements IfListener {
    static final LaggEvents INSTANCE = new LaggEvents();

    private LaggEvents() {
    }

    @Override
    public void departure(Ifnet ifp) {
        if (!(ifp.portOwner() instanceof LaggPort)) {
            return;
        }
        ifp.stack().failPoints().hit(LaggSites.DEPARTURE, ifp);
        Held h = hold(ifp);
        if (h == null) {
            return;
        }
        try {
            h.port().sc.memberDeparting(h.port());
        } catch (IfnetException e) {
            // the lagg was detached meanwhile: its detach removed the port
        } finally {
            h.lagg().close();
        }
    }

    @Override
    public void linkStateChanged(Ifnet ifp, LinkState state) {
        Held h = hold(ifp);
        if (h == null) {
            return;
        }
        try {
            h.port().sc.portStateChanged();
        } finally {
            h.lagg().close();
        }
    }

    /** A member's lagg port and a reference on its lagg. */
    private record Held(LaggPort port, IfRef lagg) {
    }

    /** The member's lagg port with a reference on its lagg, both taken in one epoch section; or null. */
    private static Held hold(Ifnet ifp) {
        Epoch epoch = ifp.stack().epoch();
        epoch.enter();
        try {
            PortOwner o = ifp.portOwner();
            if (!(o instanceof LaggPort)) {
                return null;
            }
            LaggPort lp = (LaggPort) o;
            IfRef lagg = lp.sc.tryRef();
            return lagg == null ? null : new Held(lp, lagg);
        } finally {
            epoch.exit();
        }
    }
}
