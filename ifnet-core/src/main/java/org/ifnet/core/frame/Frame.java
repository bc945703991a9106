package org.ifnet.core.frame;

/**
 * One frame (FreeBSD's mbuf, flattened): a buffer with {@link #HEADROOM} bytes in front of the
 * data so that an 802.1Q tag can be inserted without copying, the data length, a flow id, a
 * VLAN tag carried out of band, and flags.
 *
 * <p>Ownership: whoever receives a frame (a transmit or input call, a queue) owns it and must
 * pass it on or {@link #free()} it. A frame in its pool is not owned; freeing it twice throws.
 * Frames are reused and carry no per-use allocation.
 */
public final class Frame {
    /** The frame has a flow id (M_FLOWID). */
    public static final int M_FLOWID = 0x1;
    /** The VLAN tag is carried in {@link #vlanTag()} rather than in the data (M_VLANTAG). */
    public static final int M_VLANTAG = 0x2;
    public static final int M_BCAST = 0x4;
    public static final int M_MCAST = 0x8;

    public static final int HEADROOM = 16;

    private final byte[] buf;
    private final FramePool pool;
    private int offset = HEADROOM;
    private int length;
    private int flowid;
    private int vlanTag;
    private int flags;
    private boolean free;

    Frame(FramePool pool, int capacity) {
        this.pool = pool;
        this.buf = new byte[HEADROOM + capacity];
    }

    /** The backing array; data is at [{@link #offset()}, offset + length). */
    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** Room for data from the current offset. */
    public int capacity() {
        return buf.length - offset;
    }

    public Frame setLength(int len) {
        if (len < 0 || len > buf.length - offset) {
            throw new IllegalArgumentException("length " + len + " exceeds capacity " + (buf.length - offset));
        }
        this.length = len;
        return this;
    }

    public int flowid() {
        return flowid;
    }

    public Frame setFlowid(int id) {
        this.flowid = id;
        this.flags |= M_FLOWID;
        return this;
    }

    public boolean hasFlowid() {
        return (flags & M_FLOWID) != 0;
    }

    public int vlanTag() {
        return vlanTag;
    }

    public Frame setVlanTag(int tag) {
        this.vlanTag = tag & 0xffff;
        this.flags |= M_VLANTAG;
        return this;
    }

    public Frame clearVlanTag() {
        this.vlanTag = 0;
        this.flags &= ~M_VLANTAG;
        return this;
    }

    public boolean hasVlanTag() {
        return (flags & M_VLANTAG) != 0;
    }

    public int flags() {
        return flags;
    }

    public Frame setFlags(int f) {
        this.flags = f;
        return this;
    }

    /**
     * Moves the data start by {@code delta} bytes (negative: prepend room, positive: drop
     * leading bytes) and adjusts the length. Used to insert and strip an 802.1Q header.
     */
    public void adjustFront(int delta) {
        int no = offset + delta;
        if (no < 0 || delta > length) {
            throw new IllegalArgumentException("adjustFront(" + delta + ") out of bounds");
        }
        offset = no;
        length -= delta;
    }

    /** Copies {@code len} bytes into the frame's data from the start and sets the length. */
    public Frame put(byte[] src, int srcOff, int len) {
        setLength(len);
        System.arraycopy(src, srcOff, buf, offset, len);
        return this;
    }

    /** A copy in a frame of the same pool (for broadcast), or null when the pool is empty. */
    public Frame duplicate() {
        Frame c = pool.get();
        if (c == null) {
            return null;
        }
        c.offset = offset;
        c.length = length;
        System.arraycopy(buf, offset, c.buf, offset, length);
        c.flowid = flowid;
        c.vlanTag = vlanTag;
        c.flags = flags;
        return c;
    }

    /** Returns the frame to its pool. */
    public void free() {
        pool.put(this);
    }

    boolean markFree() {
        if (free) {
            return false;
        }
        free = true;
        return true;
    }

    void reset() {
        free = false;
        offset = HEADROOM;
        length = 0;
        flowid = 0;
        vlanTag = 0;
        flags = 0;
    }

    public FramePool pool() {
        return pool;
    }
}
