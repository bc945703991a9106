package org.ifnet.tool.proto;

import java.nio.ByteBuffer;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;

/**
 * Turns calls, replies and errors into frames and back (see {@link FrameHeader} for the
 * layout). The body of an interface request is the interface name (a string) followed by the
 * request's fields; the body of a stack call is its fields. Decoding never trusts the peer:
 * an unknown type is ENOTTY, anything malformed EPROTO, and the whole body must be used.
 */
public final class Messages {
    /** Longest error message sent; longer ones are cut (the errno is what programs test). */
    static final int MAX_ERROR_TEXT = 4000;

    private final CodecTable table;

    public Messages(CodecTable table) {
        this.table = table;
    }

    public CodecTable table() {
        return table;
    }

    /** The codec a call travels with: its request's for an interface request, else its own. */
    @SuppressWarnings("unchecked")
    public Codec<Object, Object> codecOf(Call<?> call) {
        Object key = call instanceof Call.Ioctl ? ((Call.Ioctl<?>) call).request() : call;
        return (Codec<Object, Object>) table.forType(key.getClass());
    }

    /** A request frame for {@code call}. EMSGSIZE past {@link FrameHeader#MAX_REQUEST}. */
    public ByteBuffer encodeCall(Call<?> call, int id, WireWriter w) {
        Codec<Object, Object> c = codecOf(call);
        w.begin();
        if (call instanceof Call.Ioctl) {
            Call.Ioctl<?> io = (Call.Ioctl<?>) call;
            w.string(io.ifname());
            c.writeRequest(io.request(), w);
        } else {
            c.writeRequest(call, w);
        }
        return w.finish(FrameHeader.REQUEST, c.typeId(), id);
    }

    /**
     * The call in the request frame whose (already checked) header starts at {@code at} and
     * whose body follows it in {@code frame}.
     */
    public Call<?> decodeCall(ByteBuffer frame, int at) {
        int type = FrameHeader.type(frame, at);
        Codec<?, ?> c = table.byId(type);
        if (c == null) {
            throw new IfnetException(Errno.ENOTTY, "unknown request type 0x" + Integer.toHexString(type));
        }
        WireReader r = new WireReader(frame, at + FrameHeader.LENGTH, FrameHeader.bodyLength(frame, at));
        Call<?> call;
        try {
            if (c.perInterface()) {
                String ifname = r.string();
                call = new Call.Ioctl<>(ifname, (IfRequest<?>) c.readRequest(r));
            } else {
                call = (Call<?>) c.readRequest(r);
            }
        } catch (IfnetException e) {
            throw e;
        } catch (RuntimeException e) {
            // a record constructor refused the decoded fields
            throw WireReader.malformed(e.getMessage());
        }
        r.expectEnd();
        return call;
    }

    /** A reply frame carrying {@code value} for {@code call}. */
    public ByteBuffer encodeReply(Call<?> call, int id, Object value, WireWriter w) {
        Codec<Object, Object> c = codecOf(call);
        w.begin();
        c.writeReply(value, w);
        return w.finish(FrameHeader.REPLY, c.typeId(), id);
    }

    /** An error frame: FreeBSD's errno number and a sentence. */
    public static ByteBuffer encodeError(int type, int id, Errno errno, String message, WireWriter w) {
        String m = message == null ? errno.text() : message;
        if (m.length() > MAX_ERROR_TEXT) {
            m = m.substring(0, MAX_ERROR_TEXT) + "...";
        }
        w.begin();
        w.u16(errno.value()).string(m);
        return w.finish(FrameHeader.ERROR, type, id);
    }

    /**
     * The value in the reply frame at {@code at}, or the IfnetException its error frame
     * carries. EPROTO when the frame answers another call.
     */
    @SuppressWarnings("unchecked")
    public <R> R decodeReply(Call<R> call, ByteBuffer frame, int at) {
        WireReader r = new WireReader(frame, at + FrameHeader.LENGTH, FrameHeader.bodyLength(frame, at));
        if (FrameHeader.kind(frame, at) == FrameHeader.ERROR) {
            Errno e = errnoOf(r.u16());
            throw new IfnetException(e, r.string());
        }
        Codec<Object, Object> c = codecOf(call);
        if (FrameHeader.type(frame, at) != c.typeId()) {
            throw WireReader.malformed("reply of type 0x" + Integer.toHexString(FrameHeader.type(frame, at))
                    + " to a request of type 0x" + Integer.toHexString(c.typeId()));
        }
        R value = (R) c.readReply(r);
        r.expectEnd();
        return value;
    }

    /** The Errno with FreeBSD's number {@code value}; EPROTO for a number this side does not know. */
    public static Errno errnoOf(int value) {
        for (Errno e : Errno.values()) {
            if (e.value() == value) {
                return e;
            }
        }
        return Errno.EPROTO;
    }
}
