package org.ifnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import org.ifnet.core.NetStack;

/**
 * Heap bytes per idle interface: the heap in use after full collections, before and after
 * creating the interfaces in one stack, divided by their number. A plain program rather than a
 * JMH benchmark because it measures one state, not an operation's time.
 *
 * <pre>
 *   java -Xms2g -Xmx2g -cp ifnet-bench/target/benchmarks.jar org.ifnet.bench.HeapPerInterface [epair|bn] [count]
 * </pre>
 * Defaults: epair, 1,000,000 ends (500,000 pairs). Run it with -Xmx2g to check the second half
 * of the target: a million interfaces fit in a 2 GiB heap (an OutOfMemoryError says they do not).
 * Counts include everything the stack keeps per interface: the Ifnet, the softc, the name,
 * counters, the registry's name map, index table, group sets and unit bitmap.
 */
public final class HeapPerInterface {
    private HeapPerInterface() {
    }

    public static void main(String[] args) throws InterruptedException {
        String driver = args.length > 0 ? args[0] : "epair";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        boolean epair = driver.equals("epair");
        if (!epair && !driver.equals(NoopCloner.NAME)) {
            throw new IllegalArgumentException("driver must be epair or bn, not " + driver);
        }
        if (epair && count % 2 != 0) {
            throw new IllegalArgumentException("an even number of epair ends, please");
        }
        NetStack stack = Stacks.withDrivers(Math.max(count / 2, 1));
        stack.destroy(epair ? Stacks.upEpair(stack) : stack.create(NoopCloner.NAME)); // load the classes
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(mem);
        long t0 = System.nanoTime();
        for (int i = 0; i < (epair ? count / 2 : count); i++) {
            stack.create(epair ? "epair" : NoopCloner.NAME);
        }
        long createNs = System.nanoTime() - t0;
        long after = usedAfterGc(mem);
        int size = stack.size();
        long bytes = after - before;
        System.out.printf(Locale.ROOT, "driver %s: %,d interfaces in one stack (size() = %,d)%n", driver, count, size);
        System.out.printf(Locale.ROOT, "heap used after GC: before %,d B, after %,d B, max heap %,d B%n",
                before, after, mem.getHeapMemoryUsage().getMax());
        System.out.printf(Locale.ROOT, "heap per interface: %,.1f B (%,d B for %,d interfaces)%n",
                (double) bytes / count, bytes, count);
        System.out.printf(Locale.ROOT, "created in %.2f s (%,.0f interfaces/s)%n",
                createNs / 1e9, count / (createNs / 1e9));
        long t1 = System.nanoTime();
        stack.close(); // destroys everything; throws LeakException if anything leaked
        System.out.printf(Locale.ROOT, "stack closed clean in %.2f s, releases %,d%n",
                (System.nanoTime() - t1) / 1e9, stack.releases());
    }

    private static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
