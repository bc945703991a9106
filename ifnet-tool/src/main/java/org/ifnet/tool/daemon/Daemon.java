package org.ifnet.tool.daemon;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.ifnet.core.LeakException;
import org.ifnet.core.LeakReport;
import org.ifnet.core.NetStack;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.drivers.Drivers;
import org.ifnet.tool.client.ControlSocket;
import org.ifnet.tool.proto.CodecTable;
import org.ifnet.tool.proto.Messages;

/**
 * The ifnet daemon: one stack (policy SAFE, every driver registered) served on a Unix-domain
 * control socket, its configuration kept in a file.
 *
 * <p>Start: build the stack, claim the socket (refusing when another daemon answers there),
 * apply the saved configuration, then accept clients. Stop (SIGTERM, or {@link #stop}): stop
 * accepting, let calls in flight finish, close the stack (which destroys every interface and
 * checks that every reference was dropped and every softc released), remove the socket.
 * Start once; stop is idempotent.
 */
public final class Daemon implements AutoCloseable {

    /**
     * How to run. {@code config} null keeps nothing; {@code socketGroup} is the socket's group
     * (who may connect, and so read); {@code adminGroup} may change things besides root.
     */
    public record Options(Path socket, Path config, String socketGroup, String adminGroup, int workers,
                          int maxClients, boolean trackReferences, Duration grace) {
        public static Options defaults() {
            Path socket = ControlSocket.defaultPath();
            return new Options(socket, defaultConfig(socket), null, null,
                    Math.max(2, Runtime.getRuntime().availableProcessors()), 4096, false, Duration.ofSeconds(5));
        }

        /** The configuration file next to the socket: {@code /run/ifnet/ifnet.conf} by default. */
        public static Path defaultConfig(Path socket) {
            return socket.toAbsolutePath().resolveSibling("ifnet.conf");
        }

        public Options withSocket(Path s) {
            return new Options(s, config, socketGroup, adminGroup, workers, maxClients, trackReferences, grace);
        }

        public Options withConfig(Path c) {
            return new Options(socket, c, socketGroup, adminGroup, workers, maxClients, trackReferences, grace);
        }

        public Options withGroups(String socketG, String adminG) {
            return new Options(socket, config, socketG, adminG, workers, maxClients, trackReferences, grace);
        }

        public Options withLimits(int workerThreads, int clients) {
            return new Options(socket, config, socketGroup, adminGroup, workerThreads, clients, trackReferences, grace);
        }

        public Options withTracking(boolean t) {
            return new Options(socket, config, socketGroup, adminGroup, workers, maxClients, t, grace);
        }
    }

    private final Options options;
    private final DaemonLog log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private NetStack stack;
    private ControlServer server;
    private ConfigKeeper keeper;
    private LeakReport finalReport;
    private boolean started;
    private boolean stopping;

    public Daemon(Options options, DaemonLog log) {
        this.options = options;
        this.log = log;
    }

    /** Starts serving; IfnetException (EBUSY, EINVAL...) or IOException when it cannot. */
    public synchronized void start() throws IOException {
        if (started) {
            throw new IllegalStateException("the daemon was started already");
        }
        started = true;
        Privilege privilege = new Privilege(options.adminGroup());
        stack = NetStack.builder().name("ifnetd").policy(Policy.SAFE).tracking(options.trackReferences()).build();
        List<DriverSettings> drivers = DriverSettingsTable.all();
        ConfigTracker tracker = new ConfigTracker(stack, drivers);
        stack.addListener(tracker);
        Drivers.registerAll(stack);
        keeper = new ConfigKeeper(options.config(), tracker, log);
        CallHandler handler = new CallHandler(stack, privilege, tracker, keeper);
        ServerSocketChannel channel;
        try {
            channel = SocketFile.bind(options.socket(), options.socketGroup());
        } catch (IOException | RuntimeException e) {
            keeper.close();
            stack.close();
            throw e;
        }
        try {
            applySavedConfig(handler);
            server = new ControlServer(channel, handler, new Messages(CodecTable.standard()), log,
                    options.workers(), options.maxClients());
        } catch (IOException | RuntimeException e) {
            channel.close();
            SocketFile.delete(options.socket());
            keeper.close();
            stack.close();
            throw e;
        }
        server.start();
        log.info("listening on " + options.socket() + " (mode 0660"
                + (options.socketGroup() == null ? "" : ", group " + options.socketGroup()) + "); changes by root"
                + (options.adminGroup() == null ? "" : " and group " + options.adminGroup())
                + "; configuration " + (options.config() == null ? "not kept" : "in " + options.config())
                + "; " + stack.interfaces().size() + " interface(s)");
    }

    private void applySavedConfig(CallHandler handler) throws IOException {
        String text = keeper.read();
        if (text == null) {
            return;
        }
        RcConf.Parsed parsed = RcConf.parse(text);
        for (String p : parsed.problems()) {
            log.warn("config " + options.config() + ": " + p + " (skipped)");
        }
        keeper.suspend();
        int failed;
        try {
            failed = new ConfigApplier(handler, log).apply(parsed.config());
        } finally {
            keeper.resume();
        }
        log.info("applied " + options.config() + ": " + parsed.config().clones().size() + " cloned interface(s)"
                + (failed == 0 ? "" : ", " + failed + " step(s) failed"));
    }

    /**
     * Stops: no new clients, calls in flight finish (up to the grace period), every interface
     * destroyed, the socket removed. Returns the stack's final leak report (clean when every
     * reference was dropped and every softc released), and logs it.
     */
    public synchronized LeakReport stop() {
        if (server == null || stopping) {
            return finalReport; // never started, start failed (it cleaned up), or stopped already
        }
        stopping = true;
        try {
            server.stop(options.grace());
            keeper.close();
            int count = stack.interfaces().size();
            try {
                stack.close();
                finalReport = stack.leakReport();
            } catch (LeakException e) {
                finalReport = e.report();
            }
            SocketFile.delete(options.socket());
            if (finalReport.isClean()) {
                log.info("stopped: " + count + " interface(s) destroyed, every softc released, zero leaks");
            } else {
                log.warn("stopped with leaks:\n" + finalReport);
            }
            return finalReport;
        } finally {
            stopped.countDown();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Blocks until {@link #stop} finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public Options options() {
        return options;
    }

    /** The daemon's stack (tests arm its fail points and read its leak report). */
    public NetStack stack() {
        return stack;
    }

    public int openConnections() {
        return server.openConnections();
    }

    public int callsInFlight() {
        return server.callsInFlight();
    }

    public long callsServed() {
        return server.served();
    }

    public long protocolErrors() {
        return server.protocolErrors();
    }

    /** Configuration files written so far. */
    public long configWrites() {
        return keeper.writes();
    }
}
