package org.ifnet.tool.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.tool.client.SocketClient;
import org.ifnet.tool.proto.Call;
import org.ifnet.tool.proto.CodecTable;
import org.ifnet.tool.proto.FrameHeader;
import org.ifnet.tool.proto.Messages;
import org.ifnet.tool.proto.WireReader;
import org.ifnet.tool.proto.WireWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad frames on real sockets: each gets an error reply or its connection closed, and none of
 * them disturbs a well-behaved client working at the same time, or the stack.
 */
class MalformedFramesTest {
    private static final Messages MESSAGES = new Messages(CodecTable.standard());

    @TempDir
    Path dir;

    private Daemon daemon;
    private Path socket;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong goodCalls = new AtomicLong();
    private CompletableFuture<Void> goodClient;

    @BeforeEach
    void start() throws Exception {
        daemon = TestDaemons.start(TestDaemons.options(dir), new TestDaemons.MemoryLog());
        socket = daemon.options().socket();
        try (SocketClient c = SocketClient.open(socket)) {
            c.create("epair", CloneParams.NONE);
            c.ioctl("epair0a", new GenericRequest.SetDescr("steady"));
        }
        // a client that keeps working while the others misbehave
        goodClient = CompletableFuture.runAsync(() -> {
            try (SocketClient c = SocketClient.open(socket)) {
                while (!stop.get()) {
                    assertThat(c.ioctl("epair0a", new GenericRequest.GetDescr())).isEqualTo("steady");
                    goodCalls.incrementAndGet();
                }
            }
        });
    }

    @AfterEach
    void stopDaemon() throws Exception {
        long before = goodCalls.get();
        assertThat(TestDaemons.eventually(Duration.ofSeconds(10), () -> goodCalls.get() > before + 10)).isTrue();
        stop.set(true);
        goodClient.get(); // rethrows a failure of the good client
        assertThat(daemon.stack().leakReport().isClean()).isTrue();
        TestDaemons.stopClean(daemon);
    }

