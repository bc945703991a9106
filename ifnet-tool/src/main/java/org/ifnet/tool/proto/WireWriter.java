package org.ifnet.tool.proto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * Appends big-endian fields to a frame being built. The buffer grows by doubling up to a
 * limit (the largest frame of its kind); going past it is EMSGSIZE, so an oversized message is
 * refused where it is built, never sent.
 *
 * <p>Encodings: integers big-endian; a boolean one byte (0 or 1); a string a u16 byte count
 * and UTF-8 bytes; a list a u32 count and its elements.
 */
public final class WireWriter {
    private final int limit;
    private ByteBuffer buf;

    public WireWriter(int initial, int limit) {
        this.limit = limit;
        this.buf = ByteBuffer.allocate(Math.min(initial, limit));
    }

    /** Starts a new frame: the header is reserved and filled in by {@link #finish}. */
    public WireWriter begin() {
        buf.clear();
        buf.position(FrameHeader.LENGTH);
        return this;
    }

    /** Fills in the header; returns the frame, ready to write (position 0, limit its end). */
    public ByteBuffer finish(byte kind, int type, int id) {
        FrameHeader.put(buf, 0, kind, type, id, buf.position() - FrameHeader.LENGTH);
        buf.flip();
        return buf;
    }

    private void ensure(int n) {
        if (buf.remaining() >= n) {
            return;
        }
        int need = buf.position() + n;
        if (need > limit) {
            throw new IfnetException(Errno.EMSGSIZE, "message of more than " + limit + " bytes");
        }
        int cap = buf.capacity();
        while (cap < need) {
            cap = Math.min(limit, cap * 2);
        }
        ByteBuffer bigger = ByteBuffer.allocate(cap);
        buf.flip();
        bigger.put(buf);
        buf = bigger;
    }

    public WireWriter u8(int v) {
        ensure(1);
        buf.put((byte) v);
        return this;
    }

    public WireWriter u16(int v) {
        ensure(2);
        buf.putShort((short) v);
        return this;
    }

    public WireWriter i32(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    public WireWriter i64(long v) {
        ensure(8);
        buf.putLong(v);
        return this;
    }

    public WireWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    public WireWriter string(String s) {
        if (s == null) {
            throw new IfnetException(Errno.EINVAL, "a string field is missing (null)");
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xffff) {
            throw new IfnetException(Errno.EMSGSIZE, "string of " + b.length + " bytes (at most 65535)");
        }
        ensure(2 + b.length);
        buf.putShort((short) b.length);
        buf.put(b);
        return this;
    }

    public WireWriter strings(List<String> list) {
        i32(list.size());
        for (String s : list) {
            string(s);
        }
        return this;
    }
}
