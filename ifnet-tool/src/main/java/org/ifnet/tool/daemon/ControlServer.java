package org.ifnet.tool.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.tool.proto.Call;
import org.ifnet.tool.proto.FrameHeader;
import org.ifnet.tool.proto.Messages;
import org.ifnet.tool.proto.WireWriter;

/**
 * The control socket's server: one selector thread for every connection, and a small pool of
 * workers that run the calls.
 *
 * <p>Overview. The selector thread accepts, reads and writes; it never runs a call. When a
 * connection has a whole request frame buffered, the connection becomes busy: the selector
 * stops watching it and a worker decodes the frame, runs the call through {@link CallHandler}
 * (which takes and drops every interface reference inside the call), encodes the reply (for a
 * change, once the configuration saver has it on disk), writes as much of it as the socket
 * takes at once, and queues the connection on
 * {@link #completed}; the selector thread then writes what is left and goes on with any frame
 * the client pipelined. So a connection has at most one call in
 * flight, the workers' queue is bounded by the number of connections, and a client that
 * vanishes mid-call costs nothing but a failed write: its call ran to the end and held its
 * references only inside it.
 *
 * <p>Protocol errors: a bad header (magic, version, kind) or an oversized length gets an error
 * reply and the connection is closed, since framing can no longer be trusted; a well-framed
 * body that does not decode gets an error reply and the connection stays. Either way only
 * that connection is touched.
 *
 * <p>Shutdown ({@link #stop}): stop accepting, let calls in flight finish (bounded by a grace
 * period) and their replies be written, then close every connection.
 */
final class ControlServer {
    private final ServerSocketChannel server;
    private final CallHandler handler;
    private final Messages messages;
    private final DaemonLog log;
    private final int maxClients;
    private final Selector selector;
    private final ThreadPoolExecutor workers;
    private final Thread loop;

    private final ConcurrentLinkedQueue<Connection> completed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Open connections; touched by the selector thread only. */
    private final Set<Connection> connections = new HashSet<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong protocolErrors = new AtomicLong();
    private final ThreadLocal<WireWriter> writers =
            ThreadLocal.withInitial(() -> new WireWriter(1024, FrameHeader.MAX_REPLY));
    private volatile boolean running = true;
    /** When accepts paused after a failed accept resume (System.nanoTime), or 0; selector thread only. */
    private long acceptPausedUntil;
    static final long ACCEPT_PAUSE_MS = 100;
    private volatile boolean draining;

    ControlServer(ServerSocketChannel server, CallHandler handler, Messages messages, DaemonLog log,
                  int workerThreads, int maxClients) throws IOException {
        this.server = server;
        this.handler = handler;
        this.messages = messages;
        this.log = log;
        this.maxClients = maxClients;
        this.selector = Selector.open();
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workerThreads, workerThreads, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "ifnetd-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.loop = new Thread(this::run, "ifnetd-selector");
        this.loop.setDaemon(true);
    }

    void start() {
        loop.start();
    }

    /** Connections open now. */
    int openConnections() {
        return open.get();
    }

    /** Calls being run by workers now. */
    int callsInFlight() {
        return inFlight.get();
    }

    long accepted() {
        return accepted.get();
    }

    long served() {
        return served.get();
    }

    long protocolErrors() {
        return protocolErrors.get();
    }

    // ================================================================== selector thread

