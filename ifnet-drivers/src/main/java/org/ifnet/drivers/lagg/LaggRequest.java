package org.ifnet.drivers.lagg;

import java.util.Objects;
import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.DriverRequest;
import org.ifnet.drivers.lagg.proto.LaggProto;

/**
 * lagg's requests (FreeBSD's SIOCGLAGG, SIOCSLAGG, SIOCSLAGGPORT, SIOCSLAGGDELPORT,
 * SIOCGLAGGPORT, SIOCSLAGGHASH, SIOCGLAGGOPTS, SIOCSLAGGOPTS), sent to a lagg with
 * {@code stack.ioctl(lagg, request)}. {@link GetLaggPort} may also be sent to the member.
 * Errors are the errnos of DESIGN section 4; a failed request changes nothing.
 */
public sealed interface LaggRequest<R> extends DriverRequest<R> {

    /** The protocol, hash layers, options and ports. */
    record GetLagg() implements LaggRequest<LaggStatus> {
        public String ioctlName() { return "SIOCGLAGG"; }
        public boolean mutates() { return false; }
    }

    /** Switches protocol (laggproto); EPROTONOSUPPORT for lacp. */
    record SetLaggProto(LaggProto proto) implements LaggRequest<Ack> {
        public SetLaggProto {
            Objects.requireNonNull(proto, "proto");
        }
        public String ioctlName() { return "SIOCSLAGG"; }
        public boolean mutates() { return true; }
    }

    /** Adds the interface named {@code port} (laggport). */
    record SetLaggPort(String port) implements LaggRequest<Ack> {
        public String ioctlName() { return "SIOCSLAGGPORT"; }
        public boolean mutates() { return true; }
    }

    /** Removes the member named {@code port} (-laggport). */
    record DelLaggPort(String port) implements LaggRequest<Ack> {
        public String ioctlName() { return "SIOCSLAGGDELPORT"; }
        public boolean mutates() { return true; }
    }

    /** One member's status. */
    record GetLaggPort(String port) implements LaggRequest<LaggPortStatus> {
        public String ioctlName() { return "SIOCGLAGGPORT"; }
        public boolean mutates() { return false; }
    }

    /** Sets the hash layers (lagghash), a non-empty combination of FlowHash.L2, L3, L4. */
    record SetLaggHash(int layers) implements LaggRequest<Ack> {
        public String ioctlName() { return "SIOCSLAGGHASH"; }
        public boolean mutates() { return true; }
    }

    record GetLaggOpts() implements LaggRequest<LaggOptions> {
        public String ioctlName() { return "SIOCGLAGGOPTS"; }
        public boolean mutates() { return false; }
    }

    /**
     * Sets one option: on/off options take 1 or 0 ("use_flowid" / "-use_flowid"),
     * FLOWID_SHIFT and RR_LIMIT their number.
     */
    record SetLaggOpts(LaggOpt opt, int value) implements LaggRequest<Ack> {
        public SetLaggOpts {
            Objects.requireNonNull(opt, "opt");
        }
        public static SetLaggOpts on(LaggOpt opt) { return new SetLaggOpts(opt, 1); }
        public static SetLaggOpts off(LaggOpt opt) { return new SetLaggOpts(opt, 0); }
        public String ioctlName() { return "SIOCSLAGGOPTS"; }
        public boolean mutates() { return true; }
    }
}
