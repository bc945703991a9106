package org.ifnet.drivers.epair;

import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;
import org.ifnet.core.Softc;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.Epoch;
import org.ifnet.core.lifecycle.IfState;
import org.ifnet.core.media.IfMedia;
import org.ifnet.core.media.MediaWord;
import org.ifnet.drivers.DataPath;
import org.ifnet.drivers.LinkSync;

/**
 * One end of an epair. A frame sent on one end arrives as input on the other, synchronously
 * (FreeBSD queues it to a taskqueue; direct dispatch keeps the data path allocation-free).
 * Each end's link follows the other end's UP flag; RUNNING follows the end's own UP flag.
 *
 * <p>Locking: {@code peer} is written under this softc's lock at create and detach, and read
 * without it on the data path, inside an epoch section, so a detached peer is still a valid
 * object (its Ifnet refuses input once it is not ATTACHED).
 */
final class EpairSoftc extends Softc {
    static final int MEDIA = MediaWord.IFM_ETHER | MediaWord.IFM_10G_T | MediaWord.IFM_FDX;

    private volatile Ifnet peer;
    private IfMedia media = new IfMedia(MEDIA);   // guarded by the lock; null once released

    /**
     * Links this end to {@code other}; ENXIO once a destroy of this end has begun. The check
     * and {@link #peerForDestroy()} both run under this lock, and a destroy marks the end DYING
     * before asking for its peer, so either that destroy sees the peer (and takes both ends)
     * or this pairing fails (and the create rolls back): never a surviving half.
     */
    void pairWith(Ifnet other) {
        lockAttached();
        try {
            if (ifp().state() != IfState.ATTACHED) {
                throw new IfnetException(Errno.ENXIO, ifp().name() + " was destroyed while it was being created");
            }
            peer = other;
        } finally {
            unlock();
        }
    }

    /** The other end for destroy: read under the lock, valid or null. */
    Ifnet peerForDestroy() {
        lock();
        try {
            return peer;
        } finally {
            unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <R> R ioctl(IfRequest<R> req) {
        if (req instanceof GenericRequest.SetFlags) {
            applyUp();
            return (R) Ack.OK;
        }
        lockAttached();
        try {
            Ifnet ifp = ifp();
            if (req instanceof GenericRequest.GetMedia) {
                boolean active = ifp.linkState() == LinkState.UP;
                return (R) media.reply(media.current(), MediaWord.IFM_AVALID | (active ? MediaWord.IFM_ACTIVE : 0));
            }
            if (req instanceof GenericRequest.SetMedia) {
                media.set(((GenericRequest.SetMedia) req).media());
                return (R) Ack.OK;
            }
            if (req instanceof GenericRequest.SetMtu) {
                return (R) Ack.OK; // epair_ioctl lets any MTU the generic layer accepts through
            }
            return super.ioctl(req);
        } finally {
            unlock();
        }
    }

    /**
     * RUNNING follows our UP; our link follows the peer's UP, the peer's link follows ours.
     * The link changes are made after unlocking: their listeners (lagg, vlan) take their own
     * locks and call into drivers, so firing them under this lock could deadlock.
     */
    private void applyUp() {
        Ifnet ifp = ifp();
        Ifnet p;
        lockAttached();
        try {
            boolean up = ifp.isUp();
            ifp.setDriverFlags(up ? IfFlags.RUNNING : 0, up ? 0 : IfFlags.RUNNING);
            p = peer;
        } finally {
            unlock();
        }
        if (p != null) {
            LinkSync.converge(p, () -> ifp.isUp() ? LinkState.UP : LinkState.DOWN);
            LinkSync.converge(ifp, () -> p.isUp() ? LinkState.UP : LinkState.DOWN);
        }
    }

    @Override
    protected int maxMtu() {
        return 65535;
    }

    @Override
    protected boolean transmit(Frame f) {
        checkLive();
        Ifnet ifp = ifp();
        Epoch epoch = ifp.stack().epoch();
        epoch.enter();
        try {
            if ((ifp.flags() & (IfFlags.UP | IfFlags.RUNNING)) != (IfFlags.UP | IfFlags.RUNNING)
                    || !DataPath.tagInBand(f)) { // no hardware tagging on a virtual cable
                return DataPath.drop(ifp, IfCounter.OERRORS, f);
            }
            Ifnet p = peer;
            if (p == null || (p.flags() & (IfFlags.UP | IfFlags.RUNNING)) != (IfFlags.UP | IfFlags.RUNNING)
                    || p.state() != IfState.ATTACHED) {
                return DataPath.drop(ifp, IfCounter.OQDROPS, f);
            }
            DataPath.countOutput(ifp, f.length(), Ether.isMulticast(Ether.dst(f)));
            p.input(f);
            return true;
        } finally {
            epoch.exit();
        }
    }

    @Override
    protected void onDetach() {
        Ifnet p;
        lock();
        try {
            p = peer;
            peer = null;
        } finally {
            unlock();
        }
        Ifnet ifp = ifp();
        ifp.setDriverFlags(0, IfFlags.RUNNING);
        ifp.setLinkState(LinkState.DOWN);
        if (p != null) {
            p.setLinkState(LinkState.DOWN);
        }
    }

    @Override
    protected void onRelease() {
        lock();
        try {
            media = null;
            peer = null;
        } finally {
            unlock();
        }
    }
}
