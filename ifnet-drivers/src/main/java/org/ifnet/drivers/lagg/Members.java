package org.ifnet.drivers.lagg;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.ifnet.core.IfFlags;
import org.ifnet.core.Ifnet;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;

/**
 * Changes lagg makes to its members, each the way the generic layer makes it: the member's
 * driver accepts the request first (bypassing the port owner, which would refuse it), then
 * the value is committed on the member's Ifnet. A refusal leaves the member as it was.
 * Callers hold the lagg's lock and a reference on each member.
 */
final class Members {
    private static final System.Logger LOG = System.getLogger(Members.class.getName());

    private Members() {
    }

    static void setMtu(Ifnet m, int mtu) {
        m.driverIoctl(new GenericRequest.SetMtu(mtu));
        m.setMtu(mtu);
    }

    static void setLladdr(Ifnet m, long mac) {
        m.driverIoctl(new GenericRequest.SetLladdr(mac));
        m.setLladdr(mac);
    }

    /** Sets or clears UP and tells the driver, as SIOCSIFFLAGS does; puts UP back if it refuses. */
    static void setUp(Ifnet m, boolean up) {
        int old = m.flags();
        m.updateFlags(up ? IfFlags.UP : 0, up ? 0 : IfFlags.UP);
        try {
            m.driverIoctl(new GenericRequest.SetFlags(m.flags()));
        } catch (RuntimeException | Error e) {
            m.updateFlags(old & IfFlags.UP, ~old & IfFlags.UP);
            throw e;
        }
    }

    static void setCapenable(Ifnet m, int caps) {
        m.driverIoctl(new GenericRequest.SetCap(caps));
        m.setCapenable(caps);
    }

    /**
     * Applies a change to every member that needs it, or to none: when one member refuses,
     * the members already changed are changed back (each with {@code undo}) and the refusal
     * is rethrown with its errno, naming the member (FreeBSD's lagg SIOCSIFMTU rollback).
     */
    static void applyAll(List<LaggPort> ports, String what, Predicate<Ifnet> needed, Consumer<Ifnet> apply,
                         Consumer<Ifnet> undo) {
        List<Ifnet> done = new ArrayList<>(ports.size());
        for (LaggPort p : ports) {
            Ifnet m = p.member;
            if (!needed.test(m)) {
                continue;
            }
            try {
                apply.accept(m);
                done.add(m);
            } catch (RuntimeException | Error e) {
                for (int i = done.size() - 1; i >= 0; i--) {
                    Ifnet d = done.get(i);
                    quietly("revert " + what + " on " + d.name(), () -> undo.accept(d));
                }
                if (e instanceof IfnetException) {
                    IfnetException ie = (IfnetException) e;
                    throw new IfnetException(ie.errno(), "port " + m.name() + " refused " + what + " ("
                            + ie.getMessage() + "); every port was reverted");
                }
                throw e;
            }
        }
    }

    /**
     * Puts a leaving member back as it was before it joined: MTU, link-level address,
     * UP flag and enabled capabilities (lagg_port_destroy, plus the MTU FreeBSD leaves).
     * Best effort: a step the member refuses is logged and the others still run.
     */
    static void restore(LaggPort lp) {
        Ifnet m = lp.member;
        if (m.mtu() != lp.savedMtu) {
            quietly("restore mtu of " + m.name(), () -> setMtu(m, lp.savedMtu));
        }
        if (m.lladdr() != lp.savedLladdr) {
            quietly("restore lladdr of " + m.name(), () -> setLladdr(m, lp.savedLladdr));
        }
        if (m.isUp() != lp.savedUp) {
            quietly("restore flags of " + m.name(), () -> setUp(m, lp.savedUp));
        }
        if (m.capenable() != lp.savedCapenable) {
            quietly("restore capabilities of " + m.name(), () -> setCapenable(m, lp.savedCapenable));
        }
    }

    /**
     * Runs a best-effort step; an IfnetException is logged, not thrown. ENXIO (the member is
     * being destroyed meanwhile, which its departure will deal with) is expected, so quieter.
     */
    static void quietly(String what, Runnable step) {
        try {
            step.run();
        } catch (IfnetException e) {
            LOG.log(e.errno() == Errno.ENXIO ? Level.DEBUG : Level.WARNING, "lagg: could not " + what + ": " + e);
        }
    }
}
