package org.ifnet.tool.proto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * Reads the fields {@link WireWriter} writes from one frame body, checking every length
 * against what is left: a short body, a count larger than the bytes that could hold it,
 * invalid UTF-8, or bytes left over at the end are EPROTO, never an exception of another kind
 * and never a large allocation driven by the peer.
 */
public final class WireReader {
    private final ByteBuffer buf;
    private final int end;
    private int pos;

    /** Reads {@code length} bytes of {@code buf} from absolute offset {@code start}. */
    public WireReader(ByteBuffer buf, int start, int length) {
        this.buf = buf;
        this.pos = start;
        this.end = start + length;
    }

    public static IfnetException malformed(String why) {
        return new IfnetException(Errno.EPROTO, "malformed message: " + why);
    }

    private void need(int n, String what) {
        if (end - pos < n) {
            throw malformed(what + " runs past the end of the message");
        }
    }

    public int remaining() {
        return end - pos;
    }

    public int u8() {
        need(1, "a byte");
        return buf.get(pos++) & 0xff;
    }

    public int u16() {
        need(2, "a short");
        int v = buf.getShort(pos) & 0xffff;
        pos += 2;
        return v;
    }

    public int i32() {
        need(4, "an int");
        int v = buf.getInt(pos);
        pos += 4;
        return v;
    }

    public long i64() {
        need(8, "a long");
        long v = buf.getLong(pos);
        pos += 8;
        return v;
    }

    public boolean bool() {
        int v = u8();
        if (v > 1) {
            throw malformed("boolean byte " + v);
        }
        return v == 1;
    }

    public String string() {
        int n = u16();
        need(n, "a string of " + n + " bytes");
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer slice = buf.duplicate();
        slice.limit(pos + n).position(pos);
        try {
            CharBuffer cb = dec.decode(slice);
            pos += n;
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw malformed("a string is not valid UTF-8");
        }
    }

    /** A count of elements each at least {@code minBytes} long, checked against what is left. */
    public int count(int minBytes) {
        int n = i32();
        if (n < 0 || (long) n * minBytes > remaining()) {
            throw malformed("count " + n + " does not fit in the " + remaining() + " bytes left");
        }
        return n;
    }

    public List<String> strings() {
        int n = count(2);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(string());
        }
        return out;
    }

    /** EPROTO unless every byte was read. */
    public void expectEnd() {
        if (pos != end) {
            throw malformed((end - pos) + " unexpected byte(s) at the end");
        }
    }
}
