package org.ifnet.bench;

import java.util.concurrent.TimeUnit;
import org.ifnet.core.IfRef;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.MediaReply;
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
 * One get-media request (SIOCGIFMEDIA) on an epair end, through a reference the caller holds
 * and by name (lookup, request, release). GetMtu, which the generic layer answers without the
 * driver, shows what the layer costs on its own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class IoctlBench {
    private NetStack stack;
    private String name;
    private IfRef ref;

    @Setup(Level.Trial)
    public void setUp() {
        stack = Stacks.withDrivers();
        name = Stacks.upEpair(stack);
        ref = stack.lookup(name);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ref.close();
        stack.close();
    }

    @Benchmark
    public MediaReply getMediaHeldRef() {
        return stack.ioctl(ref, new GenericRequest.GetMedia());
    }

    @Benchmark
    public MediaReply getMediaByName() {
        return stack.ioctl(name, new GenericRequest.GetMedia());
    }

    @Benchmark
    public Integer getMtuHeldRef() {
        return stack.ioctl(ref, new GenericRequest.GetMtu());
    }
}
