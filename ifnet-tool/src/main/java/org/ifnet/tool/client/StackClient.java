package org.ifnet.tool.client;

import java.util.List;
import org.ifnet.core.LeakReport;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.IfRequest;

/**
 * What the command line needs from a stack, whether it runs in this process
 * ({@link EmbeddedClient}) or in the daemon (over the control socket). Errors are
 * {@code IfnetException}s carrying FreeBSD's errno, on both sides of the socket.
 */
public interface StackClient extends AutoCloseable {
    <R> R ioctl(String ifname, IfRequest<R> req);

    /** Creates by interface or cloner name; returns the created name. */
    String create(String ifname, CloneParams params);

    void destroy(String ifname);

    /** Attached interface names in index order. */
    List<String> interfaces();

    List<String> cloners();

    /** Members of a group in index order; ENOENT when there is no such group. */
    List<String> groupMembers(String group);

    LeakReport leakReport();

    @Override
    void close();
}
