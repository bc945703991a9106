package org.ifnet.drivers.tap;

import org.ifnet.core.IfRef;
import org.ifnet.core.NetStack;
import org.ifnet.core.Softc;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/** The application side of tap interfaces: FreeBSD's /dev/tapN, opened by name. */
public final class TapDevice {
    private TapDevice() {
    }

    /** Opens tap interface {@code ifname} for this process. See {@link #open(NetStack, String, long)}. */
    public static TapHandle open(NetStack stack, String ifname) {
        return open(stack, ifname, ProcessHandle.current().pid());
    }

    /**
     * Opens tap interface {@code ifname} on behalf of process {@code pid} (a daemon opening it
     * for a client). ENXIO when there is no such interface, ENODEV when it is not a tap,
     * EBUSY when it is already open, EINVAL for a pid below 1.
     */
    public static TapHandle open(NetStack stack, String ifname, long pid) {
        if (pid < 1) {
            throw new IfnetException(Errno.EINVAL, "pid " + pid + " is not a process id");
        }
        try (IfRef ref = stack.lookup(ifname)) {
            Softc sc = ref.ifp().softc();
            if (!(sc instanceof TapSoftc)) {
                throw new IfnetException(Errno.ENODEV, ifname + " is not a tap interface");
            }
            return ((TapSoftc) sc).open(pid);
        }
    }
}
