package org.ifnet.core.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LeakException;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.testing.Leaks;
import org.ifnet.core.testing.ToyCloner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Frames and the pool (issue 2, item 8), and the ownership contracts of transmit and input. */
@Timeout(60)
class FrameTest {

    @Test
    void frameFieldsAndBounds() {
        FramePool pool = new FramePool(128, 4);
        Frame f = pool.get();
        assertThat(f.offset()).isEqualTo(Frame.HEADROOM);
        assertThat(f.capacity()).isEqualTo(128);
        assertThat(f.length()).isZero();
        assertThatThrownBy(() -> f.setLength(129)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.setLength(-1)).isInstanceOf(IllegalArgumentException.class);
        f.setFlowid(77);
        assertThat(f.hasFlowid()).isTrue();
        assertThat(f.flowid()).isEqualTo(77);
        f.setVlanTag(0x1005);
        assertThat(f.hasVlanTag()).isTrue();
        assertThat(f.vlanTag()).isEqualTo(0x1005);
        assertThat(f.flags()).isEqualTo(Frame.M_FLOWID | Frame.M_VLANTAG);
        f.clearVlanTag();
        assertThat(f.hasVlanTag()).isFalse();
        f.put(new byte[] {1, 2, 3}, 0, 3);
        assertThat(f.length()).isEqualTo(3);
        assertThat(f.buffer()[f.offset() + 2]).isEqualTo((byte) 3);
        assertThatThrownBy(() -> f.adjustFront(-Frame.HEADROOM - 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.adjustFront(4)).isInstanceOf(IllegalArgumentException.class);
        f.free();
        Frame g = pool.get(); // reused, and clean
        assertThat(g.flags()).isZero();
        assertThat(g.length()).isZero();
        assertThat(g.offset()).isEqualTo(Frame.HEADROOM);
        g.free();
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void poolCountsOutstandingRefusesDoubleFreeAndAppliesBackpressure() {
        FramePool pool = new FramePool(64, 3);
        List<Frame> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(pool.get());
        }
        assertThat(pool.outstanding()).isEqualTo(3);
        assertThat(pool.get()).as("backpressure: the pool is empty").isNull();
        Frame f = held.remove(0);
        f.free();
        assertThatThrownBy(f::free).isInstanceOf(IllegalStateException.class).hasMessageContaining("freed twice");
        assertThat(pool.outstanding()).isEqualTo(2);
        Frame again = pool.get();
        assertThat(again).isNotNull();
        held.add(again);
        assertThat(again.duplicate()).as("no frame left for a copy").isNull();
        held.forEach(Frame::free);
        assertThat(pool.outstanding()).isZero();
        Frame other = new FramePool(64, 1).get();
        assertThat(other.pool()).isNotSameAs(pool);
        other.free();
    }

    /** Regression: frames freed on a thread that then ended stayed in its cache, lost to the pool. */
    @Test
    void framesCachedByAnEndedThreadAreNotLostToThePool() throws Exception {
        FramePool pool = new FramePool(64, 300);
        Thread worker = new Thread(() -> {
            List<Frame> fs = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                fs.add(pool.get());
            }
            fs.forEach(Frame::free); // all 256 land in this thread's own cache
        });
        worker.start();
        worker.join();
        assertThat(pool.outstanding()).isZero();
        List<Frame> got = new ArrayList<>();
        for (Frame f; got.size() < 300 && (f = pool.get()) != null; ) {
            got.add(f);
        }
        assertThat(got).as("every frame of the pool can be had again").hasSize(300);
        got.forEach(Frame::free);
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void duplicateCopiesDataAndMetadata() {
        FramePool pool = new FramePool(128, 4);
        Frame f = pool.get();
        Ether.writeHeader(f, 0x01005e000001L, 0x020000000001L, Ether.TYPE_IPV4, 20);
        f.buffer()[f.offset() + 20] = 42;
        f.setFlowid(9).setVlanTag(5);
        Frame c = f.duplicate();
        assertThat(c).isNotSameAs(f);
        assertThat(c.length()).isEqualTo(34);
        assertThat(Ether.dst(c)).isEqualTo(0x01005e000001L);
        assertThat(c.buffer()[c.offset() + 20]).isEqualTo((byte) 42);
        assertThat(c.flowid()).isEqualTo(9);
        assertThat(c.vlanTag()).isEqualTo(5);
        assertThat(c.flags()).isEqualTo(f.flags());
        f.free();
        c.free();
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void etherHeaderAndVlanEncapDecap() {
        FramePool pool = new FramePool(128, 2);
        Frame f = pool.get();
        Ether.writeHeader(f, 0xffffffffffffL, 0x020000000001L, Ether.TYPE_IPV6, 46);
        assertThat(f.length()).isEqualTo(60);
        assertThat(Ether.isBroadcast(Ether.dst(f))).isTrue();
        assertThat(Ether.isMulticast(Ether.dst(f))).isTrue();
        assertThat(Ether.src(f)).isEqualTo(0x020000000001L);
        assertThat(Ether.type(f)).isEqualTo(Ether.TYPE_IPV6);
        Ether.vlanEncap(f, 0x2064);
        assertThat(f.length()).isEqualTo(64);
        assertThat(Ether.type(f)).isEqualTo(Ether.TYPE_VLAN);
        assertThat(Ether.u16(f, 14)).isEqualTo(0x2064);
        assertThat(Ether.src(f)).isEqualTo(0x020000000001L);
        assertThat(Ether.vlanDecap(f)).isTrue();
        assertThat(f.length()).isEqualTo(60);
        assertThat(f.vlanTag()).isEqualTo(0x2064);
        assertThat(Ether.type(f)).isEqualTo(Ether.TYPE_IPV6);
        // reads past the data return -1, never throw
        f.setLength(10);
        assertThat(Ether.type(f)).isEqualTo(-1);
        assertThat(Ether.src(f)).isEqualTo(-1);
        assertThat(Ether.vlanDecap(f)).isFalse();
        f.free();
    }

    // ------------------------------------------------------------------ ownership contracts

    private static NetStack toyStack() {
        NetStack s = NetStack.builder().frames(256, 64).build();
        s.registerCloner(new ToyCloner());
        s.create("toy0");
        return s;
    }

    private static Frame frame(NetStack s, int type, int payload) {
        Frame f = s.framePool().get();
        Ether.writeHeader(f, 0x020000000002L, 0x020000000001L, type, payload);
        return f;
    }

    @Test
    void aDriverThatDropsReturnsTheFrameAndCounts() {
        NetStack s = toyStack();
        try (IfRef r = s.lookup("toy0")) {
            Ifnet ifp = r.ifp();
            assertThat(ifp.transmit(frame(s, Ether.TYPE_IPV4, 46))).isFalse(); // down: dropped
            assertThat(ifp.counters().get(IfCounter.OQDROPS)).isEqualTo(1);
            assertThat(s.framePool().outstanding()).isZero();
            r.ioctl(new GenericRequest.SetFlags(IfFlags.UP));
            assertThat(ifp.transmit(frame(s, Ether.TYPE_IPV4, 46))).isTrue();
            assertThat(s.framePool().outstanding()).isZero();
        }
        Leaks.assertClosedClean(s);
    }

    @Test
    void inputDropsWhatNoOneTakesAndCountsWhy() {
        NetStack s = toyStack();
        try (IfRef r = s.lookup("toy0")) {
            Ifnet ifp = r.ifp();
            s.epoch().enter();
            try {
                Frame tagged = frame(s, Ether.TYPE_IPV4, 46);
                Ether.vlanEncap(tagged, 7); // in-band 802.1Q, no trunk on this interface
                ifp.input(tagged);
                assertThat(ifp.counters().get(IfCounter.NOPROTO)).isEqualTo(1);
                Frame truncated = frame(s, Ether.TYPE_VLAN, 2); // says 802.1Q, too short for a tag
                ifp.input(truncated);
                assertThat(ifp.counters().get(IfCounter.IERRORS)).isEqualTo(1);
            } finally {
                s.epoch().exit();
            }
            assertThat(s.framePool().outstanding()).isZero();
        }
        Leaks.assertClosedClean(s);
    }

    /** Regression: a frame shorter than an Ethernet header went up as if it had one. */
    @Test
    void aRuntFrameIsAnInputErrorOnAnEthernetInterface() {
        NetStack s = toyStack();
        int[] delivered = new int[1];
        s.setInputHandler((ifp, f) -> {
            delivered[0]++;
            f.free();
        });
        try (IfRef r = s.lookup("toy0")) {
            Frame runt = s.framePool().get().put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0, 10);
            r.ifp().input(runt);
            assertThat(delivered[0]).isZero();
            assertThat(r.ifp().counters().get(IfCounter.IERRORS)).isEqualTo(1);
            assertThat(r.ifp().counters().get(IfCounter.IPACKETS)).isEqualTo(1);
            r.ifp().input(frame(s, Ether.TYPE_IPV4, 0)); // exactly a header: fine
            assertThat(delivered[0]).isEqualTo(1);
            assertThat(s.framePool().outstanding()).isZero();
        }
        Leaks.assertClosedClean(s);
    }

    @Test
    void aFrameNeverFreedIsReportedWhenTheStackCloses() {
        NetStack s = toyStack();
        Frame lost = s.framePool().get();
        LeakException e = null;
        try {
            s.close();
        } catch (LeakException x) {
            e = x;
        }
        assertThat(e).isNotNull();
        assertThat(e.report().outstandingFrames()).isEqualTo(1);
        assertThat(e.getMessage()).contains("1 frame(s) not returned to the pool");
        lost.free();
        Leaks.assertClosedClean(s);
    }
}
