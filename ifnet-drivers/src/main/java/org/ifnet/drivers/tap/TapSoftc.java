package org.ifnet.drivers.tap;

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
import org.ifnet.core.media.IfMedia;
import org.ifnet.core.media.MediaWord;
import org.ifnet.drivers.DataPath;
import org.ifnet.drivers.LinkSync;

/**
 * One tap interface (the layer-2 side of FreeBSD's if_tuntap.c): frames sent on the interface
 * queue up for the application that has it open; frames the application writes arrive as the
 * interface's input (see {@link TapHandle}).
 *
 * <p>Overview. At most one {@link TapHandle} is open at a time ({@code handle}, EBUSY for a
 * second open, as tunopen() has it). While it is open the link is up and, when the interface
 * is also UP, RUNNING is set; closing it clears RUNNING, takes the interface down unless LINK0
 * is set (tundtor()'s if_down) and the link goes down. Destroying the interface closes the
 * handle's queue (freeing its frames) in {@link #onDetach()}, so the handle answers ENXIO from
 * then on and holds nothing: destroy releases everything, with or without a close.
 *
 * <p>Locking: {@code handle} is written under the softc lock and read without it on the data
 * path (volatile), where a null means "not open"; {@code media} is guarded by the lock and
 * dropped by the release hook. Link changes are made after unlocking ({@link LinkSync}).
 */
final class TapSoftc extends Softc {
    /** FreeBSD's ifqmaxlen: frames queued for the reader before transmit drops. */
    static final int QUEUE_LEN = 50;
    static final int MEDIA_AUTO = MediaWord.IFM_ETHER | MediaWord.IFM_AUTO;
    /** What tunifioctl() reports as active: a gigabit full-duplex link. */
    static final int MEDIA_ACTIVE = MediaWord.IFM_ETHER | MediaWord.IFM_1000_T | MediaWord.IFM_FDX;

    private volatile TapHandle handle;               // written under the lock
    private IfMedia media = new IfMedia(MEDIA_AUTO); // guarded by the lock; null once released

    // ---------------------------------------------------------------- the application side

    /** Opens the interface for {@code pid}; EBUSY when already open, ENXIO once destroyed. */
    TapHandle open(long pid) {
        TapHandle h;
        lockAttached();
        try {
            TapHandle cur = handle;
            if (cur != null) {
                throw new IfnetException(Errno.EBUSY, ifp().name() + " is already open (by PID " + cur.pid() + ")");
            }
            h = new TapHandle(ifp(), pid, new FrameQueue(QUEUE_LEN));
            handle = h;
            applyRunning();
        } finally {
            unlock();
        }
        LinkSync.converge(ifp(), this::desiredLink);
        return h;
    }

    /** Closes {@code h} if it is the open handle (the caller holds a reference). */
    void close(TapHandle h) {
        lockAttached();
        try {
            if (handle != h) {
                return;
            }
            handle = null;
            h.queue().close(FrameQueue.Closed.BY_HANDLE);
            Ifnet ifp = ifp();
            int down = (ifp.flags() & IfFlags.LINK0) != 0 ? 0 : IfFlags.UP;
            ifp.setDriverFlags(0, IfFlags.RUNNING | down);
        } finally {
            unlock();
        }
        LinkSync.converge(ifp(), this::desiredLink);
    }

    private LinkState desiredLink() {
        return handle != null ? LinkState.UP : LinkState.DOWN;
    }

    /** RUNNING while open and UP; call with the lock held. */
    private void applyRunning() {
        Ifnet ifp = ifp();
        if (handle != null && ifp.isUp()) {
            ifp.setDriverFlags(IfFlags.RUNNING, 0);
        } else {
            ifp.setDriverFlags(0, IfFlags.RUNNING);
        }
    }

    // ---------------------------------------------------------------- requests

    @Override
    @SuppressWarnings("unchecked")
    protected <R> R ioctl(IfRequest<R> req) {
        lockAttached();
        try {
            if (req instanceof GenericRequest.GetMedia) {
                int status = MediaWord.IFM_AVALID | (handle != null ? MediaWord.IFM_ACTIVE : 0);
                return (R) media.reply(MEDIA_ACTIVE, status);
            }
            if (req instanceof GenericRequest.SetMedia) {
                media.set(((GenericRequest.SetMedia) req).media());
                return (R) Ack.OK;
            }
            if (req instanceof GenericRequest.SetFlags) {
                applyRunning();
                return (R) Ack.OK;
            }
            if (req instanceof GenericRequest.SetMtu) {
                return (R) Ack.OK; // tunifioctl takes any MTU the generic layer accepts
            }
            if (req instanceof GenericRequest.GetStatus) {
                TapHandle h = handle;
                return (R) (h == null ? "" : "Opened by PID " + h.pid());
            }
            return super.ioctl(req);
        } finally {
            unlock();
        }
    }

    @Override
    protected int maxMtu() {
        return 65535;
    }

    // ---------------------------------------------------------------- data path

    /**
     * Queues a frame for the reader. Not open or not UP: dropped as an output error, as
     * tunstart_l2() junks output while the device is not ready; queue full: an oqdrop.
     */
    @Override
    protected boolean transmit(Frame f) {
        checkLive();
        Ifnet ifp = ifp();
        TapHandle h = handle;
        if (h == null || !ifp.isUp() || !DataPath.tagInBand(f)) { // the reader sees wire bytes
            return DataPath.drop(ifp, IfCounter.OERRORS, f);
        }
        int len = f.length();
        boolean mcast = Ether.isMulticast(Ether.dst(f));
        if (!h.queue().offer(f)) {
            return DataPath.drop(ifp, IfCounter.OQDROPS, f);
        }
        DataPath.countOutput(ifp, len, mcast);
        return true;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Revokes the open handle: its queue closes (frames freed), readers wake with ENXIO. */
    @Override
    protected void onDetach() {
        lock();
        try {
            TapHandle h = handle;
            handle = null;
            if (h != null) {
                h.queue().close(FrameQueue.Closed.BY_DESTROY);
            }
        } finally {
            unlock();
        }
        Ifnet ifp = ifp();
        ifp.setDriverFlags(0, IfFlags.RUNNING);
        ifp.setLinkState(LinkState.DOWN);
    }

    @Override
    protected void onRelease() {
        lock();
        try {
            media = null;
            handle = null;
        } finally {
            unlock();
        }
    }
}
