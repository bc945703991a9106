package org.ifnet.core;

/**
 * Interface events (FreeBSD's ifnet_arrival_event, ifnet_departure_event,
 * ifnet_link_event, ifnet_rename_event). Listeners run on the thread that caused the event,
 * with no layer lock held; a departure listener runs before the driver detaches the interface,
 * so an owner (lagg, vlan) can let go of it first.
 */
public interface IfListener {
    default void arrival(Ifnet ifp) {
    }

    default void departure(Ifnet ifp) {
    }

    default void linkStateChanged(Ifnet ifp, LinkState state) {
    }

    default void renamed(Ifnet ifp, String oldName) {
    }
}
