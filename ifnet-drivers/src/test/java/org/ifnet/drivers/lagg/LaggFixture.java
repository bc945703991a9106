package org.ifnet.drivers.lagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.InputHandler;
import org.ifnet.core.NetStack;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.drivers.Drivers;
import org.ifnet.drivers.lagg.LaggRequest.DelLaggPort;
import org.ifnet.drivers.lagg.LaggRequest.GetLagg;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggPort;
import org.ifnet.drivers.lagg.LaggRequest.SetLaggProto;
import org.ifnet.drivers.lagg.proto.LaggProto;

/**
 * A stack with the drivers registered, and the steps lagg tests repeat: epairs whose "a" ends
 * become ports and whose "b" ends are the far side, UP on both ends, a sink on the stack's
 * input that counts (and frees) what each interface receives.
 */
final class LaggFixture {
    final NetStack stack;
    final Sink sink = new Sink();

    LaggFixture() {
        this(Policy.SAFE);
    }

    LaggFixture(Policy policy) {
        stack = Drivers.registerAll(NetStack.builder().policy(policy).tracking(true).build());
        stack.setInputHandler(sink);
    }

    /** Creates an epair with both ends UP; returns the "a" end's name. */
    String epair() {
        String a = stack.create("epair");
        String b = a.substring(0, a.length() - 1) + "b";
        up(b);
        up(a);
        return a;
    }

    static String far(String a) {
        return a.substring(0, a.length() - 1) + "b";
    }

    /** Creates a lagg with {@code proto} and {@code ports}, UP. */
    String lagg(LaggProto proto, String... ports) {
        String l = stack.create("lagg");
        ioctl(l, new SetLaggProto(proto));
        for (String p : ports) {
            ioctl(l, new SetLaggPort(p));
        }
        up(l);
        return l;
    }

    <R> R ioctl(String name, IfRequest<R> req) {
        return stack.ioctl(name, req);
    }

    Ack up(String name) {
        return ioctl(name, new GenericRequest.SetFlags(flags(name) | IfFlags.UP));
    }

    Ack down(String name) {
        return ioctl(name, new GenericRequest.SetFlags(flags(name) & ~IfFlags.UP));
    }

    int flags(String name) {
        return ioctl(name, new GenericRequest.GetFlags());
    }

    LaggStatus status(String lagg) {
        return ioctl(lagg, new GetLagg());
    }

    void addPort(String lagg, String port) {
        ioctl(lagg, new SetLaggPort(port));
    }

    void delPort(String lagg, String port) {
        ioctl(lagg, new DelLaggPort(port));
    }

    Ifnet ifnet(String name) {
        try (IfRef r = stack.lookup(name)) {
            return r.ifp();
        }
    }

    long counter(String name, IfCounter c) {
        return ifnet(name).counters().get(c);
    }

    /** Sends {@code f} on {@code name} holding a reference, as a protocol above would. */
    boolean send(String name, Frame f) {
        try (IfRef r = stack.lookup(name)) {
            return r.ifp().transmit(f);
        }
    }

    /** A frame from the stack's pool; fails the test if the pool is empty. */
    Frame frame() {
        Frame f = stack.framePool().get();
        assertThat(f).isNotNull();
        return f;
    }

    /** Counts and frees every frame delivered to the stack, per receiving interface. */
    static final class Sink implements InputHandler {
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        private volatile BiConsumer<Ifnet, Frame> observer;

        @Override
        public void input(Ifnet ifp, Frame f) {
            counts.computeIfAbsent(ifp.name(), k -> new LongAdder()).increment();
            BiConsumer<Ifnet, Frame> o = observer;
            if (o != null) {
                o.accept(ifp, f);
            }
            f.free();
        }

        long count(String name) {
            LongAdder a = counts.get(name);
            return a == null ? 0 : a.sum();
        }

        void observe(BiConsumer<Ifnet, Frame> o) {
            observer = o;
        }

        void reset() {
            counts.clear();
        }
    }
}
