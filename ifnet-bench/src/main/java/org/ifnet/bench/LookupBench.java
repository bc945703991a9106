package org.ifnet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ifnet.core.IfRef;
import org.ifnet.core.NetStack;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Lookup by name with a reference, then release ({@code stack.lookup(name).close()}), with
 * 10, 10,000 and 1,000,000 interfaces in the stack, next to FreeBSD's ifunit_ref algorithm:
 * walk the interface list comparing names, take and drop a reference on the one found.
 *
 * <p>The interfaces are {@code bnN} ({@link NoopCloner}): the lookup never reaches a driver, so
 * the driver does not matter, and a no-op softc keeps a million of them small. Each call looks
 * up one of 1024 names drawn at random from the whole population (a fixed seed), held as
 * String instances distinct from the registry's keys, so equals really compares characters, as
 * it does for a name parsed from a command. The linear baseline walks a list of entries in
 * creation order (each a separate object, as FreeBSD's list links separate ifnets).
 *
 * <p>Two access patterns: {@code lookupRelease} cycles over those 1024 names, a working set
 * that stays in the CPU caches (a script touching a few interfaces); {@code lookupReleaseSpread}
 * cycles over as many random names as there are interfaces (up to 2^20), so at a million most
 * lookups miss the caches: what the hash table costs when memory, not the algorithm, is the
 * limit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class LookupBench {
    private static final int QUERIES = 1024;

    @Param({"10", "10000", "1000000"})
    public int interfaces;

    private NetStack stack;
    private String[] queries;
    private String[] spread;
    private List<ListEntry> list;
    private int next;

    /** One element of the baseline's interface list: its name and its reference count. */
    static final class ListEntry {
        final String name;
        final AtomicInteger refs = new AtomicInteger(1);

        ListEntry(String name) {
            this.name = name;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        stack = Stacks.withDrivers();
        String[] names = Stacks.createNoop(stack, interfaces);
        list = new ArrayList<>(names.length);
        for (String n : names) {
            list.add(new ListEntry(n));
        }
        SplittableRandom rnd = new SplittableRandom(42);
        queries = new String[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            queries[i] = new String(names[rnd.nextInt(names.length)].toCharArray());
        }
        spread = new String[Math.min(Integer.highestOneBit(Math.max(names.length - 1, 1)) << 1, 1 << 20)];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = new String(names[rnd.nextInt(names.length)].toCharArray());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        stack.close();
    }

    @Benchmark
    public IfRef lookupRelease() {
        IfRef r = stack.lookup(queries[next++ & (QUERIES - 1)]);
        r.close();
        return r;
    }

    @Benchmark
    public IfRef lookupReleaseSpread() {
        IfRef r = stack.lookup(spread[next++ & (spread.length - 1)]);
        r.close();
        return r;
    }

    @Benchmark
    public ListEntry linearScanRelease() {
        String name = queries[next++ & (QUERIES - 1)];
        for (ListEntry e : list) {
            if (e.name.equals(name)) {
                e.refs.incrementAndGet();
                e.refs.decrementAndGet();
                return e;
            }
        }
        throw new IllegalStateException(name + " not in the list");
    }
}
