package org.ifnet.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfRef;
import org.ifnet.core.LeakReport;
import org.ifnet.core.NetStack;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.core.media.MediaWord;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.tap.TapDevice;
import org.ifnet.drivers.tap.TapHandle;
import org.ifnet.drivers.vlan.VlanReply;
import org.ifnet.drivers.vlan.VlanRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stress for every driver under SAFE: requesters send random requests and frames to names that
 * churners keep creating and destroying (and, per driver, tap handles open, read, write and
 * close; vlans re-attach while their parents come and go). Runs {@code ifnet.stress.seconds}
 * seconds (3 by default). Any error other than an errno fails it; at the end no reference may
 * be held but the vlans' own references to their parents, no softc may be unreleased, nothing
 * may have touched released state, and no frame may be lost.
 */
class DriverStressTest {
    private static final int SECONDS = Integer.getInteger("ifnet.stress.seconds", 3);
    private static final int[] MEDIA = {MediaWord.IFM_ETHER | MediaWord.IFM_AUTO,
        MediaWord.IFM_ETHER | MediaWord.IFM_10G_T | MediaWord.IFM_FDX, MediaWord.IFM_ETHER | MediaWord.IFM_10_T};

    /** One run's shared state: the first unexpected failure and what was done. */
    private static final class Run {
        final NetStack stack;
        final DriverKit kit;
        final long deadline;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

        Run(NetStack stack, DriverKit kit) {
            this.stack = stack;
            this.kit = kit;
            this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        }

        boolean going() {
            return failure.get() == null && System.nanoTime() < deadline;
        }

        void count(String what) {
            counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
        }

        long count0(String what) {
            AtomicLong c = counts.get(what);
            return c == null ? 0 : c.get();
        }

        /** Runs {@code step} until the deadline; an errno is an answer, anything else a failure. */
        Thread loop(String name, long seed, Step step) {
            Thread t = new Thread(() -> {
                Random rnd = new Random(seed);
                try {
                    while (going()) {
                        try {
                            step.run(rnd);
                        } catch (IfnetException e) {
                            count("errno " + e.errno());
                        }
                    }
                } catch (Throwable t2) {
                    failure.compareAndSet(null, new AssertionError(name + " failed", t2));
                }
            }, name);
            t.start();
            return t;
        }
    }

    @FunctionalInterface
    private interface Step {
        void run(Random rnd) throws Exception;
    }

