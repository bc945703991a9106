package org.ifnet.drivers;

import java.util.Arrays;
import org.ifnet.core.NetStack;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;

/** Frames for tests: an Ethernet header and a recognisable payload. */
final class Frames {
    static final long DST = 0x02_00_00_00_00_01L;
    static final long SRC = 0x02_00_00_00_00_02L;

    private Frames() {
    }

    /** A pool frame: DST, SRC, IPv4 ethertype, {@code payload} bytes counting up from {@code seed}. */
    static Frame ipv4(NetStack stack, int payload, int seed) {
        Frame f = stack.framePool().get();
        if (f == null) {
            throw new AssertionError("frame pool exhausted");
        }
        Ether.writeHeader(f, DST, SRC, Ether.TYPE_IPV4, payload);
        byte[] b = f.buffer();
        for (int i = 0; i < payload; i++) {
            b[f.offset() + Ether.HEADER_LEN + i] = (byte) (seed + i);
        }
        return f;
    }

    /** The same frame's bytes, as {@link #ipv4} lays them out. */
    static byte[] ipv4Bytes(int payload, int seed) {
        byte[] b = new byte[Ether.HEADER_LEN + payload];
        putMac(b, 0, DST);
        putMac(b, 6, SRC);
        b[12] = 0x08;
        b[13] = 0x00;
        for (int i = 0; i < payload; i++) {
            b[Ether.HEADER_LEN + i] = (byte) (seed + i);
        }
        return b;
    }

    static void putMac(byte[] b, int at, long mac) {
        for (int i = 0; i < 6; i++) {
            b[at + i] = (byte) (mac >>> (8 * (5 - i)));
        }
    }

    /** A copy of a frame's data bytes. */
    static byte[] bytes(Frame f) {
        return Arrays.copyOfRange(f.buffer(), f.offset(), f.offset() + f.length());
    }
}