    private void run() {
        try {
            while (running) {
                long pause = acceptPausedUntil - System.nanoTime();
                if (acceptPausedUntil != 0 && pause <= 0) {
                    resumeAccepting();
                }
                if (acceptPausedUntil != 0) {
                    selector.select(Math.max(1, pause / 1_000_000));
                } else {
                    selector.select();
                }
                runTasks();
                drainCompleted();
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    handle(k);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("control socket loop failed: " + e);
        } finally {
            for (Connection c : new ArrayList<>(connections)) {
                close(c);
            }
        }
    }

    /** One ready key; a failure touches only its own connection. */
    private void handle(SelectionKey k) {
        if (!k.isValid()) {
            return;
        }
        if (k.isAcceptable()) {
            acceptAll(k);
            return;
        }
        Connection c = (Connection) k.attachment();
        try {
            if (k.isReadable()) {
                onReadable(c);
            } else if (k.isWritable()) {
                write(c);
            }
        } catch (RuntimeException e) {
            log.warn(c.describe() + ": " + e + "; closing its connection");
            close(c);
        }
    }

    private void runTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
        }
    }

    private void acceptAll(SelectionKey serverKey) {
        while (!draining) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                // out of file descriptors, most likely: the client waits in the backlog; retry soon
                log.warn("cannot accept a client: " + e + "; pausing accepts for " + ACCEPT_PAUSE_MS + " ms");
                serverKey.interestOps(0);
                acceptPausedUntil = System.nanoTime() + ACCEPT_PAUSE_MS * 1_000_000L;
                return;
            }
            if (ch == null) {
                return;
            }
            accept(ch);
        }
    }

    private void resumeAccepting() {
        acceptPausedUntil = 0;
        SelectionKey k = server.keyFor(selector);
        if (k != null && k.isValid()) {
            k.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    private void accept(SocketChannel ch) {
        long serial = accepted.incrementAndGet();
        UnixDomainPrincipal peer = null;
        try {
            ch.configureBlocking(false);
            peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("no peer credentials for client " + serial + " (" + e + "); it may only read");
        }
        Connection c = new Connection(serial, ch, peer);
        if (connections.size() >= maxClients) {
            refuse(c);
            return;
        }
        try {
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
        } catch (IOException e) {
            close(c); // gone before we could watch it
            return;
        }
        connections.add(c);
        open.incrementAndGet();
    }

    /** Past the client limit: one error frame, best effort, then close. */
    private void refuse(Connection c) {
        ByteBuffer b = Messages.encodeError(0, 0, Errno.EBUSY, "the ifnet daemon serves " + maxClients
                + " clients already; try again later", new WireWriter(128, 4096));
        try {
            c.channel.write(b);
            c.channel.close();
        } catch (IOException e) {
            // the client is gone already
        }
    }

    private void onReadable(Connection c) {
        int n;
        try {
            n = c.channel.read(c.in);
        } catch (IOException e) {
            close(c);
            return;
        }
        if (n < 0) {
            close(c);
            return;
        }
        process(c);
    }

    /** With nothing in flight and nothing to write: dispatch a buffered frame, or wait for more. */
    private void process(Connection c) {
        if (c.closed || c.busy || c.out != null) {
            return;
        }
        if (draining) {
            close(c);
            return;
        }
        ByteBuffer in = c.in;
        if (in.position() < FrameHeader.LENGTH) {
            interest(c, SelectionKey.OP_READ);
            return;
        }
        String bad = FrameHeader.check(in, 0, FrameHeader.REQUEST, FrameHeader.MAX_REQUEST);
        if (bad != null) {
            protocolError(c, Errno.EPROTO, bad);
            return;
        }
        int len = FrameHeader.bodyLength(in, 0);
        if (!FrameHeader.fits(len, FrameHeader.MAX_REQUEST)) {
            protocolError(c, Errno.EMSGSIZE, "request of " + (len & 0xffffffffL) + " bytes; the limit is "
                    + (FrameHeader.MAX_REQUEST - FrameHeader.LENGTH) + " bytes of body");
            return;
        }
        int total = FrameHeader.LENGTH + len;
        c.ensureCapacity(total);
        if (c.in.position() < total) {
            interest(c, SelectionKey.OP_READ);
            return;
        }
        c.busy = true;
        c.frameLength = total;
        interest(c, 0);
        inFlight.incrementAndGet();
        workers.execute(() -> serve(c));
    }

    private void protocolError(Connection c, Errno errno, String why) {
        protocolErrors.incrementAndGet();
        int type = c.in.position() >= FrameHeader.LENGTH ? FrameHeader.type(c.in, 0) : 0;
        int id = c.in.position() >= FrameHeader.LENGTH ? FrameHeader.id(c.in, 0) : 0;
        c.out = Messages.encodeError(type, id, errno, why, new WireWriter(256, 8192));
        c.closeAfterWrite = true;
        write(c);
    }

    private void drainCompleted() {
        Connection c;
        while ((c = completed.poll()) != null) {
            inFlight.decrementAndGet();
            c.busy = false;
            if (c.closed) {
                continue;
            }
            c.consumeFrame();
            if (draining) {
                c.closeAfterWrite = true;
            }
            write(c);
        }
    }

    private void write(Connection c) {
        if (c.closed) {
            return;
        }
        try {
            c.channel.write(c.out);
        } catch (IOException e) {
            close(c); // the client went away; its call already ran to the end
            return;
        }
        if (c.out.hasRemaining()) {
            interest(c, SelectionKey.OP_WRITE);
            return;
        }
        c.out = null;
        if (c.closeAfterWrite) {
            close(c);
            return;
        }
        process(c);
    }

    private void interest(Connection c, int ops) {
        try {
            c.key.interestOps(ops);
        } catch (RuntimeException e) {
            close(c);
        }
    }

    private void close(Connection c) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        if (c.key != null) {
            c.key.cancel();
        }
        try {
            c.channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (connections.remove(c)) {
            open.decrementAndGet();
        }
    }

    // ================================================================== workers

    private void serve(Connection c) {
        WireWriter w = writers.get();
        int type = FrameHeader.type(c.in, 0);
        int id = FrameHeader.id(c.in, 0);
        ByteBuffer reply;
        boolean changed = false;
        try {
            Call<?> call = messages.decodeCall(c.in, 0);
            Object value = handler.executeUnsaved(call, c.peer);
            changed = call.mutates();
            reply = messages.encodeReply(call, id, value, w);
        } catch (IfnetException e) {
            reply = Messages.encodeError(type, id, e.errno(), e.getMessage(), w);
        } catch (RuntimeException | Error e) {
            log.warn(c.describe() + ": call failed unexpectedly: " + e);
            reply = Messages.encodeError(type, id, Errno.EINVAL, "internal error in the daemon: " + e, w);
        }
        ByteBuffer copy = ByteBuffer.allocate(reply.remaining());
        copy.put(reply).flip();
        if (changed) {
            handler.whenSaved(() -> answer(c, copy)); // a change is answered once it is on disk
        } else {
            answer(c, copy);
        }
    }

    /** Hands a reply back (from a worker, or from the configuration saver after a change). */
    private void answer(Connection c, ByteBuffer reply) {
        c.out = reply;
        try {
            // first try from here, so the client has its answer without waiting for the selector;
            // the selector finishes a partial write and re-arms reading
            c.channel.write(reply);
        } catch (IOException e) {
            // the selector's write meets the same error and closes the connection
        }
        served.incrementAndGet();
        completed.add(c);
        selector.wakeup();
    }

    // ================================================================== shutdown

    /**
     * Stops accepting, lets calls in flight finish for up to {@code grace} (their replies are
     * written), then interrupts what is left and closes every connection. Idempotent.
     */
    void stop(Duration grace) {
        if (!running) {
            return;
        }
        draining = true;
        tasks.add(() -> {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
            for (Connection c : new ArrayList<>(connections)) {
                if (!c.busy && c.out == null) {
                    close(c);
                }
            }
        });
        selector.wakeup();
        long deadline = System.nanoTime() + grace.toNanos();
        while ((inFlight.get() > 0 || open.get() > 0) && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        selector.wakeup();
        try {
            loop.join(5_000);
            selector.close();
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
