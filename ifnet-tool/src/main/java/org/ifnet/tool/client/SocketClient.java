package org.ifnet.tool.client;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import org.ifnet.core.LeakReport;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.tool.proto.Call;
import org.ifnet.tool.proto.CodecTable;
import org.ifnet.tool.proto.FrameHeader;
import org.ifnet.tool.proto.Messages;
import org.ifnet.tool.proto.WireWriter;

/**
 * A {@link StackClient} over the daemon's control socket: one blocking Unix-domain
 * connection, one call at a time (calls from several threads are serialized). Errors the
 * daemon answers come back as the same {@code IfnetException}s an embedded stack throws; a
 * daemon that is gone is ENXIO with how to start one.
 */
public final class SocketClient implements StackClient {
    private static final Messages MESSAGES = new Messages(CodecTable.standard());

    private final Path path;
    private final SocketChannel channel;
    private final WireWriter out = new WireWriter(256, FrameHeader.MAX_REQUEST);
    private ByteBuffer in = ByteBuffer.allocate(4096);
    private int nextId = 1;

    private SocketClient(Path path, SocketChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Connects to the daemon at {@code path}; ENXIO with how to start one when none answers. */
    public static StackClient connect(Path path) {
        return open(path);
    }

    /** As {@link #connect}, typed, for callers that need {@link #call}. */
    public static SocketClient open(Path path) {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(path));
            return new SocketClient(path, ch);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            String why = String.valueOf(e.getMessage());
            if (why.contains("Permission denied")) {
                throw new IfnetException(Errno.EPERM, "cannot connect to the ifnet daemon at " + path
                        + ": Permission denied (the socket is for root and its group)");
            }
            throw new IfnetException(Errno.ENXIO, "no ifnet daemon answers at " + path
                    + "; start one with: bin/ifnet daemon --socket " + path + " &");
        }
    }

    public Path path() {
        return path;
    }

    /** Sends one call and waits for its reply; the daemon's error comes back as IfnetException. */
    public synchronized <R> R call(Call<R> call) {
        int id = nextId++;
        ByteBuffer frame = MESSAGES.encodeCall(call, id, out);
        try {
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        } catch (IOException e) {
            // the daemon may have said why before it closed (too many clients): read that first
            try {
                return readReply(call, id);
            } catch (IOException ignored) {
                throw closed(e);
            }
        }
        try {
            return readReply(call, id);
        } catch (IOException e) {
            throw closed(e);
        }
    }

    private IfnetException closed(IOException e) {
        return new IfnetException(Errno.ENXIO, "the ifnet daemon at " + path + " closed the connection ("
                + e.getMessage() + ")");
    }

    private <R> R readReply(Call<R> call, int id) throws IOException {
        in.clear();
        readFully(FrameHeader.LENGTH);
        String bad = FrameHeader.check(in, 0, FrameHeader.REPLY, FrameHeader.MAX_REPLY);
        if (bad != null) {
            throw new IfnetException(Errno.EPROTO, "the daemon at " + path + " sent " + bad);
        }
        int len = FrameHeader.bodyLength(in, 0);
        if (!FrameHeader.fits(len, FrameHeader.MAX_REPLY)) {
            throw new IfnetException(Errno.EMSGSIZE, "the daemon at " + path + " sent a reply of " + len + " bytes");
        }
        if (in.capacity() < FrameHeader.LENGTH + len) {
            ByteBuffer bigger = ByteBuffer.allocate(FrameHeader.LENGTH + len);
            bigger.put(in.flip());
            in = bigger;
        }
        readFully(FrameHeader.LENGTH + len);
        // an error about the connection itself (too many clients) answers no request in particular
        if (FrameHeader.id(in, 0) != id && FrameHeader.kind(in, 0) != FrameHeader.ERROR) {
            throw new IfnetException(Errno.EPROTO, "the daemon at " + path + " answered request "
                    + FrameHeader.id(in, 0) + " instead of " + id);
        }
        return MESSAGES.decodeReply(call, in, 0);
    }

    /** Reads until {@code in} holds {@code upTo} bytes from its start. */
    private void readFully(int upTo) throws IOException {
        in.limit(upTo);
        while (in.hasRemaining()) {
            if (channel.read(in) < 0) {
                throw new IOException("end of stream after " + in.position() + " of " + upTo + " bytes");
            }
        }
    }

    @Override
    public <R> R ioctl(String ifname, IfRequest<R> req) {
        return call(new Call.Ioctl<>(ifname, req));
    }

    @Override
    public String create(String ifname, CloneParams params) {
        return call(new Call.Create(ifname, params == null ? CloneParams.NONE : params));
    }

    @Override
    public void destroy(String ifname) {
        call(new Call.Destroy(ifname));
    }

    @Override
    public List<String> interfaces() {
        return call(new Call.Interfaces());
    }

    @Override
    public List<String> cloners() {
        return call(new Call.Cloners());
    }

    @Override
    public List<String> groupMembers(String group) {
        return call(new Call.GroupMembers(group));
    }

    @Override
    public LeakReport leakReport() {
        return call(new Call.Leaks());
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do: the connection is gone either way
            }
        }
    }
}
