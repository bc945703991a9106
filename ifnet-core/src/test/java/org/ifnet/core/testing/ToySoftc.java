package org.ifnet.core.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;
import org.ifnet.core.Softc;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.DriverRequest;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.media.IfMedia;
import org.ifnet.core.media.MediaWord;

/**
 * The softc of the test-only "toy" driver: the smallest driver that has real private state
 * (a media list, a torn-down flag) behind its lock, so that the layer's lifecycle can be
 * observed from the outside.
 *
 * <p>What it records for tests: how often its release hook ran, whether the hook ever ran
 * while one of its methods was in flight (rule 2), how many requests reached it, and the
 * reference count seen by each request (rule 1). Knobs: flag bits it refuses in SetFlags,
 * and a release hook that throws.
 *
 * <p>Locking: {@code media} and {@code torn} are guarded by the softc lock; the rest are
 * atomics or volatiles. Link-state changes are reported after the lock is dropped, so that
 * listeners never run under it.
 */
public final class ToySoftc extends Softc {
    /** A driver-defined request the toy driver answers. */
    public record Ping() implements DriverRequest<String> {
        public String ioctlName() { return "TOYPING"; }
        public boolean mutates() { return false; }
    }

    /** A driver-defined request no driver answers (ENOTTY). */
    public record Unknown() implements DriverRequest<String> {
        public String ioctlName() { return "TOYUNKNOWN"; }
        public boolean mutates() { return false; }
    }

    private final IfMedia media = new IfMedia(MediaWord.IFM_ETHER | MediaWord.IFM_AUTO,
            MediaWord.IFM_ETHER | MediaWord.IFM_1000_T | MediaWord.IFM_FDX);
    private boolean torn;                                   // guarded by the lock
    private final AtomicInteger releaseRuns = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int lowestRefcountSeen = Integer.MAX_VALUE;
    private volatile boolean releasedDuringMethod;
    private volatile int refusedFlags;
    private volatile boolean failRelease;
    private volatile Ifnet peer;

    /** SetFlags requests that would set any of {@code bits} are refused with EINVAL. */
    public void refuseFlags(int bits) {
        refusedFlags = bits;
    }

    /** Makes the release hook throw after tearing down (a buggy driver). */
    public void failRelease(boolean fail) {
        failRelease = fail;
    }

    public int releaseRuns() {
        return releaseRuns.get();
    }

    public boolean releasedDuringMethod() {
        return releasedDuringMethod;
    }

    /** Requests that reached the driver (entered its ioctl). */
    public int requests() {
        return requests.get();
    }

    /** The smallest reference count any request saw on entry (rule 1: always >= 1). */
    public int lowestRefcountSeen() {
        return lowestRefcountSeen;
    }

    /** Asserts that each softc ran its release hook exactly once and never during a method. */
    public static void assertReleasedOnce(java.util.Collection<ToySoftc> softcs) {
        int i = 0;
        for (ToySoftc sc : softcs) {
            org.assertj.core.api.Assertions.assertThat(sc.releaseRuns())
                    .as("release hook runs of softc #%d", i).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThat(sc.releasedDuringMethod())
                    .as("softc #%d released while one of its methods ran", i).isFalse();
            i++;
        }
    }

    /** A driver method that reads the softc: what a use after release would do. */
    public boolean touch() {
        checkLive();
        return true;
    }

    void pairWith(Ifnet other) {
        peer = other;
    }

    Ifnet peer() {
        return peer;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <R> R ioctl(IfRequest<R> req) {
        inFlight.incrementAndGet();
        try {
            requests.incrementAndGet();
            int rc = ifp().refcount();
            if (rc < lowestRefcountSeen) {
                lowestRefcountSeen = rc;
            }
            LinkState link = null;
            Object reply;
            lockAttached();
            try {
                if (torn) {
                    throw new IllegalStateException("toy softc used after teardown");
                }
                if (req instanceof GenericRequest.GetMedia) {
                    boolean up = ifp().linkState() == LinkState.UP;
                    reply = media.reply(up ? MediaWord.IFM_ETHER | MediaWord.IFM_1000_T | MediaWord.IFM_FDX
                            : MediaWord.IFM_ETHER | MediaWord.IFM_NONE,
                            MediaWord.IFM_AVALID | (up ? MediaWord.IFM_ACTIVE : 0));
                } else if (req instanceof GenericRequest.SetMedia) {
                    media.set(((GenericRequest.SetMedia) req).media());
                    reply = org.ifnet.core.ioctl.Ack.OK;
                } else if (req instanceof GenericRequest.GetStatus) {
                    reply = "toy: " + media.supported().size() + " media";
                } else if (req instanceof GenericRequest.SetFlags) {
                    int f = ((GenericRequest.SetFlags) req).flags();
                    if ((f & refusedFlags) != 0) {
                        throw new IfnetException(Errno.EINVAL, ifp().name() + " refuses flags "
                                + IfFlags.names(f & refusedFlags));
                    }
                    boolean up = ifp().isUp();
                    ifp().setDriverFlags(up ? IfFlags.RUNNING : 0, up ? 0 : IfFlags.RUNNING);
                    link = up ? LinkState.UP : LinkState.DOWN;
                    reply = org.ifnet.core.ioctl.Ack.OK;
                } else if (req instanceof Ping) {
                    reply = "pong from " + ifp().name();
                } else {
                    reply = super.ioctl(req);
                }
            } finally {
                unlock();
            }
            if (link != null) {
                ifp().setLinkState(link);
            }
            return (R) reply;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    protected boolean transmit(Frame f) {
        checkLive();
        Ifnet ifp = ifp();
        if (!ifp.isUp()) {
            ifp.counters().add(IfCounter.OQDROPS, 1);
            f.free();
            return false;
        }
        ifp.counters().addPacket(IfCounter.OPACKETS, IfCounter.OBYTES, f.length());
        f.free();
        return true;
    }

    @Override
    protected void onRelease() {
        releaseRuns.incrementAndGet();
        if (inFlight.get() != 0) {
            releasedDuringMethod = true;
        }
        lock();
        try {
            torn = true;
        } finally {
            unlock();
        }
        if (failRelease) {
            throw new IllegalStateException("toy release hook failed on purpose");
        }
    }
}
