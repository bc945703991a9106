package org.ifnet.tool.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfInfo;
import org.ifnet.core.MacAddress;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.drivers.lagg.LaggOpt;
import org.ifnet.drivers.lagg.LaggRequest;
import org.ifnet.drivers.lagg.LaggStatus;
import org.ifnet.drivers.lagg.proto.LaggProto;
import org.ifnet.drivers.vlan.VlanRequest;
import org.ifnet.tool.client.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients doing random creates, destroys, renames and settings at once for
 * {@code ifnet.stress.seconds}: every failure is an errno, nothing leaks, and the file saved
 * along the way rebuilds the same stack in a new daemon.
 */
class DaemonStressTest {
    static final List<Errno> EXPECTED = List.of(Errno.ENXIO, Errno.EEXIST, Errno.EINVAL, Errno.ENOENT,
            Errno.EBUSY, Errno.ENOSPC, Errno.EPROTONOSUPPORT, Errno.ENOTTY, Errno.ENAMETOOLONG);

    @TempDir
    Path dir;

    @Test
    void randomChangesThenRestart() throws Exception {
        long seconds = Long.getLong("ifnet.stress.seconds", 3);
        Daemon d = TestDaemons.start(TestDaemons.options(dir).withTracking(true), new TestDaemons.MemoryLog());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        AtomicLong ok = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long base = Long.getLong("ifnet.stress.seed", System.nanoTime());
        System.out.println("daemon stress: seed " + base + " (rerun with -Difnet.stress.seed=" + base + ")");
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                long seed = base + t;
                workers.add(pool.submit(() -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    try (SocketClient c = SocketClient.open(d.options().socket())) {
                        while (System.nanoTime() < deadline) {
                            try {
                                step(c, rnd);
                                ok.incrementAndGet();
                            } catch (IfnetException e) {
                                assertThat(e.errno()).as(e.toString()).isIn(EXPECTED);
                                refused.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, String> before;
        try (SocketClient c = SocketClient.open(d.options().socket())) {
            before = settings(c);
            // attached vlans hold references to their parents, so the leak check is at the stop
        }
        System.out.printf("daemon stress: %d calls done, %d refused with an errno, %d interfaces, %d config writes%n",
                ok.get(), refused.get(), before.size(), d.configWrites());
        String saved = Files.readString(d.options().config());
        TestDaemons.stopClean(d);

        TestDaemons.MemoryLog log = new TestDaemons.MemoryLog();
        Daemon again = TestDaemons.start(TestDaemons.options(dir), log);
        try (SocketClient c = SocketClient.open(again.options().socket())) {
            Map<String, String> after = settings(c);
            StringBuilder diff = new StringBuilder();
            for (String n : before.keySet()) {
                if (!before.get(n).equals(after.get(n))) {
                    diff.append(n).append(":\n  was ").append(before.get(n)).append("\n  now ").append(after.get(n)).append('\n');
                }
            }
            for (String n : after.keySet()) {
                if (!before.containsKey(n)) {
                    diff.append(n).append(": new ").append(after.get(n)).append('\n');
                }
            }
            assertThat(after).as("differences:\n" + diff + "\nlog:\n" + log.text() + "\nfile:\n" + saved).isEqualTo(before);
        }
        TestDaemons.stopClean(again);
    }

    private static void step(SocketClient c, SplittableRandom rnd) {
        List<String> names = c.interfaces();
        String any = names.get(rnd.nextInt(names.size()));
        // vlan parents and lagg ports are epairs: stacks of vlans and laggs of vlans reach MTUs
        // and addresses no replay can give (see settings()), which says nothing of the daemon
        List<String> epairs = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith("epair")) {
                epairs.add(n);
            }
        }
        String other = epairs.isEmpty() ? any : epairs.get(rnd.nextInt(epairs.size()));
        switch (rnd.nextInt(16)) {
            case 0: c.create(rnd.nextBoolean() ? "lo" : "epair", CloneParams.NONE); break;
            case 1: c.create("vlan", CloneParams.of("vlan", Integer.toString(1 + rnd.nextInt(20)), "vlandev", other)); break;
            case 2: c.create(rnd.nextBoolean() ? "vlan" : "lagg", CloneParams.NONE); break;
            case 3: if (!any.equals("lo0")) { c.destroy(any); } break;
            case 4: c.ioctl(any, new GenericRequest.SetName("r" + rnd.nextInt(50))); break;
            case 5: c.ioctl(any, new GenericRequest.SetMtu(1280 + rnd.nextInt(8000))); break;
            case 6: c.ioctl(any, new GenericRequest.SetDescr(rnd.nextBoolean() ? "" : "d" + rnd.nextInt(9) + " 'x'")); break;
            case 7: c.ioctl(any, new GenericRequest.AddGroup("g" + (char) ('a' + rnd.nextInt(3)))); break;
            case 8: c.ioctl(any, new GenericRequest.DelGroup("g" + (char) ('a' + rnd.nextInt(3)))); break;
            case 9: c.ioctl(any, new GenericRequest.SetFlags(c.ioctl(any, new GenericRequest.GetFlags()) ^ 0x1)); break;
            case 10: c.ioctl(any, new VlanRequest.SetVlan(other, 1 + rnd.nextInt(20))); break;
            case 11: c.ioctl(any, rnd.nextInt(3) == 0 ? new LaggRequest.DelLaggPort(other) : new LaggRequest.SetLaggPort(other)); break;
            case 12: c.ioctl(any, new LaggRequest.SetLaggProto(LaggProto.values()[rnd.nextInt(LaggProto.values().length)])); break;
            case 13: c.ioctl(any, new LaggRequest.SetLaggHash(1 + rnd.nextInt(7))); break;
            case 14: {
                LaggOpt o = LaggOpt.values()[rnd.nextInt(LaggOpt.values().length)];
                c.ioctl(any, new LaggRequest.SetLaggOpts(o, o == LaggOpt.FLOWID_SHIFT || o == LaggOpt.RR_LIMIT
                        ? rnd.nextInt(40) : rnd.nextInt(2)));
                break;
            }
            default: c.ioctl(any, new GenericRequest.GetInfo()); break;
        }
    }

    /** Names and settings, as DaemonProcessTest compares them (sorted: index order may differ after a replay). */
    private static Map<String, String> settings(SocketClient c) {
        Map<String, String> m = new TreeMap<>();
        for (String n : c.interfaces()) {
            IfInfo i = c.ioctl(n, new GenericRequest.GetInfo());
            String vlan = i.driver().equals("vlan") ? " vlan=" + c.ioctl(n, new VlanRequest.GetVlan()) : "";
            if (i.driver().equals("lagg")) {
                LaggStatus st = c.ioctl(n, new LaggRequest.GetLagg());
                vlan = " lagg=" + st.proto() + " hash=" + st.hashLayers() + " opts=" + st.options().opts() + " shift="
                        + st.options().flowidShift() + " rr=" + st.options().rrLimit() + " ports=" + st.portNames();
            }
            // Not compared: flags the driver owns (SIMPLEX, RUNNING: a vlan keeps its last parent's
            // SIMPLEX), and a vlan's MTU: set when it attaches and not checked again when its
            // parent changes, so a history can leave one no fresh attach gives (the replay logs
            // it). ConfigFileTest checks vlan MTUs where the history is an ordinary one.
            boolean vlanMtu = i.driver().equals("vlan");
            m.put(n, String.format("flags=%x mtu=%s metric=%d descr=[%s] ether=%s groups=%s%s",
                    i.flags() & ~IfFlags.CANTCHANGE, vlanMtu ? "(vlan)" : Integer.toString(i.mtu()),
                    i.metric(), i.description(), i.lladdr() == MacAddress.NONE ? "-" : MacAddress.format(i.lladdr()),
                    i.groups(), vlan));
        }
        return m;
    }
}
