package org.ifnet.bench;

import org.ifnet.core.IfFlags;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.drivers.epair.EpairCloner;
import org.ifnet.drivers.lagg.LaggCloner;
import org.ifnet.drivers.lagg.LaggRequest;
import org.ifnet.drivers.lagg.proto.LaggProto;

/** Stack set-up shared by the benchmarks. */
final class Stacks {
    private Stacks() {
    }

    /** A SAFE stack, without reference tracking (the production setting), with lo, epair, lagg and bn. */
    static NetStack withDrivers(int epairMaxUnit) {
        NetStack stack = NetStack.builder().build();
        stack.registerCloner(new org.ifnet.drivers.lo.LoopbackCloner());
        stack.registerCloner(new EpairCloner(epairMaxUnit));
        stack.registerCloner(new LaggCloner());
        stack.registerCloner(new NoopCloner());
        return stack;
    }

    static NetStack withDrivers() {
        return withDrivers(EpairCloner.IF_MAXUNIT);
    }

    /** Creates {@code count} bn interfaces; returns their names, in creation order. */
    static String[] createNoop(NetStack stack, int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = stack.create(NoopCloner.NAME);
        }
        return names;
    }

    /** Creates one epair and sets both ends UP (so the link is up and frames pass); returns "epairNa". */
    static String upEpair(NetStack stack) {
        String a = stack.create("epair");
        String b = a.substring(0, a.length() - 1) + "b";
        stack.ioctl(a, new GenericRequest.SetFlags(IfFlags.UP));
        stack.ioctl(b, new GenericRequest.SetFlags(IfFlags.UP));
        return a;
    }

    /** Creates a lagg with {@code proto} over {@code ports}, UP; returns its name. */
    static String upLagg(NetStack stack, LaggProto proto, String... ports) {
        String lagg = stack.create("lagg");
        stack.ioctl(lagg, new LaggRequest.SetLaggProto(proto));
        for (String p : ports) {
            stack.ioctl(lagg, new LaggRequest.SetLaggPort(p));
        }
        stack.ioctl(lagg, new GenericRequest.SetFlags(IfFlags.UP));
        return lagg;
    }
}