    private SocketChannel raw() throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return ch;
    }

    private static ByteBuffer header(int magic, int version, int kind, int type, int id, int length) {
        ByteBuffer b = ByteBuffer.allocate(FrameHeader.LENGTH);
        b.putInt(magic).put((byte) version).put((byte) kind).putShort((short) type).putInt(id).putInt(length).flip();
        return b;
    }

    private static void send(SocketChannel ch, ByteBuffer... bufs) throws IOException {
        for (ByteBuffer b : bufs) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    /**
     * Everything the daemon sends until it closes the connection. A daemon that closes with
     * some of our bytes unread makes the kernel reset the connection once its data is read.
     */
    private static ByteBuffer readToEnd(SocketChannel ch) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(1 << 16);
        try {
            while (ch.read(all) >= 0) {
                if (!all.hasRemaining()) {
                    throw new AssertionError("the daemon kept talking");
                }
            }
        } catch (java.net.SocketException e) {
            assertThat(e.getMessage()).contains("reset");
        }
        return all.flip();
    }

    /** Reads one whole frame (header and body) from a connection that stays open. */
    private static ByteBuffer readFrame(SocketChannel ch) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(FrameHeader.LENGTH);
        while (h.hasRemaining()) {
            if (ch.read(h) < 0) {
                throw new AssertionError("connection closed");
            }
        }
        int len = FrameHeader.bodyLength(h, 0);
        ByteBuffer f = ByteBuffer.allocate(FrameHeader.LENGTH + len);
        f.put(h.flip());
        while (f.hasRemaining()) {
            if (ch.read(f) < 0) {
                throw new AssertionError("connection closed mid-frame");
            }
        }
        return f.flip();
    }

    /** The error frame at the start of {@code f}: its errno and message. */
    private static Object[] error(ByteBuffer f) {
        assertThat(FrameHeader.check(f, 0, FrameHeader.REPLY, FrameHeader.MAX_REPLY)).isNull();
        assertThat(FrameHeader.kind(f, 0)).isEqualTo(FrameHeader.ERROR);
        WireReader r = new WireReader(f, FrameHeader.LENGTH, FrameHeader.bodyLength(f, 0));
        return new Object[] {Messages.errnoOf(r.u16()), r.string()};
    }

    private void assertErrorThenClose(ByteBuffer request, Errno errno, String text) throws IOException {
        try (SocketChannel ch = raw()) {
            send(ch, request);
            ByteBuffer got = readToEnd(ch);
            Object[] e = error(got);
            assertThat(e[0]).isEqualTo(errno);
            assertThat((String) e[1]).contains(text);
            assertThat(got.limit()).isEqualTo(FrameHeader.LENGTH + FrameHeader.bodyLength(got, 0));
        }
    }

    @Test
    void badMagic() throws IOException {
        assertErrorThenClose(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                Errno.EPROTO, "bad magic");
    }

    @Test
    void badVersion() throws IOException {
        assertErrorThenClose(header(FrameHeader.MAGIC, 9, FrameHeader.REQUEST, 0x0100, 5, 0),
                Errno.EPROTO, "unsupported protocol version 9");
    }

    @Test
    void wrongKind() throws IOException {
        assertErrorThenClose(header(FrameHeader.MAGIC, 1, FrameHeader.REPLY, 0x0100, 5, 0), Errno.EPROTO, "kind");
    }

    @Test
    void oversizedLength() throws IOException {
        assertErrorThenClose(header(FrameHeader.MAGIC, 1, FrameHeader.REQUEST, 0x0001, 5, 1 << 30),
                Errno.EMSGSIZE, "limit");
        assertErrorThenClose(header(FrameHeader.MAGIC, 1, FrameHeader.REQUEST, 0x0001, 5, -1),
                Errno.EMSGSIZE, "4294967295 bytes");
        assertErrorThenClose(header(FrameHeader.MAGIC, 1, FrameHeader.REQUEST, 0x0001, 5,
                FrameHeader.MAX_REQUEST - FrameHeader.LENGTH + 1), Errno.EMSGSIZE, "limit");
    }

    @Test
    void truncatedFramesJustCloseTheirConnection() throws Exception {
        for (int cut : new int[] {1, 5, 15, 16, 30}) {
            try (SocketChannel ch = raw()) {
                ByteBuffer f = header(FrameHeader.MAGIC, 1, FrameHeader.REQUEST, 0x0002, 1, 100);
                ByteBuffer whole = ByteBuffer.allocate(116).put(f).put(new byte[100]).flip();
                send(ch, whole.limit(cut));
                ch.shutdownOutput();
                assertThat(readToEnd(ch).remaining()).as("cut at " + cut).isZero();
            }
        }
        assertThat(TestDaemons.eventually(Duration.ofSeconds(5), () -> daemon.openConnections() == 1)).isTrue();
    }

    @Test
    void aBadBodyGetsAnErrorAndTheConnectionStays() throws IOException {
        WireWriter w = new WireWriter(64, FrameHeader.MAX_REQUEST);
        try (SocketChannel ch = raw()) {
            // unknown type id
            send(ch, header(FrameHeader.MAGIC, 1, FrameHeader.REQUEST, 0x7777, 1, 0));
            Object[] e = error(readFrame(ch));
            assertThat(e[0]).isEqualTo(Errno.ENOTTY);
            assertThat((String) e[1]).contains("0x7777");
            // a valid GetMtu followed by a stray byte in its body
            ByteBuffer f = MESSAGES.encodeCall(new Call.Ioctl<>("epair0a", new GenericRequest.GetMtu()), 2, w);
            ByteBuffer longer = ByteBuffer.allocate(f.remaining() + 1).put(f).put((byte) 7).flip();
            longer.putInt(FrameHeader.LENGTH_OFFSET, longer.limit() - FrameHeader.LENGTH);
            send(ch, longer);
            e = error(readFrame(ch));
            assertThat(e[0]).isEqualTo(Errno.EPROTO);
            assertThat((String) e[1]).contains("unexpected byte");
            // a name that is not UTF-8
            ByteBuffer bad = ByteBuffer.allocate(FrameHeader.LENGTH + 4);
            FrameHeader.put(bad, 0, FrameHeader.REQUEST, 0x0102, 3, 4);
            bad.position(FrameHeader.LENGTH);
            bad.putShort((short) 2).put((byte) 0xC3).put((byte) 0x28).flip();
            send(ch, bad);
            e = error(readFrame(ch));
            assertThat(e[0]).isEqualTo(Errno.EPROTO);
            assertThat((String) e[1]).contains("UTF-8");
            // the same connection still works, and pipelined calls come back in order
            Call<Integer> mtu = new Call.Ioctl<>("epair0a", new GenericRequest.GetMtu());
            Call<String> descr = new Call.Ioctl<>("epair0a", new GenericRequest.GetDescr());
            ByteBuffer a = copy(MESSAGES.encodeCall(mtu, 10, w));
            ByteBuffer b = copy(MESSAGES.encodeCall(descr, 11, w));
            send(ch, ByteBuffer.allocate(a.remaining() + b.remaining()).put(a).put(b).flip());
            ByteBuffer r1 = readFrame(ch);
            ByteBuffer r2 = readFrame(ch);
            assertThat(FrameHeader.id(r1, 0)).isEqualTo(10);
            assertThat(MESSAGES.decodeReply(mtu, r1, 0)).isEqualTo(1500);
            assertThat(FrameHeader.id(r2, 0)).isEqualTo(11);
            assertThat(MESSAGES.decodeReply(descr, r2, 0)).isEqualTo("steady");
        }
    }

    @Test
    void randomBytes() throws Exception {
        SplittableRandom rnd = new SplittableRandom(1234);
        List<SocketChannel> open = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                SocketChannel ch = raw();
                open.add(ch);
                byte[] junk = new byte[1 + rnd.nextInt(300)];
                for (int k = 0; k < junk.length; k++) {
                    junk[k] = (byte) rnd.nextInt(256);
                }
                if (rnd.nextInt(4) == 0 && junk.length >= 4) {
                    ByteBuffer.wrap(junk).putInt(0, FrameHeader.MAGIC); // get past the magic now and then
                }
                send(ch, ByteBuffer.wrap(junk));
                ch.shutdownOutput();
            }
            for (SocketChannel ch : open) {
                ByteBuffer got = readToEnd(ch);
                if (got.remaining() > 0) {
                    Object[] e = error(got);
                    assertThat(e[0]).isIn(Errno.EPROTO, Errno.EMSGSIZE, Errno.ENOTTY);
                }
            }
        } finally {
            for (SocketChannel ch : open) {
                ch.close();
            }
        }
        assertThat(daemon.protocolErrors()).isGreaterThan(100);
        assertThat(TestDaemons.eventually(Duration.ofSeconds(5), () -> daemon.openConnections() == 1)).isTrue();
        assertThat(daemon.stack().interfaces()).containsExactly("lo0", "epair0a", "epair0b");
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b).flip();
        return c;
    }
}
