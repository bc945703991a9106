package org.ifnet.tool.proto;

import java.util.List;
import org.ifnet.core.LeakReport;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.IfRequest;

/**
 * One thing a client asks of the daemon, with reply type {@code R}: a request on an interface
 * (the same typed {@link IfRequest}s as in-process) or an operation on the whole stack. These
 * are the {@code StackClient} methods as values, so they can cross the socket.
 */
public sealed interface Call<R> {

    /** True when the call changes the stack (and so needs privilege). */
    boolean mutates();

    /** A typed request on interface {@code ifname} (ifioctl). */
    record Ioctl<R>(String ifname, IfRequest<R> request) implements Call<R> {
        public boolean mutates() { return request.mutates(); }
    }

    /** SIOCIFCREATE2: the reply is the created name. */
    record Create(String ifname, CloneParams params) implements Call<String> {
        public boolean mutates() { return true; }
    }

    /** SIOCIFDESTROY. */
    record Destroy(String ifname) implements Call<Ack> {
        public boolean mutates() { return true; }
    }

    /** Attached interface names in index order. */
    record Interfaces() implements Call<List<String>> {
        public boolean mutates() { return false; }
    }

    /** SIOCIFGCLONERS. */
    record Cloners() implements Call<List<String>> {
        public boolean mutates() { return false; }
    }

    /** Members of a group in index order (SIOCGIFGMEMB). */
    record GroupMembers(String group) implements Call<List<String>> {
        public boolean mutates() { return false; }
    }

    /** The stack's leak report (what is held that should not be). */
    record Leaks() implements Call<LeakReport> {
        public boolean mutates() { return false; }
    }
}