    @ParameterizedTest
    @EnumSource(DriverKit.class)
    void randomRequestsWhileTheSameNamesComeAndGo(DriverKit kit) throws Exception {
        NetStack stack = kit.newStack(Policy.SAFE, false);
        if (kit == DriverKit.VLAN) {
            stack.create("epair1");
            DriverKit.up(stack, "epair1a");
            DriverKit.up(stack, "epair1b");
        }
        Run run = new Run(stack, kit);
        long seed = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            threads.add(run.loop("churn-" + i, seed + i, rnd -> churn(run, rnd)));
        }
        for (int i = 0; i < 3; i++) {
            threads.add(run.loop("request-" + i, seed + 10 + i, rnd -> request(run, rnd)));
        }
        if (kit == DriverKit.TAP) {
            for (int i = 0; i < 2; i++) {
                TapWorker w = new TapWorker(run, 100 + i);
                threads.add(run.loop("tap-" + i, seed + 20 + i, w::step));
            }
        }
        if (kit == DriverKit.VLAN) {
            threads.add(run.loop("vlan-config", seed + 30, rnd -> vlanConfig(run, rnd)));
            threads.add(run.loop("parent-churn", seed + 31, rnd -> parentChurn(run, rnd)));
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(SECONDS + 60));
            if (t.isAlive()) {
                AssertionError stuck = new AssertionError(t.getName() + " is stuck");
                stuck.setStackTrace(t.getStackTrace());
                throw stuck;
            }
        }
        if (run.failure.get() != null) {
            throw new AssertionError("seed " + seed, run.failure.get());
        }
        System.out.printf("stress %s (%d s, seed %d): %s%n", kit, SECONDS, seed, new java.util.TreeMap<>(run.counts));

        assertThat(run.count0("create")).as("creates").isPositive();
        assertThat(run.count0("destroy")).as("destroys").isPositive();
        assertThat(run.count0("request")).as("requests answered").isPositive();
        assertThat(run.count0("transmit")).as("frames sent").isPositive();
        stack.quiesce();
        LeakReport r = stack.leakReport();
        assertThat(r.poisonedAccesses()).as(r.toString()).isZero();
        assertThat(r.doubleCloses()).as(r.toString()).isZero();
        assertThat(r.unreleasedSoftcs()).as(r.toString()).isEmpty();
        assertThat(r.outstandingFrames()).as(r.toString()).isZero();
        assertOnlyVlansHoldReferences(stack);
        if (kit != DriverKit.VLAN) {
            assertThat(r.heldReferences()).as(r.toString()).isEmpty();
        }
        Leaks.assertClosedClean(stack);
    }

    /** Every interface's count is its registry reference plus one per vlan attached to it. */
    private static void assertOnlyVlansHoldReferences(NetStack stack) {
        Map<String, Integer> vlansOn = new HashMap<>();
        for (String n : stack.interfaces()) {
            try {
                VlanReply v = stack.ioctl(n, new VlanRequest.GetVlan());
                if (v.attached()) {
                    vlansOn.merge(v.parent(), 1, Integer::sum);
                }
            } catch (IfnetException e) {
                assertThat(e.errno()).isEqualTo(Errno.ENOTTY);
            }
        }
        for (String n : stack.interfaces()) {
            try (IfRef ref = stack.lookup(n)) {
                assertThat(ref.ifp().refcount()).as("references to " + n)
                        .isEqualTo(2 + vlansOn.getOrDefault(n, 0));
            }
        }
    }

    // ---------------------------------------------------------------- the workers

    private static void churn(Run run, Random rnd) {
        int unit = 1 + rnd.nextInt(3);
        if (rnd.nextBoolean()) {
            run.kit.createNamed(run.stack, unit);
            run.count("create");
        } else {
            List<String> t = run.kit.targets(unit);
            run.stack.destroy(t.get(rnd.nextInt(t.size())));
            run.count("destroy");
        }
    }

    private static void request(Run run, Random rnd) {
        NetStack stack = run.stack;
        IfRef ref = stack.find(run.kit.randomTarget(rnd));
        if (ref == null) {
            run.count("absent");
            return;
        }
        try (ref) {
            switch (rnd.nextInt(14)) {
                case 0:
                    ref.ioctl(new GenericRequest.GetFlags());
                    break;
                case 1:
                    int f = ref.ioctl(new GenericRequest.GetFlags());
                    ref.ioctl(new GenericRequest.SetFlags(rnd.nextInt(4) == 0 ? f & ~IfFlags.UP : f | IfFlags.UP));
                    break;
                case 2:
                    ref.ioctl(new GenericRequest.SetMtu(1000 + rnd.nextInt(1000)));
                    break;
                case 3:
                    ref.ioctl(new GenericRequest.GetMedia());
                    break;
                case 4:
                    ref.ioctl(new GenericRequest.SetMedia(MEDIA[rnd.nextInt(MEDIA.length)]));
                    break;
                case 5:
                    ref.ioctl(new GenericRequest.SetDescr("d" + rnd.nextInt(10)));
                    break;
                case 6:
                    ref.ioctl(new GenericRequest.AddGroup("stress"));
                    break;
                case 7:
                    ref.ioctl(new GenericRequest.DelGroup("stress"));
                    break;
                case 8:
                    ref.ioctl(new GenericRequest.GetInfo());
                    break;
                case 9:
                    ref.ioctl(new GenericRequest.GetStatus());
                    break;
                case 10:
                    ref.ioctl(new VlanRequest.GetVlan());
                    break;
                default:
                    Frame fr = stack.framePool().get();
                    if (fr != null) {
                        Ether.writeHeader(fr, rnd.nextInt(8) == 0 ? 0xFFFF_FFFF_FFFFL : Frames.DST, Frames.SRC,
                                Ether.TYPE_IPV4, 46 + rnd.nextInt(100));
                        ref.ifp().transmit(fr);
                        run.count("transmit");
                    }
                    return;
            }
            run.count("request");
        }
    }

    /** Opens, reads, writes and closes tap handles on the churned taps. */
    private static final class TapWorker {
        private final Run run;
        private final long pid;
        private TapHandle handle;

        TapWorker(Run run, long pid) {
            this.run = run;
            this.pid = pid;
        }

        void step(Random rnd) throws InterruptedException {
            try {
                act(rnd);
            } catch (IfnetException e) {
                if (e.errno() == Errno.ENXIO && handle != null && !handle.isOpen()) {
                    handle.close();
                    handle = null;
                    run.count("tap revoked");
                }
                throw e;
            } finally {
                if (!run.going() && handle != null) {
                    handle.close();
                    handle = null;
                }
            }
        }

        private void act(Random rnd) throws InterruptedException {
            if (handle == null) {
                handle = TapDevice.open(run.stack, run.kit.randomTarget(rnd), pid);
                run.count("tap open");
                return;
            }
            switch (rnd.nextInt(5)) {
                case 0:
                    handle.close();
                    handle = null;
                    run.count("tap close");
                    break;
                case 1:
                    byte[] b = Frames.ipv4Bytes(46 + rnd.nextInt(50), rnd.nextInt());
                    handle.write(b, 0, b.length);
                    run.count("tap write");
                    break;
                case 2:
                    Frame f = handle.read(1, TimeUnit.MILLISECONDS);
                    if (f != null) {
                        f.free();
                        run.count("tap read");
                    }
                    break;
                default:
                    Frame p = handle.poll();
                    if (p != null) {
                        p.free();
                        run.count("tap read");
                    }
                    break;
            }
        }
    }

    private static final String[] PARENTS = {"epair0a", "epair0b", "epair1a", "epair1b"};

    /** Re-attaches and detaches the churned vlans. */
    private static void vlanConfig(Run run, Random rnd) {
        String v = run.kit.randomTarget(rnd);
        switch (rnd.nextInt(3)) {
            case 0:
                run.stack.ioctl(v, new VlanRequest.SetVlan(PARENTS[rnd.nextInt(PARENTS.length)], 1 + rnd.nextInt(4)));
                run.count("vlan attach");
                break;
            case 1:
                run.stack.ioctl(v, VlanRequest.SetVlan.detach());
                run.count("vlan detach");
                break;
            default:
                run.stack.ioctl(v, new VlanRequest.GetVlan());
                break;
        }
    }

    /** Destroys and re-creates the parent pair epair0 under the vlans. */
    private static void parentChurn(Run run, Random rnd) throws InterruptedException {
        if (rnd.nextBoolean()) {
            run.stack.destroy(rnd.nextBoolean() ? "epair0a" : "epair0b");
            run.count("parent destroy");
        } else {
            run.stack.create("epair0", CloneParams.NONE);
            DriverKit.up(run.stack, "epair0a");
            DriverKit.up(run.stack, "epair0b");
            run.count("parent create");
        }
        Thread.sleep(0, 50_000);
    }
}
