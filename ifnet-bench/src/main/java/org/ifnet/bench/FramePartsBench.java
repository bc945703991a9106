package org.ifnet.bench;

import java.util.concurrent.TimeUnit;
import org.ifnet.core.NetStack;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.frame.FramePool;
import org.ifnet.core.lifecycle.Epoch;
import org.ifnet.drivers.lagg.hash.FlowHash;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The pieces of {@link FrameBench}'s per-frame cost, measured alone, to see where a frame's
 * nanoseconds go: taking a frame from the pool, filling it and freeing it; lagg's flow hash of
 * one 64-byte UDP frame over l2,l3,l4; an epoch section nested in another, as lagg's transmit
 * and its port's transmit nest them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class FramePartsBench {
    private NetStack stack;
    private FramePool pool;
    private Epoch epoch;
    private Frame frame;
    private byte[][] templates;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        stack = Stacks.withDrivers();
        pool = stack.framePool();
        epoch = stack.epoch();
        templates = FrameBench.udpFlows();
        frame = pool.get();
        frame.put(templates[0], 0, FrameBench.FRAME_LEN);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        frame.free();
        stack.close();
    }

    @Benchmark
    public Frame poolGetFillFree() {
        Frame f = pool.get();
        f.put(templates[next++ & (FrameBench.FLOWS - 1)], 0, FrameBench.FRAME_LEN);
        f.free();
        return f;
    }

    @Benchmark
    public int flowHashL2L3L4() {
        return FlowHash.hash(frame, FlowHash.MASK, 0x5eed);
    }

    @Benchmark
    public void epochNestedEnterExit() {
        epoch.enter();
        epoch.enter();
        epoch.exit();
        epoch.exit();
    }
}
