package org.ifnet.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfRef;
import org.ifnet.core.NetStack;
import org.ifnet.core.frame.Ether;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.testing.Leaks;
import org.ifnet.core.testing.ToyCloner;
import org.ifnet.core.testing.ToySoftc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The layer under load on a handful of names: creates, destroys, renames, group changes,
 * requests through references, and transmits inside epoch sections, from several threads at
 * once, for {@code ifnet.stress.seconds}. It must end with no deadlock, no use after free,
 * only the errors the contract allows, and a stack that closes clean with every softc
 * released exactly once.
 */
@Timeout(120)
class LifecycleStressTest {
    private static final String[] NAMES = {"toy0", "toy1", "toy2"};
    private static final int THREADS = 4;

    @Test
    void mixedOperationsOnFewNames() throws Exception {
        long seconds = Long.getLong("ifnet.stress.seconds", 3);
        ToyCloner cloner = new ToyCloner();
        NetStack s = NetStack.builder().build();
        s.registerCloner(cloner);
        AtomicLong ops = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<String>>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = 42 + t;
            workers.add(pool.submit(() -> work(s, new SplittableRandom(seed), deadline, ops)));
        }
        List<String> unexpected = new ArrayList<>();
        for (Future<List<String>> w : workers) {
            unexpected.addAll(w.get(seconds + 60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(unexpected).as("errors outside the contract").isEmpty();
        assertThat(ops.get()).isPositive();
        System.out.println("LifecycleStressTest: " + ops.get() + " operations in " + seconds + " s, " + s.releases() + " releases");
        assertThat(s.leakReport().poisonedAccesses()).isZero();
        Leaks.assertClosedClean(s);
        cloner.assertAllReleasedOnce();
        for (ToySoftc sc : cloner.softcs()) {
            assertThat(sc.lowestRefcountSeen()).isGreaterThanOrEqualTo(1);
        }
    }

    private static List<String> work(NetStack s, SplittableRandom rnd, long deadline, AtomicLong ops) {
        List<String> unexpected = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String name = NAMES[rnd.nextInt(NAMES.length)];
            int op = rnd.nextInt(10);
            try {
                switch (op) {
                    case 0:
                    case 1:
                        s.create(name);
                        break;
                    case 2:
                    case 3:
                        s.destroy(name);
                        break;
                    case 4:
                        s.ioctl(name, new GenericRequest.SetName("r" + name));
                        s.ioctl("r" + name, new GenericRequest.SetName(name));
                        break;
                    case 5:
                        s.ioctl(name, new GenericRequest.AddGroup("grp"));
                        s.ioctl(name, new GenericRequest.DelGroup("grp"));
                        break;
                    case 6:
                        transmit(s, name);
                        break;
                    default:
                        try (IfRef r = s.lookup(name)) {
                            r.ioctl(request(rnd));
                        }
                }
            } catch (IfnetException e) {
                if (!allowed(op, e.errno())) {
                    unexpected.add(op + ": " + e);
                }
            } catch (RuntimeException | Error e) {
                unexpected.add(op + ": " + e);
            }
            ops.incrementAndGet();
        }
        return unexpected;
    }

    private static IfRequest<?> request(SplittableRandom rnd) {
        switch (rnd.nextInt(6)) {
            case 0: return new GenericRequest.GetMedia();
            case 1: return new GenericRequest.SetFlags(rnd.nextBoolean() ? IfFlags.UP : 0);
            case 2: return new GenericRequest.SetMtu(1280 + rnd.nextInt(1000));
            case 3: return new GenericRequest.GetInfo();
            case 4: return new ToySoftc.Ping();
            default: return new GenericRequest.GetStatus();
        }
    }

    private static void transmit(NetStack s, String name) {
        try (IfRef r = s.lookup(name)) {
            s.epoch().enter();
            try {
                Frame f = s.framePool().get();
                if (f != null) {
                    Ether.writeHeader(f, 0x020000000002L, 0x020000000001L, Ether.TYPE_IPV4, 46);
                    r.ifp().transmit(f);
                }
            } finally {
                s.epoch().exit();
            }
        }
    }

    /** ENXIO: gone or dying. EEXIST: create of a live name, rename onto a taken one. ENOENT: group left. */
    private static boolean allowed(int op, Errno e) {
        switch (e) {
            case ENXIO:
                return true;
            case EEXIST:
                return op <= 1 || op == 4 || op == 5;
            case ENOENT:
                return op == 5;
            default:
                return false;
        }
    }
}
