package org.ifnet.drivers.lagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.frame.FramePool;
import org.ifnet.drivers.lagg.hash.FlowHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What each layer of the flow hash covers, and that it never throws: on truncated frames
 * (every prefix of real ones) and on random bytes.
 */
class FlowHashTest {
    private static final int ALL = FlowHash.MASK;
    private static final int KEY = 0x5eed;
    private final FramePool pool = new FramePool(2048, 64);

    @AfterEach
    void noFrameLeaked() {
        assertThat(pool.outstanding()).isZero();
    }

    private int hash(Frame f, int layers) {
        return FlowHash.hash(f, layers, KEY);
    }

    private int tcp4(int layers, long dst, long src, int sip, int dip, int sport, int dport) {
        Frame f = TestFrames.ipv4(pool.get(), dst, src, sip, dip, TestFrames.TCP, sport, dport);
        try {
            return hash(f, layers);
        } finally {
            f.free();
        }
    }

    @Test
    void eachLayerCoversItsFieldsAndOnlyThose() {
        long d = TestFrames.DST;
        long s = TestFrames.SRC;
        int base = tcp4(ALL, d, s, 1, 2, 1000, 80);
        assertThat(tcp4(ALL, d, s, 1, 2, 1000, 80)).isEqualTo(base);       // deterministic
        assertThat(tcp4(ALL, d, s, 1, 2, 1001, 80)).isNotEqualTo(base);    // l4: ports
        assertThat(tcp4(ALL, d, s, 1, 3, 1000, 80)).isNotEqualTo(base);    // l3: addresses
        assertThat(tcp4(ALL, d, s + 1, 1, 2, 1000, 80)).isNotEqualTo(base); // l2: MACs

        int l3 = tcp4(FlowHash.L3, d, s, 1, 2, 1000, 80);
        assertThat(tcp4(FlowHash.L3, d + 5, s + 7, 1, 2, 1001, 81)).isEqualTo(l3);
        assertThat(tcp4(FlowHash.L3, d, s, 9, 2, 1000, 80)).isNotEqualTo(l3);

        int l4 = tcp4(FlowHash.L4, d, s, 1, 2, 1000, 80);
        assertThat(tcp4(FlowHash.L4, d + 5, s, 7, 8, 1000, 80)).isEqualTo(l4);
        assertThat(tcp4(FlowHash.L4, d, s, 1, 2, 1000, 81)).isNotEqualTo(l4);

        int l2 = tcp4(FlowHash.L2, d, s, 1, 2, 1000, 80);
        assertThat(tcp4(FlowHash.L2, d, s, 5, 6, 7, 8)).isEqualTo(l2);
        assertThat(tcp4(FlowHash.L2, d ^ 0x0100, s, 1, 2, 1000, 80)).isNotEqualTo(l2);
    }

    @Test
    void theKeyChangesTheHash() {
        Frame f = TestFrames.tcp4(pool.get(), 1, 2, 3, 4);
        assertThat(FlowHash.hash(f, ALL, 1)).isNotEqualTo(FlowHash.hash(f, ALL, 2));
        f.free();
    }

    @Test
    void fragmentsAreHashedWithoutPorts() {
        Frame a = TestFrames.tcp4(pool.get(), 1, 2, 1000, 80);
        Frame b = TestFrames.tcp4(pool.get(), 1, 2, 2000, 443);
        for (Frame f : new Frame[] {a, b}) {
            TestFrames.put16(f.buffer(), f.offset() + Ether.HEADER_LEN + 6, 0x2000); // IP_MF
        }
        assertThat(hash(a, ALL)).isEqualTo(hash(b, ALL));
        a.free();
        b.free();
    }

    @Test
    void vlanTagCountsInL2WhetherInBandOrOutOfBand() {
        Frame plain = TestFrames.tcp4(pool.get(), 1, 2, 3, 4);
        Frame inband = TestFrames.tagInBand(TestFrames.tcp4(pool.get(), 1, 2, 3, 4), 42);
        Frame oob = TestFrames.tcp4(pool.get(), 1, 2, 3, 4).setVlanTag(42);
        Frame other = TestFrames.tcp4(pool.get(), 1, 2, 3, 4).setVlanTag(43);
        assertThat(hash(inband, ALL)).isEqualTo(hash(oob, ALL)).isNotEqualTo(hash(plain, ALL));
        assertThat(hash(other, ALL)).isNotEqualTo(hash(oob, ALL));
        // without l2 the tag is not hashed, but the in-band header is still skipped to reach IP
        assertThat(hash(inband, FlowHash.L3 | FlowHash.L4)).isEqualTo(hash(plain, FlowHash.L3 | FlowHash.L4));
        for (Frame f : new Frame[] {plain, inband, oob, other}) {
            f.free();
        }
    }

