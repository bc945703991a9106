package org.ifnet.tool.daemon;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import jdk.net.UnixDomainPrincipal;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.Ack;
import org.ifnet.tool.proto.Call;

/**
 * Runs one decoded call on the stack, for a peer: checks privilege, runs it, and has the
 * configuration saved after a change.
 *
 * <p>References: every interface call goes through {@code NetStack.ioctl(name, request)},
 * which looks the interface up with a reference and drops it before returning, on success or
 * error. Nothing here keeps a reference past a call, so no client, connected or gone, can
 * hold one between calls.
 *
 * <p>Creates exclude changes ({@link #createGate}): the configuration describes each interface
 * by how it differs from what it was when new, and that baseline is read when the interface
 * arrives, at the end of its create. A change racing the create could land on the interface
 * between its attach and that read and be taken for part of the baseline, so never written
 * down. Reads take no lock; changes exclude only creates, not each other.
 */
final class CallHandler {
    private final NetStack stack;
    private final Privilege privilege;
    private final ConfigTracker tracker;
    private final ConfigKeeper config;
    private final ReentrantReadWriteLock createGate = new ReentrantReadWriteLock();

    CallHandler(NetStack stack, Privilege privilege, ConfigTracker tracker, ConfigKeeper config) {
        this.stack = stack;
        this.privilege = privilege;
        this.tracker = tracker;
        this.config = config;
    }

    /**
     * Runs {@code call} for {@code peer} and, for a change, waits until the configuration that
     * includes it is on disk. EPERM when it changes things and the peer may not.
     */
    Object execute(Call<?> call, UnixDomainPrincipal peer) {
        Object value = executeUnsaved(call, peer);
        if (call.mutates()) {
            config.changed();
        }
        return value;
    }

    /**
     * As {@link #execute}, but returns without waiting for the save: the caller answers the
     * client from {@link #whenSaved} (the server does, so no worker waits on the disk).
     */
    Object executeUnsaved(Call<?> call, UnixDomainPrincipal peer) {
        stack.failPoints().hit(DaemonSites.CALL, call);
        if (call.mutates() && !privilege.mayChange(peer)) {
            throw privilege.refuse(peer, describe(call));
        }
        Object value = run(call);
        stack.failPoints().hit(DaemonSites.REPLY, call);
        return value;
    }

    /** Runs {@code done} once a save covering every change made so far is on disk. */
    void whenSaved(Runnable done) {
        config.changedThen(done);
    }

    /** Runs {@code call} as the daemon itself (applying the saved configuration). */
    @SuppressWarnings("unchecked")
    <R> R internal(Call<R> call) {
        Object value = run(call);
        if (call.mutates()) {
            config.changed();
        }
        return (R) value;
    }

    private Object run(Call<?> call) {
        if (!call.mutates()) {
            return dispatch(call);
        }
        Lock gate = call instanceof Call.Create ? createGate.writeLock() : createGate.readLock();
        gate.lock();
        try {
            return dispatch(call);
        } finally {
            gate.unlock();
        }
    }

    private Object dispatch(Call<?> call) {
        if (call instanceof Call.Ioctl) {
            Call.Ioctl<?> io = (Call.Ioctl<?>) call;
            return stack.ioctl(io.ifname(), io.request());
        }
        if (call instanceof Call.Create) {
            Call.Create c = (Call.Create) call;
            return tracker.create(c.ifname(), c.params());
        }
        if (call instanceof Call.Destroy) {
            stack.destroy(((Call.Destroy) call).ifname());
            return Ack.OK;
        }
        if (call instanceof Call.Interfaces) {
            return stack.interfaces();
        }
        if (call instanceof Call.Cloners) {
            return stack.cloners();
        }
        if (call instanceof Call.GroupMembers) {
            return stack.groupMembers(((Call.GroupMembers) call).group());
        }
        // Call is sealed: Leaks is the one left
        return stack.leakReport();
    }

    /** "SIOCSIFMTU on epair0a", "create lagg0": what was refused, for the EPERM message. */
    static String describe(Call<?> call) {
        if (call instanceof Call.Ioctl) {
            Call.Ioctl<?> io = (Call.Ioctl<?>) call;
            return io.request().ioctlName() + " on " + io.ifname();
        }
        if (call instanceof Call.Create) {
            return "create " + ((Call.Create) call).ifname();
        }
        if (call instanceof Call.Destroy) {
            return "destroy " + ((Call.Destroy) call).ifname();
        }
        return call.getClass().getSimpleName();
    }
}
