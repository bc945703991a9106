package org.ifnet.drivers.lagg;

import org.ifnet.core.IfFlags;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.PortOwner;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;

/**
 * One member of a lagg (FreeBSD's struct lagg_port): the reference that keeps the member
 * alive, what it looked like before it joined, and the {@link PortOwner} hooks that replace
 * the member's input and filter its requests (lagg_input and lagg_port_ioctl).
 *
 * <p>Lifecycle: made and installed as the member's port owner under the lagg's lock; removed
 * under the lock, after which {@link #removed} is true and input still in flight is dropped.
 * Its member reference is closed only after an epoch grace period that began after the port
 * left the data path's snapshot. The saved fields are written once at construction.
 */
final class LaggPort implements PortOwner {
    final LaggSoftc sc;
    final IfRef ref;
    final Ifnet member;
    final int savedMtu;
    final long savedLladdr;
    final boolean savedUp;
    final int savedCapenable;

    /** Set under the lagg's lock when the port leaves the lagg; read by input in flight. */
    volatile boolean removed;
    /** The member is being destroyed: leave it as it is (lp_detaching). Guarded by the lagg's lock. */
    boolean detaching;

    LaggPort(LaggSoftc sc, IfRef ref) {
        this.sc = sc;
        this.ref = ref;
        this.member = ref.ifp();
        this.savedMtu = member.mtu();
        this.savedLladdr = member.lladdr();
        this.savedUp = (member.flags() & IfFlags.UP) != 0;
        this.savedCapenable = member.capenable();
    }

    @Override
    public String ownerName() {
        return sc.ifp().name();
    }

    @Override
    public void input(Ifnet port, Frame f) {
        sc.portInput(this, f);
    }

    /**
     * A request sent to the member while it is a port: the MTU cannot change (EINVAL, as
     * lagg_port_ioctl); GLAGGPORT is answered here; flag and capability changes pass to the
     * member's driver and then update the lagg. Everything else passes through.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <R> R ioctl(Ifnet port, IfRequest<R> req) {
        if (req instanceof GenericRequest.SetMtu) {
            throw new IfnetException(Errno.EINVAL, "the mtu of " + member.name() + " cannot change while it is a port of "
                    + ownerName() + "; change " + ownerName() + "'s mtu instead");
        }
        if (req instanceof LaggRequest.GetLaggPort) {
            String name = ((LaggRequest.GetLaggPort) req).port();
            if (!member.name().equals(name)) {
                throw new IfnetException(Errno.EINVAL, "GLAGGPORT on " + member.name() + " names " + name);
            }
            try (IfRef lagg = sc.tryRef()) {
                if (lagg == null) {
                    throw new IfnetException(Errno.ENOENT, member.name() + "'s lagg " + ownerName() + " is being destroyed");
                }
                return (R) sc.portStatus(this);
            }
        }
        R r = member.driverIoctl(req);
        if (req instanceof GenericRequest.SetFlags) {
            updateLagg(() -> sc.portStateChanged());
        } else if (req instanceof GenericRequest.SetCap) {
            int reqcap = ((GenericRequest.SetCap) req).reqcap();
            updateLagg(() -> sc.portCapsChanged(this, reqcap));
        }
        return r;
    }

    /**
     * Tells the lagg about a change the member accepted. The caller holds a reference on the
     * member only, so this takes one on the lagg first (DESIGN rule 1); a lagg being destroyed
     * is skipped, since its detach removes this port anyway.
     */
    private void updateLagg(Runnable update) {
        try (IfRef lagg = sc.tryRef()) {
            if (lagg != null) {
                update.run();
            }
        } catch (IfnetException e) {
            // the lagg was detached after the reference was taken: same as above
        }
    }

    @Override
    public String toString() {
        return "laggport " + member.name() + " of " + ownerName() + (removed ? " (removed)" : "");
    }
}
