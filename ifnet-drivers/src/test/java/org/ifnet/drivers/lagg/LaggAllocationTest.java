package org.ifnet.drivers.lagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.frame.FramePool;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transmit path allocates nothing per frame: after a warm-up, a quarter of a million
 * 64-byte frames through lagg to epair ports (and into the far ends' input) allocate no
 * bytes on the sending thread. Counted with the JVM's per-thread allocation counter, so
 * this is a count, not a timing. (Frames per second are JMH's job.)
 */
class LaggAllocationTest {
    private static final int WARMUP = 100_000;
    private static final int MEASURED = 250_000;

    @ParameterizedTest
    @EnumSource(value = LaggProto.class, names = {"LOADBALANCE", "FAILOVER", "ROUNDROBIN", "BROADCAST"})
    void transmitAllocatesNothingPerFrame(LaggProto proto) {
        LaggFixture fx = new LaggFixture();
        fx.stack.setInputHandler((ifp, f) -> f.free());
        String lagg = fx.lagg(proto, fx.epair(), fx.epair(), fx.epair());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long bytes;
        try (IfRef ref = fx.stack.lookup(lagg)) {
            Ifnet ifp = ref.ifp();
            FramePool pool = fx.stack.framePool();
            send(ifp, pool, WARMUP);
            long before = mx.getThreadAllocatedBytes(tid);
            send(ifp, pool, MEASURED);
            bytes = mx.getThreadAllocatedBytes(tid) - before;
        }
        System.out.printf("lagg %s: %d bytes allocated for %d frames%n", proto.protoName(), bytes, MEASURED);
        assertThat(bytes).as("bytes allocated for %d frames", MEASURED).isLessThan(1024);
        Leaks.assertClosedClean(fx.stack);
    }

    private static void send(Ifnet lagg, FramePool pool, int n) {
        for (int i = 0; i < n; i++) {
            Frame f = pool.get();
            TestFrames.tcp4(f, 0x0a000001 + (i & 1023), 0x0a000002, 1024 + (i & 0xfff), 80);
            lagg.transmit(f);
        }
    }
}
