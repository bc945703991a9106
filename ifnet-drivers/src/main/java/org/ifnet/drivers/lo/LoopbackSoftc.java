package org.ifnet.drivers.lo;

import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;
import org.ifnet.core.Softc;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.drivers.DataPath;
import org.ifnet.drivers.LinkSync;

/**
 * A loopback's state: nothing but a flag saying whether it was torn down, so that the
 * release hook has something real to release and a use after it is caught. RUNNING follows
 * UP, as loioctl() sets it; the link is up while the interface is.
 */
final class LoopbackSoftc extends Softc {
    private boolean torn;   // guarded by the softc lock

    @Override
    @SuppressWarnings("unchecked")
    protected <R> R ioctl(IfRequest<R> req) {
        Ifnet ifp = ifp();
        if (req instanceof GenericRequest.SetFlags) {
            lockAttached();
            try {
                boolean up = ifp.isUp();
                ifp.setDriverFlags(up ? IfFlags.RUNNING : 0, up ? 0 : IfFlags.RUNNING);
            } finally {
                unlock();
            }
            // after unlocking: link listeners take their own locks (see LinkSync)
            LinkSync.converge(ifp, () -> ifp.isUp() ? LinkState.UP : LinkState.DOWN);
            return (R) Ack.OK;
        }
        lockAttached();
        try {
            if (req instanceof GenericRequest.SetMtu) {
                int mtu = ((GenericRequest.SetMtu) req).mtu();
                if (mtu > LoopbackCloner.MAX_MTU) {
                    throw new IfnetException(Errno.EINVAL, "mtu " + mtu + " exceeds the loopback maximum " + LoopbackCloner.MAX_MTU);
                }
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
        Ifnet ifp = ifp();
        if (!ifp.isUp()) {
            return DataPath.drop(ifp, IfCounter.OERRORS, f);
        }
        DataPath.countOutput(ifp, f.length(), false);
        ifp.input(f);
        return true;
    }

    @Override
    protected void onRelease() {
        lock();
        try {
            torn = true;
        } finally {
            unlock();
        }
    }
}
