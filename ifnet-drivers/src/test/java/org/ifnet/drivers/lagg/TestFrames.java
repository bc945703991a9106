package org.ifnet.drivers.lagg;

import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;

/** Builds test frames in place: Ethernet, optional 802.1Q, IPv4 or IPv6 (with extension headers), TCP/UDP. */
final class TestFrames {
    static final long DST = 0x02_00_00_00_00_01L;
    static final long SRC = 0x02_00_00_00_00_02L;
    static final int TCP = 6;
    static final int UDP = 17;

    private TestFrames() {
    }

    /** A 64-byte IPv4/TCP frame of the flow (srcIp, dstIp, sport, dport). */
    static Frame ipv4(Frame f, long dst, long src, int srcIp, int dstIp, int proto, int sport, int dport) {
        Ether.writeHeader(f, dst, src, Ether.TYPE_IPV4, 50);
        byte[] b = f.buffer();
        int o = f.offset() + Ether.HEADER_LEN;
        java.util.Arrays.fill(b, o, o + 50, (byte) 0);
        b[o] = 0x45;                         // version 4, 20-byte header
        put16(b, o + 2, 50);
        b[o + 8] = 64;                       // ttl
        b[o + 9] = (byte) proto;
        put32(b, o + 12, srcIp);
        put32(b, o + 16, dstIp);
        put16(b, o + 20, sport);
        put16(b, o + 22, dport);
        return f;
    }

    static Frame tcp4(Frame f, int srcIp, int dstIp, int sport, int dport) {
        return ipv4(f, DST, SRC, srcIp, dstIp, TCP, sport, dport);
    }

    /**
     * An IPv6 frame carrying {@code extHeaders} hop-by-hop/destination-options headers (8 bytes
     * each) before a UDP header with the given ports.
     */
    static Frame udp6(Frame f, long srcLow, long dstLow, int flowLabel, int extHeaders, int sport, int dport) {
        int payload = extHeaders * 8 + 8;
        Ether.writeHeader(f, DST, SRC, Ether.TYPE_IPV6, 40 + payload);
        byte[] b = f.buffer();
        int o = f.offset() + Ether.HEADER_LEN;
        java.util.Arrays.fill(b, o, o + 40 + payload, (byte) 0);
        put32(b, o, (6 << 28) | (flowLabel & 0xfffff));
        put16(b, o + 4, payload);
        b[o + 6] = (byte) (extHeaders > 0 ? 0 : UDP);   // hop-by-hop first
        b[o + 7] = 64;
        put32(b, o + 8, 0x20010db8);
        put64(b, o + 16, srcLow);
        put32(b, o + 24, 0x20010db8);
        put64(b, o + 32, dstLow);
        int q = o + 40;
        for (int i = 0; i < extHeaders; i++) {
            b[q] = (byte) (i + 1 < extHeaders ? 60 : UDP); // then destination options, then UDP
            b[q + 1] = 0;                                  // (0 + 1) * 8 bytes
            q += 8;
        }
        put16(b, q, sport);
        put16(b, q + 2, dport);
        put16(b, q + 4, 8);
        return f;
    }

    /** Inserts an in-band 802.1Q header with {@code vid}. */
    static Frame tagInBand(Frame f, int vid) {
        Ether.vlanEncap(f, vid);
        return f;
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, int v) {
        put16(b, at, v >>> 16);
        put16(b, at + 2, v);
    }

    static void put64(byte[] b, int at, long v) {
        put32(b, at, (int) (v >>> 32));
        put32(b, at + 4, (int) v);
    }
}
