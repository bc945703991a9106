package org.ifnet.tool.client;

import java.util.List;
import org.ifnet.core.LeakReport;
import org.ifnet.core.NetStack;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.IfRequest;

/** A {@link StackClient} over a stack in this process. */
public final class EmbeddedClient implements StackClient {
    private final NetStack stack;
    private final boolean owned;

    /** Uses {@code stack}; closing this client does not close the stack. */
    public EmbeddedClient(NetStack stack) {
        this(stack, false);
    }

    public EmbeddedClient(NetStack stack, boolean owned) {
        this.stack = stack;
        this.owned = owned;
    }

    public NetStack stack() {
        return stack;
    }

    @Override
    public <R> R ioctl(String ifname, IfRequest<R> req) {
        return stack.ioctl(ifname, req);
    }

    @Override
    public String create(String ifname, CloneParams params) {
        return stack.create(ifname, params);
    }

    @Override
    public void destroy(String ifname) {
        stack.destroy(ifname);
    }

    @Override
    public List<String> interfaces() {
        return stack.interfaces();
    }

    @Override
    public List<String> cloners() {
        return stack.cloners();
    }

    @Override
    public List<String> groupMembers(String group) {
        return stack.groupMembers(group);
    }

    @Override
    public LeakReport leakReport() {
        return stack.leakReport();
    }

    @Override
    public void close() {
        if (owned) {
            stack.close();
        }
    }
}
