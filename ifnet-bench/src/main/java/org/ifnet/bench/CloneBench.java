package org.ifnet.bench;

import java.util.concurrent.TimeUnit;
import org.ifnet.core.NetStack;
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
 * One create plus destroy cycle, to the end: the destroy returns after the release hook ran
 * (no other holder, so the last reference is the caller's and the grace period is waited for
 * inline). For epair one cycle is two interfaces; bn (a no-op softc) is the layer alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class CloneBench {
    private NetStack stack;

    @Setup(Level.Trial)
    public void setUp() {
        stack = Stacks.withDrivers();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        stack.close();
    }

    @Benchmark
    public String createDestroyEpair() {
        String n = stack.create("epair");
        stack.destroy(n);
        return n;
    }

    @Benchmark
    public String createDestroyNoop() {
        String n = stack.create(NoopCloner.NAME);
        stack.destroy(n);
        return n;
    }
}
