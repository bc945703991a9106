package org.ifnet.tool.daemon;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import jdk.net.UnixDomainPrincipal;

/**
 * One client connection's state. Owned by the selector thread, except while {@link #busy}:
 * then a worker owns {@link #in} (the request frame at its start) and fills {@link #out},
 * and hands the connection back through the server's completion queue. The queue and the
 * executor give the happens-before edges; no field here needs to be volatile but {@link #closed}.
 *
 * <p>{@link #in} is in write mode: its position is the number of bytes received. It starts
 * small and grows to the frame being received, never past the request limit.
 */
final class Connection {
    static final int INITIAL_BUFFER = 256;

    final long serial;
    final SocketChannel channel;
    final UnixDomainPrincipal peer;
    SelectionKey key;
    ByteBuffer in = ByteBuffer.allocate(INITIAL_BUFFER);
    /** The reply being written, or null. */
    ByteBuffer out;
    /** A request is with a worker: the selector neither reads nor writes. */
    boolean busy;
    /** Bytes of {@link #in} the request with the worker occupies. */
    int frameLength;
    /** Close once {@link #out} is written (after a protocol error, or at shutdown). */
    boolean closeAfterWrite;
    volatile boolean closed;

    Connection(long serial, SocketChannel channel, UnixDomainPrincipal peer) {
        this.serial = serial;
        this.channel = channel;
        this.peer = peer;
    }

    /** Drops the frame just served and keeps any pipelined bytes after it. */
    void consumeFrame() {
        in.flip();
        in.position(frameLength);
        if (in.capacity() > INITIAL_BUFFER && in.remaining() <= INITIAL_BUFFER) {
            ByteBuffer small = ByteBuffer.allocate(INITIAL_BUFFER);
            small.put(in);
            in = small;
        } else {
            in.compact();
        }
        frameLength = 0;
    }

    /** Makes room for a frame of {@code total} bytes (the caller checked the limit). */
    void ensureCapacity(int total) {
        if (in.capacity() < total) {
            ByteBuffer bigger = ByteBuffer.allocate(total);
            in.flip();
            bigger.put(in);
            in = bigger;
        }
    }

    String describe() {
        return "client " + serial + (peer == null ? "" : " (" + peer.user().getName() + ")");
    }
}
