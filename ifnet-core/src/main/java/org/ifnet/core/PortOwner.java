package org.ifnet.core;

import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.IfRequest;

/**
 * An interface that has taken another as a member port (lagg; FreeBSD's if_lagg pointer and
 * its replacement of the port's if_ioctl). While installed, the port's input goes to
 * {@link #input} and the port's driver-bound requests go through {@link #ioctl} first.
 * At most one owner per interface.
 */
public interface PortOwner {
    /** The owning interface's name, for messages ("epair0a is a member of lagg0"). */
    String ownerName();

    /** Input received on {@code port}; the owner now owns the frame. Called inside an epoch section. */
    void input(Ifnet port, Frame f);

    /**
     * A request on {@code port} on its way to the port's driver: refuse it, handle it, or
     * pass it on with {@code port.driverIoctl(req)}.
     */
    <R> R ioctl(Ifnet port, IfRequest<R> req);
}
