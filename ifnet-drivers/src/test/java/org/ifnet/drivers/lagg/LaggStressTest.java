package org.ifnet.drivers.lagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;
import org.ifnet.core.PortOwner;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.lagg.LaggRequest.GetLaggPort;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggOpts;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggProto;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.junit.jupiter.api.Test;

/**
 * All of lagg's races at once, for {@code ifnet.stress.seconds} (3 in CI): laggs created and
 * destroyed with ports, ports added and removed, members destroyed and re-created, status
 * and media queries, transmit on every protocol, input from the far ends, link flaps and
 * protocol switches. Only errno failures are expected; anything else (a use after free, a
 * null pointer, a deadlock) fails. Afterwards every lagg's view agrees with its members',
 * every lagg's link agrees with its ports', and the stack closes with no leaked reference,
 * no unreleased softc and no poisoned access.
 */
class LaggStressTest {
    private static final String[] LAGGS = {"lagg0", "lagg1"};
    private static final int PAIRS = 6;
    private static final LaggProto[] PROTOS = {LaggProto.FAILOVER, LaggProto.LOADBALANCE, LaggProto.ROUNDROBIN,
        LaggProto.BROADCAST, LaggProto.NONE};

    private final LaggFixture fx = new LaggFixture();
    private final Map<String, AtomicLong> done = new ConcurrentHashMap<>();
    private final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stop;

    private interface Step {
        void run(ThreadLocalRandom rnd) throws Exception;
    }

    private Thread worker(String name, Step step) {
        Thread t = new Thread(() -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            while (!stop) {
                try {
                    step.run(rnd);
                    done.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
                } catch (IfnetException expected) {
                    done.computeIfAbsent(name + ".errno", k -> new AtomicLong()).incrementAndGet();
                } catch (Throwable e) {
                    failures.add(e);
                    return;
                }
            }
        }, "stress-" + name);
        t.setDaemon(true);
        return t;
    }

    private static String lagg(ThreadLocalRandom rnd) {
        return LAGGS[rnd.nextInt(LAGGS.length)];
    }

    private static String port(ThreadLocalRandom rnd) {
        return "epair" + rnd.nextInt(PAIRS) + "a";
    }

    private static String far(ThreadLocalRandom rnd) {
        return "epair" + rnd.nextInt(PAIRS) + "b";
    }

    private void sendSome(String ifname, int n) {
        try (IfRef r = fx.stack.find(ifname)) {
            if (r == null) {
                return;
            }
            for (int i = 0; i < n; i++) {
                Frame f = fx.stack.framePool().get();
                if (f == null) {
                    return;
                }
                int x = ThreadLocalRandom.current().nextInt();
                r.ifp().transmit(TestFrames.tcp4(f, x, ~x, x & 0xffff, 80));
            }
        }
    }

    @Test
    void everythingAtOnce() throws Exception {
        int seconds = Integer.getInteger("ifnet.stress.seconds", 3);
        for (int i = 0; i < PAIRS; i++) {
            fx.epair();
        }
        List<Thread> threads = List.of(
            worker("lagg-churn", rnd -> {
                String l = lagg(rnd);
                try {
                    fx.stack.create(l);
                } catch (IfnetException exists) {
                    // someone else made it
                }
                fx.ioctl(l, new SetLaggProto(PROTOS[rnd.nextInt(PROTOS.length)]));
                fx.addPort(l, port(rnd));
                fx.up(l);
                fx.addPort(l, port(rnd));
                if (rnd.nextInt(3) == 0) {
                    fx.stack.destroy(l);
                }
            }),
            worker("port-churn", rnd -> {
                if (rnd.nextBoolean()) {
                    fx.addPort(lagg(rnd), port(rnd));
                } else {
                    fx.delPort(lagg(rnd), port(rnd));
                }
            }),
            worker("member-churn", rnd -> {
                int n = rnd.nextInt(PAIRS);
                try {
                    fx.stack.destroy("epair" + n + "a");
                } catch (IfnetException gone) {
                    // already destroyed
                }
                fx.stack.create("epair" + n);
                fx.up("epair" + n + "b");
                fx.up("epair" + n + "a");
            }),
            worker("status", rnd -> {
                String l = lagg(rnd);
                LaggStatus s = fx.status(l);
                assertThat(s.ports().size()).isLessThanOrEqualTo(PAIRS);
                fx.ioctl(l, new GenericRequest.GetMedia());
                fx.ioctl(port(rnd), new GetLaggPort(port(rnd)));
            }),
            worker("transmit", rnd -> sendSome(lagg(rnd), 64)),
            worker("input", rnd -> sendSome(far(rnd), 16)),
            worker("link-flap", rnd -> {
                String f = rnd.nextBoolean() ? far(rnd) : port(rnd);
                if (rnd.nextBoolean()) {
                    fx.up(f);
                } else {
                    fx.down(f);
                }
            }),
            worker("settings", rnd -> {
                String l = lagg(rnd);
                switch (rnd.nextInt(4)) {
                    case 0: fx.ioctl(l, new SetLaggProto(PROTOS[rnd.nextInt(PROTOS.length)])); break;
                    case 1: fx.ioctl(l, new SetLaggOpts(LaggOpt.RR_LIMIT, 1 + rnd.nextInt(4))); break;
                    case 2: fx.ioctl(l, new GenericRequest.SetMtu(1500 + rnd.nextInt(2) * 7500)); break;
                    default: fx.ioctl(l, new SetLaggOpts(LaggOpt.USE_FLOWID, rnd.nextInt(2))); break;
                }
            }));
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop = true;
        for (Thread t : threads) {
            t.join(30_000);
            assertThat(t.isAlive()).as(t.getName() + " is stuck:\n" + stackOf(t)).isFalse();
        }
        assertThat(failures).as(failures.isEmpty() ? "" : stackOf(failures.get(0))).isEmpty();
        for (String w : List.of("lagg-churn", "port-churn", "member-churn", "status", "transmit", "input",
                "link-flap", "settings")) {
            assertThat(done.getOrDefault(w, new AtomicLong()).get()).as(w + " made progress " + done).isPositive();
        }
        System.out.println("lagg stress, " + seconds + " s: " + new java.util.TreeMap<>(done));
        fx.stack.quiesce();
        checkConsistency();
        assertThat(fx.stack.leakReport().poisonedAccesses()).isZero();
        Leaks.assertClosedClean(fx.stack);
    }

    /** Quiet now: each lagg's ports are exactly the members that name it, and its link is theirs. */
    private void checkConsistency() {
        for (String l : LAGGS) {
            try (IfRef r = fx.stack.find(l)) {
                if (r == null) {
                    continue;
                }
                LaggStatus s = fx.status(l);
                boolean anyUp = false;
                for (String p : s.portNames()) {
                    Ifnet m = fx.ifnet(p);
                    PortOwner o = m.portOwner();
                    assertThat(o).isNotNull();
                    assertThat(o.ownerName()).isEqualTo(l);
                    anyUp |= m.linkState() == LinkState.UP;
                }
                if (!s.ports().isEmpty()) {
                    assertThat(r.ifp().linkState()).as(l + " link vs its ports").isEqualTo(anyUp ? LinkState.UP : LinkState.DOWN);
                }
            }
        }
        for (String n : fx.stack.interfaces()) {
            Ifnet m = fx.ifnet(n);
            PortOwner o = m.portOwner();
            if (o != null) {
                assertThat(fx.status(o.ownerName()).portNames()).contains(n);
            }
        }
    }

    private static String stackOf(Thread t) {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            sb.append("    ").append(e).append('\n');
        }
        return sb.toString();
    }

    private static String stackOf(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
