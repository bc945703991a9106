package org.ifnet.core;

import java.util.concurrent.locks.ReentrantLock;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.UseAfterFreeError;

/**
 * A driver's private state for one interface (FreeBSD's if_softc) and the driver methods that
 * use it. Drivers extend this class; the layer owns its lifecycle.
 *
 * <p>Overview. The lifecycle contract (DESIGN section 2) comes down to three rules for a softc:
 * <ol>
 * <li>Its lock lives as long as the softc: the layer never tears it down, so a method in flight
 * can always take it. {@link #lockAttached()} takes it and answers ENXIO once the interface
 * has been detached: the consistent "detached" state of rule 3.</li>
 * <li>{@link #onDetach()} may stop I/O and drop links but must leave the softc valid.</li>
 * <li>{@link #onRelease()}, the release hook, is the one place a driver tears its state down.
 * The layer calls it exactly once, after the last reference is gone and an epoch grace period
 * has passed (under {@code Policy.SAFE}); afterwards the softc is poisoned and any access
 * through {@link #lock()} or {@link #checkLive()} throws {@link UseAfterFreeError}.</li>
 * </ol>
 *
 * <p>Locking: {@code detached} is guarded by the lock; {@code released} is volatile and
 * written once by the layer. Driver methods on the data path ({@link #transmit}) take no lock
 * and call {@link #checkLive()}.
 */
public abstract class Softc {
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean released;
    private volatile String releasedBy;
    private boolean detached;            // guarded by lock
    private Ifnet ifp;                   // set once, before the interface is published

    /** The interface this softc belongs to. */
    public final Ifnet ifp() {
        return ifp;
    }

    final void bind(Ifnet owner) {
        if (ifp != null) {
            throw new IllegalStateException("softc already attached to " + ifp.name());
        }
        ifp = owner;
    }

    // ---------------------------------------------------------------- locking and poisoning

    /** Takes the softc lock. Throws UseAfterFreeError on a released softc. */
    protected final void lock() {
        checkLive();
        lock.lock();
        if (released) {
            lock.unlock();
            throw poisoned("lock");
        }
    }

    protected final void unlock() {
        lock.unlock();
    }

    /** Takes the lock and answers ENXIO (after unlocking) when the interface was detached. */
    protected final void lockAttached() {
        lock();
        if (detached) {
            lock.unlock();
            throw new IfnetException(Errno.ENXIO, ifp.name() + " was destroyed while the request was in flight");
        }
    }

    /** Whether the interface has been detached; call with the lock held. */
    protected final boolean detached() {
        return detached;
    }

    /** Throws UseAfterFreeError when the release hook has already run. */
    protected final void checkLive() {
        if (released) {
            throw poisoned("access");
        }
    }

    public final boolean isReleased() {
        return released;
    }

    private UseAfterFreeError poisoned(String what) {
        Ifnet i = ifp;
        if (i != null) {
            i.stack().countPoisonedAccess();
        }
        return new UseAfterFreeError("use after free: " + what + " of the softc of "
                + (i == null ? "?" : i.name()) + " after its release by " + releasedBy);
    }

    // ---------------------------------------------------------------- layer side

    final void markDetached() {
        lock.lock();
        try {
            detached = true;
        } finally {
            lock.unlock();
        }
    }

    /** Runs the release hook once and poisons; false when it had already run. */
    final boolean runRelease(String by) {
        synchronized (this) {
            if (releasedBy != null) {
                return false;
            }
            releasedBy = by;
        }
        try {
            onRelease();
        } finally {
            released = true;
        }
        return true;
    }

    // ---------------------------------------------------------------- driver methods

    /**
     * Handles a request the generic layer passed on, or a driver request. The default
     * accepts the generic notifications every driver tolerates (flags, an MTU up to
     * {@link #maxMtu()}, a link-level address, capabilities), answers "" to GetStatus and
     * ENOTTY to everything else.
     */
    @SuppressWarnings("unchecked")
    protected <R> R ioctl(IfRequest<R> req) {
        if (req instanceof GenericRequest.SetMtu) {
            int mtu = ((GenericRequest.SetMtu) req).mtu();
            if (mtu > maxMtu()) {
                throw new IfnetException(Errno.EINVAL, "mtu " + mtu + " exceeds " + ifp.name() + "'s maximum " + maxMtu());
            }
            return (R) Ack.OK;
        }
        if (req instanceof GenericRequest.SetFlags || req instanceof GenericRequest.SetLladdr
                || req instanceof GenericRequest.SetCap) {
            return (R) Ack.OK;
        }
        if (req instanceof GenericRequest.GetStatus) {
            return (R) "";
        }
        throw new IfnetException(Errno.ENOTTY, ifp.name() + " does not support " + req.ioctlName());
    }

    /** The largest MTU this driver accepts. */
    protected int maxMtu() {
        return 9000;
    }

    /**
     * Sends a frame the caller owned; the softc now owns it and must pass it on or free it
     * (counting the drop). Called inside an epoch section or with a reference held.
     * Returns true when the frame was sent.
     */
    protected abstract boolean transmit(Frame f);

    /** Stops the interface (I/O, links, timers). The softc must stay valid. */
    protected void onDetach() {
    }

    /** The release hook: tear down the softc. Called exactly once, never concurrently with a method. */
    protected abstract void onRelease();
}
