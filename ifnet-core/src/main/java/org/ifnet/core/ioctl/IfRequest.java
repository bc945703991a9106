package org.ifnet.core.ioctl;

/**
 * A typed request on one interface (FreeBSD's SIOC* ioctls), whose reply has type {@code R}.
 *
 * <p>{@link GenericRequest}s are known to the interface layer, which handles them itself or
 * passes them on to the driver as FreeBSD's ifhwioctl() does. {@link DriverRequest}s are
 * defined by drivers (vlan, lagg) and go straight to the driver; a driver that does not know a
 * request answers ENOTTY.
 */
public interface IfRequest<R> {
    /** The FreeBSD name of the request, such as "SIOCGIFMEDIA", for messages and traces. */
    String ioctlName();

    /** True when the request changes state (and so needs privilege over the control socket). */
    boolean mutates();
}
