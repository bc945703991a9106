package org.ifnet.bench;

import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.IfRef;
import org.ifnet.core.NetStack;
import org.ifnet.core.lifecycle.Refcounted;
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
 * Reference acquire plus release, next to Netty's AbstractReferenceCounted (whose retain and
 * release are ReferenceCountUpdater's algorithm), single-threaded, uncontended.
 * <ul>
 * <li>{@code ifnetRefHandle}: the public API, {@code stack.ref(held).close()}: the count, plus
 * the handle that makes a second close an error rather than a second decrement;</li>
 * <li>{@code ifnetRefcounted}: ifnet's counting algorithm alone ({@link Refcounted}: retain
 * refused once DYING, release reporting the last one), the like-for-like comparison with
 * Netty's updater;</li>
 * <li>{@code nettyRetainRelease}: {@code AbstractReferenceCounted.retain(); release()}.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class RefBench {
    /** Exposes Refcounted's two operations to the benchmark. */
    static final class Counted extends Refcounted {
        boolean retain() {
            return tryRetain();
        }

        boolean release() {
            return releaseOne();
        }
    }

    /** A Netty reference-counted object that frees nothing. */
    static final class NettyCounted extends AbstractReferenceCounted {
        @Override
        protected void deallocate() {
        }

        @Override
        public ReferenceCounted touch(Object hint) {
            return this;
        }
    }

    private NetStack stack;
    private IfRef held;
    private Counted counted;
    private NettyCounted netty;

    @Setup(Level.Trial)
    public void setUp() {
        stack = Stacks.withDrivers();
        held = stack.lookup(stack.create(NoopCloner.NAME));
        counted = new Counted();
        netty = new NettyCounted();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        held.close();
        stack.close();
        if (netty.refCnt() != 1 || counted.refcount() != 1) {
            throw new IllegalStateException("unbalanced counts: netty " + netty.refCnt() + ", ifnet " + counted.refcount());
        }
    }

    @Benchmark
    public IfRef ifnetRefHandle() {
        IfRef r = stack.ref(held);
        r.close();
        return r;
    }

    @Benchmark
    public boolean ifnetRefcounted() {
        counted.retain();
        return counted.release();
    }

    @Benchmark
    public boolean nettyRetainRelease() {
        netty.retain();
        return netty.release();
    }
}
