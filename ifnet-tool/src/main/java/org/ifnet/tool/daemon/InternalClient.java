package org.ifnet.tool.daemon;

import java.util.List;
import org.ifnet.core.LeakReport;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.tool.client.StackClient;
import org.ifnet.tool.proto.Call;

/**
 * The daemon speaking to itself: a {@link StackClient} whose every call runs through the
 * {@link CallHandler} as the daemon (privileged, creates tracked, changes saved), so the
 * shared ifconfig grammar can apply the configuration file exactly as a client's command.
 */
final class InternalClient implements StackClient {
    private final CallHandler calls;

    InternalClient(CallHandler calls) {
        this.calls = calls;
    }

    @Override
    public <R> R ioctl(String ifname, IfRequest<R> req) {
        return calls.internal(new Call.Ioctl<>(ifname, req));
    }

    @Override
    public String create(String ifname, CloneParams params) {
        return calls.internal(new Call.Create(ifname, params == null ? CloneParams.NONE : params));
    }

    @Override
    public void destroy(String ifname) {
        calls.internal(new Call.Destroy(ifname));
    }

    @Override
    public List<String> interfaces() {
        return calls.internal(new Call.Interfaces());
    }

    @Override
    public List<String> cloners() {
        return calls.internal(new Call.Cloners());
    }

    @Override
    public List<String> groupMembers(String group) {
        return calls.internal(new Call.GroupMembers(group));
    }

    @Override
    public LeakReport leakReport() {
        return calls.internal(new Call.Leaks());
    }

    @Override
    public void close() {
        // nothing to let go: the daemon's stack outlives this view of it
    }
}
