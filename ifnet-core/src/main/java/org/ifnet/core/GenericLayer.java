package org.ifnet.core;

import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.CapReply;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.GenericRequest.AddGroup;
import org.ifnet.core.ioctl.GenericRequest.DelGroup;
import org.ifnet.core.ioctl.GenericRequest.SetCap;
import org.ifnet.core.ioctl.GenericRequest.SetDescr;
import org.ifnet.core.ioctl.GenericRequest.SetFlags;
import org.ifnet.core.ioctl.GenericRequest.SetLladdr;
import org.ifnet.core.ioctl.GenericRequest.SetMetric;
import org.ifnet.core.ioctl.GenericRequest.SetMtu;
import org.ifnet.core.ioctl.GenericRequest.SetName;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.core.lifecycle.IfState;

/**
 * The generic request layer (FreeBSD's ifioctl / ifhwioctl): checks that the interface is
 * attached, handles what the layer owns, and passes the rest to the port owner and driver.
 *
 * <p>Failure atomicity: every request validates before it changes anything, and a request
 * passed to the driver is committed by the layer only after the driver accepted it, so a
 * request that throws leaves the interface as it was. SIOCSIFFLAGS is the one exception in
 * FreeBSD's order (the driver reads the new flags), so the layer sets them first and puts the
 * changeable bits back if the driver refuses.
 */
final class GenericLayer {
    static final int IF_MINMTU = 72;
    static final int IF_MAXMTU = 65535;
    static final int IFDESCRSIZE = 1024;

    private final NetStack stack;

    GenericLayer(NetStack stack) {
        this.stack = stack;
    }

    @SuppressWarnings("unchecked")
    <R> R dispatch(Ifnet ifp, IfRequest<R> req) {
        if (ifp.state() != IfState.ATTACHED) {
            throw new IfnetException(Errno.ENXIO, "interface " + ifp.name() + " is being destroyed");
        }
        if (!(req instanceof GenericRequest)) {
            return toDriver(ifp, req);
        }
        if (req instanceof GenericRequest.GetMedia || req instanceof GenericRequest.SetMedia
                || req instanceof GenericRequest.GetStatus) {
            return toDriver(ifp, req);
        }
        if (req instanceof GenericRequest.GetFlags) {
            return (R) Integer.valueOf(ifp.flags());
        }
        if (req instanceof GenericRequest.GetMtu) {
            return (R) Integer.valueOf(ifp.mtu());
        }
        if (req instanceof GenericRequest.GetMetric) {
            return (R) Integer.valueOf(ifp.metric());
        }
        if (req instanceof GenericRequest.GetDescr) {
            return (R) ifp.description();
        }
        if (req instanceof GenericRequest.GetIndex) {
            return (R) Integer.valueOf(ifp.index());
        }
        if (req instanceof GenericRequest.GetGroups) {
            return (R) ifp.groups();
        }
        if (req instanceof GenericRequest.GetCap) {
            return (R) new CapReply(ifp.capabilities(), ifp.capenable());
        }
        if (req instanceof GenericRequest.GetInfo) {
            return (R) ifp.info();
        }
        if (req instanceof SetFlags) {
            return (R) setFlags(ifp, (SetFlags) req);
        }
        if (req instanceof SetMtu) {
            int mtu = ((SetMtu) req).mtu();
            if (mtu < IF_MINMTU || mtu > IF_MAXMTU) {
                throw new IfnetException(Errno.EINVAL, "mtu " + mtu + " is outside " + IF_MINMTU + ".." + IF_MAXMTU);
            }
            toDriver(ifp, req);
            ifp.setMtu(mtu);
            return (R) Ack.OK;
        }
        if (req instanceof SetMetric) {
            ifp.setMetricRaw(((SetMetric) req).metric());
            return (R) Ack.OK;
        }
        if (req instanceof SetDescr) {
            String d = ((SetDescr) req).descr();
            if (d.length() >= IFDESCRSIZE) {
                throw new IfnetException(Errno.ENAMETOOLONG, "description longer than " + (IFDESCRSIZE - 1) + " characters");
            }
            ifp.setDescriptionRaw(d);
            return (R) Ack.OK;
        }
        if (req instanceof SetName) {
            String n = ((SetName) req).newName();
            IfNames.check(n);
            stack.rename(ifp, n);
            return (R) Ack.OK;
        }
        if (req instanceof SetLladdr) {
            long mac = ((SetLladdr) req).lladdr();
            if (ifp.lladdr() == MacAddress.NONE) {
                throw new IfnetException(Errno.EINVAL, ifp.name() + " has no link-level address");
            }
            if (!MacAddress.isValid(mac) || MacAddress.isMulticast(mac)) {
                throw new IfnetException(Errno.EINVAL, "link-level address " + MacAddress.format(mac) + " is not a unicast address");
            }
            toDriver(ifp, req);
            ifp.setLladdr(mac);
            return (R) Ack.OK;
        }
        if (req instanceof SetCap) {
            int reqcap = ((SetCap) req).reqcap();
            if ((reqcap & ~ifp.capabilities()) != 0) {
                throw new IfnetException(Errno.EINVAL, ifp.name() + " lacks capabilities 0x"
                        + Integer.toHexString(reqcap & ~ifp.capabilities()));
            }
            toDriver(ifp, req);
            ifp.setCapenable(reqcap);
            return (R) Ack.OK;
        }
        if (req instanceof AddGroup) {
            stack.addGroup(ifp, ((AddGroup) req).group());
            return (R) Ack.OK;
        }
        if (req instanceof DelGroup) {
            stack.delGroup(ifp, ((DelGroup) req).group());
            return (R) Ack.OK;
        }
        throw new IfnetException(Errno.ENOTTY, "unknown request " + req.ioctlName());
    }

    private Ack setFlags(Ifnet ifp, SetFlags req) {
        int old = ifp.flags();
        int changeable = ~IfFlags.CANTCHANGE;
        ifp.updateFlags(req.flags() & changeable, changeable & ~req.flags());
        try {
            toDriver(ifp, req);
        } catch (RuntimeException | Error e) {
            ifp.updateFlags(old & changeable, changeable & ~old);
            throw e;
        }
        return Ack.OK;
    }

    private <R> R toDriver(Ifnet ifp, IfRequest<R> req) {
        stack.failPoints().hit(FailSite.IOCTL_DRIVER, req);
        PortOwner owner = ifp.portOwner();
        R r = owner != null ? owner.ioctl(ifp, req) : ifp.driverIoctl(req);
        stack.failPoints().hit(FailSite.IOCTL_RETURN, req);
        return r;
    }
}
