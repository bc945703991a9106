package org.ifnet.tool.proto;

import java.nio.ByteBuffer;

/**
 * The 16-byte header that starts every frame on the control socket, as a flyweight: static
 * accessors over a big-endian {@link ByteBuffer} at an absolute offset, no object per frame.
 *
 * <pre>
 *   offset  size  field
 *        0     4  magic    0x49464E54 ("IFNT")
 *        4     1  version  {@link #VERSION}
 *        5     1  kind     {@link #REQUEST}, {@link #REPLY} or {@link #ERROR}
 *        6     2  type     the call's stable type id (see {@link CodecTable}); echoed by replies
 *        8     4  id       correlation id chosen by the client; echoed by replies
 *       12     4  length   body length in bytes (the body follows the header)
 * </pre>
 *
 * A request's body is its call's fields ({@link CodecTable} says how, per type); a reply's body
 * is the typed value; an error's body is {@code u16 errno} (FreeBSD's number) and a UTF-8
 * message (u16 length + bytes). A request frame is at most {@link #MAX_REQUEST} bytes, header
 * included; a reply at most {@link #MAX_REPLY} (interface lists grow with the stack).
 */
public final class FrameHeader {
    public static final int MAGIC = 0x49464E54;
    public static final int VERSION = 1;

    public static final byte REQUEST = 1;
    public static final byte REPLY = 2;
    public static final byte ERROR = 3;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int KIND_OFFSET = 5;
    public static final int TYPE_OFFSET = 6;
    public static final int ID_OFFSET = 8;
    public static final int LENGTH_OFFSET = 12;
    public static final int LENGTH = 16;

    /** Largest request frame, header included. */
    public static final int MAX_REQUEST = 64 * 1024;
    /** Largest reply frame, header included. */
    public static final int MAX_REPLY = 16 * 1024 * 1024;

    private FrameHeader() {
    }

    public static int magic(ByteBuffer b, int at) { return b.getInt(at + MAGIC_OFFSET); }
    public static int version(ByteBuffer b, int at) { return b.get(at + VERSION_OFFSET) & 0xff; }
    public static byte kind(ByteBuffer b, int at) { return b.get(at + KIND_OFFSET); }
    public static int type(ByteBuffer b, int at) { return b.getShort(at + TYPE_OFFSET) & 0xffff; }
    public static int id(ByteBuffer b, int at) { return b.getInt(at + ID_OFFSET); }
    /** The body length as sent; negative values mean more than 2 GiB (always too big). */
    public static int bodyLength(ByteBuffer b, int at) { return b.getInt(at + LENGTH_OFFSET); }

    /** Writes a header at {@code at}. */
    public static void put(ByteBuffer b, int at, byte kind, int type, int id, int bodyLength) {
        b.putInt(at + MAGIC_OFFSET, MAGIC);
        b.put(at + VERSION_OFFSET, (byte) VERSION);
        b.put(at + KIND_OFFSET, kind);
        b.putShort(at + TYPE_OFFSET, (short) type);
        b.putInt(at + ID_OFFSET, id);
        b.putInt(at + LENGTH_OFFSET, bodyLength);
    }

    /**
     * Null when the header at {@code at} is one a peer expecting {@code kind} frames of at most
     * {@code max} bytes can accept, else why not (a sentence for the EPROTO / EMSGSIZE reply).
     */
    public static String check(ByteBuffer b, int at, byte kind, int max) {
        if (magic(b, at) != MAGIC) {
            return "bad magic 0x" + Integer.toHexString(magic(b, at)) + " (not an ifnet control frame)";
        }
        if (version(b, at) != VERSION) {
            return "unsupported protocol version " + version(b, at) + " (this side speaks " + VERSION + ")";
        }
        if (kind(b, at) != kind && !(kind == REPLY && kind(b, at) == ERROR)) {
            return "unexpected frame kind " + kind(b, at);
        }
        return null;
    }

    /** True when a body of {@code bodyLength} bytes keeps the frame within {@code max}. */
    public static boolean fits(int bodyLength, int max) {
        return bodyLength >= 0 && bodyLength <= max - LENGTH;
    }
}
