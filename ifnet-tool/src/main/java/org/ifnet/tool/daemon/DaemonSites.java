package org.ifnet.tool.daemon;

/**
 * The daemon's fail-point sites (armed through the stack's {@code FailPoints}), for tests
 * that need a request held at a known point.
 */
public final class DaemonSites {
    /** A decoded call is about to run; the argument is the {@code Call}. */
    public static final String CALL = "daemon.call";
    /** A call ran; its reply is about to be queued for writing. The argument is the {@code Call}. */
    public static final String REPLY = "daemon.reply";

    /** A configuration snapshot holds a reference to an interface it is about to read; the argument is the {@code IfRef}. */
    public static final String SNAPSHOT = "daemon.snapshot";

    private DaemonSites() {
    }
}
