package org.ifnet.tool.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.junit.jupiter.api.Test;

/**
 * The decoders face random bytes and mutated valid frames: the only failure they may show is
 * an IfnetException with EPROTO, ENOTTY or EMSGSIZE (what the daemon sends back); never
 * another exception, never a hang, never a huge allocation.
 */
class DecoderFuzzTest {
    private static final int ROUNDS = 100_000;
    private final Messages messages = new Messages(CodecTable.standard());

    @Test
    void randomBodiesUnderEveryTypeId() {
        SplittableRandom rnd = new SplittableRandom(42);
        CodecTable table = CodecTable.standard();
        List<Integer> ids = new java.util.ArrayList<>();
        for (int id = 1; id <= 0xffff; id++) {
            if (table.byId(id) != null) {
                ids.add(id);
            }
        }
        assertThat(ids).hasSize(table.size());
        int decoded = 0;
        for (int i = 0; i < ROUNDS; i++) {
            int bodyLen = rnd.nextInt(64);
            ByteBuffer f = ByteBuffer.allocate(FrameHeader.LENGTH + bodyLen);
            int type = rnd.nextInt(8) == 0 ? rnd.nextInt(0x10000) : ids.get(rnd.nextInt(ids.size()));
            FrameHeader.put(f, 0, FrameHeader.REQUEST, type, i, bodyLen);
            for (int b = 0; b < bodyLen; b++) {
                f.put(FrameHeader.LENGTH + b, (byte) rnd.nextInt(256));
            }
            if (decodeCall(f)) {
                decoded++;
            }
        }
        // some random bodies are valid calls (no-field requests with an empty body, short strings)
        assertThat(decoded).isPositive();
    }

    @Test
    void mutatedValidFrames() {
        SplittableRandom rnd = new SplittableRandom(7);
        WireWriter w = new WireWriter(64, FrameHeader.MAX_REPLY);
        List<Object[]> examples = CodecTableTest.genericExamples();
        for (int i = 0; i < ROUNDS / 4; i++) {
            Object[] ex = examples.get(rnd.nextInt(examples.size()));
            Call.Ioctl<?> call = new Call.Ioctl<>("epair0a", (IfRequest<?>) ex[0]);
            ByteBuffer req = CodecTableTest.copy(messages.encodeCall(call, i, w));
            ByteBuffer rep = CodecTableTest.copy(messages.encodeReply(call, i, ex[1], w));
            mutate(req, rnd);
            mutate(rep, rnd);
            decodeCall(req);
            try {
                messages.decodeReply(call, rep, 0);
            } catch (IfnetException e) {
                assertThat(e.errno()).isIn(Errno.EPROTO, Errno.ENOTTY, Errno.EMSGSIZE);
            }
        }
    }

    /** Flips bytes of the body (the header's length stays true, as the server checked it). */
    private static void mutate(ByteBuffer f, SplittableRandom rnd) {
        int body = f.limit() - FrameHeader.LENGTH;
        if (body == 0) {
            return;
        }
        int flips = 1 + rnd.nextInt(3);
        for (int k = 0; k < flips; k++) {
            int at = FrameHeader.LENGTH + rnd.nextInt(body);
            f.put(at, (byte) rnd.nextInt(256));
        }
    }

    private boolean decodeCall(ByteBuffer f) {
        try {
            messages.decodeCall(f, 0);
            return true;
        } catch (IfnetException e) {
            assertThat(e.errno()).isIn(Errno.EPROTO, Errno.ENOTTY);
            assertThat(e.getMessage()).isNotBlank();
            return false;
        }
    }

    @Test
    void headerCheckRejectsWhatItMust() {
        ByteBuffer f = ByteBuffer.allocate(FrameHeader.LENGTH);
        FrameHeader.put(f, 0, FrameHeader.REQUEST, 1, 1, 0);
        assertThat(FrameHeader.check(f, 0, FrameHeader.REQUEST, FrameHeader.MAX_REQUEST)).isNull();
        f.putInt(0, 0x47455420); // "GET "
        assertThat(FrameHeader.check(f, 0, FrameHeader.REQUEST, FrameHeader.MAX_REQUEST)).contains("bad magic");
        FrameHeader.put(f, 0, FrameHeader.REQUEST, 1, 1, 0);
        f.put(FrameHeader.VERSION_OFFSET, (byte) 2);
        assertThat(FrameHeader.check(f, 0, FrameHeader.REQUEST, FrameHeader.MAX_REQUEST)).contains("version 2");
        FrameHeader.put(f, 0, FrameHeader.REPLY, 1, 1, 0);
        assertThat(FrameHeader.check(f, 0, FrameHeader.REQUEST, FrameHeader.MAX_REQUEST)).contains("kind");
        assertThat(FrameHeader.fits(FrameHeader.MAX_REQUEST - FrameHeader.LENGTH, FrameHeader.MAX_REQUEST)).isTrue();
        assertThat(FrameHeader.fits(FrameHeader.MAX_REQUEST - FrameHeader.LENGTH + 1, FrameHeader.MAX_REQUEST)).isFalse();
        assertThat(FrameHeader.fits(-1, FrameHeader.MAX_REQUEST)).isFalse();
    }
}
