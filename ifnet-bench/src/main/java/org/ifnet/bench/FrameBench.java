package org.ifnet.bench;

import java.util.concurrent.TimeUnit;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.NetStack;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.frame.FramePool;
import org.ifnet.drivers.lagg.LaggOpt;
import org.ifnet.drivers.lagg.LaggRequest;
import org.ifnet.drivers.lagg.proto.LaggProto;
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
 * Frames per second on one core: one operation takes a frame from the stack's pool, writes 64
 * bytes of Ethernet/IPv4/UDP into it and transmits it; the peer end's input hands it to the
 * stack's input handler (the default, which counts and frees it), so the frame is back in the
 * pool before the next operation. Run with {@code -prof gc}: gc.alloc.rate.norm is the bytes
 * allocated per frame. The frames cycle over 16 UDP flows (for lagg's hash).
 *
 * <ul>
 * <li>{@code epairDirect}: straight on one epair end, with a reference held (rule 1);</li>
 * <li>{@code laggLoadbalance}: on lagg0, protocol loadbalance over two ports (the "a" ends of
 * two more epairs), default hash layers l2,l3,l4, with a reference held on lagg0. Each frame
 * is hashed in software (it carries no flow id), sent on its port, and arrives on that epair's
 * "b" end. The target's case.</li>
 * <li>{@code laggLoadbalanceFlowid}: the same on lagg1 with use_flowid on, and each frame
 * carrying its flow's id, as frames from an RSS-capable NIC or FreeBSD's own TCP stack do:
 * lagg_lb_start() then takes the flow id instead of hashing the headers.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class FrameBench {
    static final int FRAME_LEN = 64;
    static final int FLOWS = 16;

    private NetStack stack;
    private IfRef epairRef;
    private Ifnet epair;
    private IfRef laggRef;
    private Ifnet lagg;
    private IfRef laggFlowidRef;
    private Ifnet laggFlowid;
    private FramePool pool;
    private byte[][] templates;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        stack = Stacks.withDrivers();
        pool = stack.framePool();
        epairRef = stack.lookup(Stacks.upEpair(stack));
        epair = epairRef.ifp();
        String lagg0 = Stacks.upLagg(stack, LaggProto.LOADBALANCE, Stacks.upEpair(stack), Stacks.upEpair(stack));
        laggRef = stack.lookup(lagg0);
        lagg = laggRef.ifp();
        String lagg1 = Stacks.upLagg(stack, LaggProto.LOADBALANCE, Stacks.upEpair(stack), Stacks.upEpair(stack));
        stack.ioctl(lagg1, LaggRequest.SetLaggOpts.on(LaggOpt.USE_FLOWID));
        laggFlowidRef = stack.lookup(lagg1);
        laggFlowid = laggFlowidRef.ifp();
        templates = new byte[FLOWS][];
        for (int i = 0; i < FLOWS; i++) {
            templates[i] = udpFrame(0x02_00_00_00_00_0bL, 0x02_00_00_00_00_0aL, 10_000 + i, 53);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        epairRef.close();
        laggRef.close();
        laggFlowidRef.close();
        stack.close();
    }

    @Benchmark
    public boolean epairDirect() {
        return send(epair);
    }

    @Benchmark
    public boolean laggLoadbalance() {
        return send(lagg);
    }

    @Benchmark
    public boolean laggLoadbalanceFlowid() {
        Frame f = pool.get();
        if (f == null) {
            return false;
        }
        int flow = next++ & (FLOWS - 1);
        f.put(templates[flow], 0, FRAME_LEN).setFlowid(flow);
        return laggFlowid.transmit(f);
    }

    private boolean send(Ifnet ifp) {
        Frame f = pool.get();
        if (f == null) {
            return false;
        }
        f.put(templates[next++ & (FLOWS - 1)], 0, FRAME_LEN);
        return ifp.transmit(f);
    }

    /** A 64-byte Ethernet II / IPv4 / UDP frame (the rest is zero payload). */
    static byte[] udpFrame(long dst, long src, int sport, int dport) {
        byte[] b = new byte[FRAME_LEN];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (dst >>> (40 - 8 * i));
            b[6 + i] = (byte) (src >>> (40 - 8 * i));
        }
        b[12] = 0x08;                       // ethertype IPv4
        int ip = 14;
        b[ip] = 0x45;                       // version 4, IHL 5
        int ipLen = FRAME_LEN - ip;
        b[ip + 2] = (byte) (ipLen >>> 8);
        b[ip + 3] = (byte) ipLen;
        b[ip + 8] = 64;                     // TTL
        b[ip + 9] = 17;                     // UDP
        byte[] saddr = {10, 0, 0, 1};
        byte[] daddr = {10, 0, 0, 2};
        System.arraycopy(saddr, 0, b, ip + 12, 4);
        System.arraycopy(daddr, 0, b, ip + 16, 4);
        int udp = ip + 20;
        b[udp] = (byte) (sport >>> 8);
        b[udp + 1] = (byte) sport;
        b[udp + 2] = (byte) (dport >>> 8);
        b[udp + 3] = (byte) dport;
        int udpLen = FRAME_LEN - udp;
        b[udp + 4] = (byte) (udpLen >>> 8);
        b[udp + 5] = (byte) udpLen;
        return b;
    }
}
