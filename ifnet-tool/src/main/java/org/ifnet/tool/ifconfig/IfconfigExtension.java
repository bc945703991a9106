package org.ifnet.tool.ifconfig;

import java.util.List;
import org.ifnet.core.IfInfo;
import org.ifnet.tool.client.StackClient;

/**
 * A driver's part of ifconfig, as FreeBSD's ifvlan.c and iflagg.c are: the words it adds to
 * the grammar and the status lines it prints. One implementation per driver that has its own
 * requests; {@link Extensions} lists them. The tool knows drivers only through these.
 */
public interface IfconfigExtension {
    /** The words this driver adds (applied in command-line order like every other word). */
    List<Word> words();

    /**
     * Whether {@link #status} can have something to say about this interface (its driver's
     * own interfaces, say): saves a request per interface, which counts against the daemon.
     */
    default boolean appliesTo(IfInfo info) {
        return true;
    }

    /**
     * This driver's status for {@code ifname}, or null when the interface is not one of its
     * (its request answered ENOTTY) or has nothing to show.
     */
    StatusSection status(StackClient client, String ifname, boolean verbose);
}
