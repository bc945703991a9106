package org.ifnet.tool.daemon;

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
 */
final class CallHandler {
    private final NetStack stack;
    private final Privilege privilege;
    private final ConfigTracker tracker;
    private final ConfigKeeper config;

    CallHandler(NetStack stack, Privilege privilege, ConfigTracker tracker, ConfigKeeper config) {
        this.stack = stack;
        this.privilege = privilege;
        this.tracker = tracker;
        this.config = config;
    }

    /** Runs {@code call} for {@code peer}; EPERM when it changes things and the peer may not. */
    Object execute(Call<?> call, UnixDomainPrincipal peer) {
        stack.failPoints().hit(DaemonSites.CALL, call);
        if (call.mutates() && !privilege.mayChange(peer)) {
            throw privilege.refuse(peer, describe(call));
        }
        Object value = run(call);
        stack.failPoints().hit(DaemonSites.REPLY, call);
        return value;
    }

    /** Runs {@code call} as the daemon itself (applying the saved configuration). */
    @SuppressWarnings("unchecked")
    <R> R internal(Call<R> call) {
        return (R) run(call);
    }

    private Object run(Call<?> call) {
        Object value = dispatch(call);
        if (call.mutates()) {
            config.changed();
        }
        return value;
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