    @Test
    void ipv6PortsAreFoundBehindExtensionHeaders() {
        for (int ext = 0; ext <= 3; ext++) {
            Frame a = TestFrames.udp6(pool.get(), 1, 2, 0, ext, 1000, 53);
            Frame b = TestFrames.udp6(pool.get(), 1, 2, 0, ext, 1001, 53);
            Frame c = TestFrames.udp6(pool.get(), 1, 2, 0, ext, 1000, 53);
            assertThat(hash(a, FlowHash.L4)).as("%d extension headers", ext).isNotEqualTo(hash(b, FlowHash.L4));
            assertThat(hash(a, FlowHash.L4)).isEqualTo(hash(c, FlowHash.L4));
            a.free();
            b.free();
            c.free();
        }
        Frame x = TestFrames.udp6(pool.get(), 1, 2, 7, 0, 1, 2);
        Frame y = TestFrames.udp6(pool.get(), 1, 2, 8, 0, 1, 2);
        Frame z = TestFrames.udp6(pool.get(), 1, 3, 7, 0, 1, 2);
        assertThat(hash(x, FlowHash.L3)).isNotEqualTo(hash(y, FlowHash.L3)); // flow label
        assertThat(hash(x, FlowHash.L3)).isNotEqualTo(hash(z, FlowHash.L3)); // address
        x.free();
        y.free();
        z.free();
    }

    @Test
    void everyPrefixOfARealFrameHashesWithoutThrowing() {
        Frame[] frames = {
            TestFrames.tcp4(pool.get(), 1, 2, 3, 4),
            TestFrames.udp6(pool.get(), 1, 2, 3, 3, 5, 6),
            TestFrames.tagInBand(TestFrames.udp6(pool.get(), 1, 2, 3, 1, 5, 6), 7),
            TestFrames.tagInBand(TestFrames.tcp4(pool.get(), 1, 2, 3, 4), 9),
        };
        for (Frame f : frames) {
            int full = f.length();
            Set<Integer> seen = new HashSet<>();
            for (int len = 0; len <= full; len++) {
                f.setLength(len);
                for (int layers = 0; layers <= ALL; layers++) {
                    seen.add(FlowHash.hash(f, layers, KEY));
                }
            }
            assertThat(seen.size()).isGreaterThan(8); // longer prefixes add fields
            f.free();
        }
    }

    @Test
    void randomBytesNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(20240611);
        Frame f = pool.get();
        byte[] junk = new byte[256];
        int[] types = {0x0800, 0x86dd, 0x8100, 0x8809, 0};
        for (int i = 0; i < 200_000; i++) {
            int len = rnd.nextInt(0, junk.length + 1);
            rnd.nextBytes(junk);
            if (len >= 14 && rnd.nextBoolean()) { // steer half of them into the IP parsers
                int t = types[rnd.nextInt(types.length)];
                junk[12] = (byte) (t >>> 8);
                junk[13] = (byte) t;
                if (t == 0x8100 && len >= 18) {
                    int inner = types[rnd.nextInt(2)];
                    junk[16] = (byte) (inner >>> 8);
                    junk[17] = (byte) inner;
                }
            }
            f.put(junk, 0, len);
            f.setFlags(0);
            if (rnd.nextInt(4) == 0) {
                f.setVlanTag(rnd.nextInt(1 << 16));
            }
            FlowHash.hash(f, rnd.nextInt(8), rnd.nextInt());
        }
        f.free();
    }

    @Test
    void layerNames() {
        assertThat(FlowHash.names(ALL)).isEqualTo("l2,l3,l4");
        assertThat(FlowHash.names(FlowHash.L3)).isEqualTo("l3");
        assertThat(FlowHash.bit("l4")).isEqualTo(FlowHash.L4);
        assertThat(FlowHash.bit("l5")).isZero();
    }
}
