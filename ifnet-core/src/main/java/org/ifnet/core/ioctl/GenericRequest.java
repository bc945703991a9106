package org.ifnet.core.ioctl;

import java.util.List;
import org.ifnet.core.IfInfo;

/**
 * The requests every interface answers, dispatched by the generic layer first
 * (see {@code NetStack.ioctl}) and, for those FreeBSD passes to if_ioctl, then by the driver.
 */
public sealed interface GenericRequest<R> extends IfRequest<R> {

    record GetFlags() implements GenericRequest<Integer> {
        public String ioctlName() { return "SIOCGIFFLAGS"; }
        public boolean mutates() { return false; }
    }

    /** Sets the changeable flags; IFF_CANTCHANGE bits in {@code flags} are ignored, as in FreeBSD. */
    record SetFlags(int flags) implements GenericRequest<Ack> {
        public String ioctlName() { return "SIOCSIFFLAGS"; }
        public boolean mutates() { return true; }
    }

    record GetMtu() implements GenericRequest<Integer> {
        public String ioctlName() { return "SIOCGIFMTU"; }
        public boolean mutates() { return false; }
    }

    record SetMtu(int mtu) implements GenericRequest<Ack> {
        public String ioctlName() { return "SIOCSIFMTU"; }
        public boolean mutates() { return true; }
    }

    record GetMetric() implements GenericRequest<Integer> {
        public String ioctlName() { return "SIOCGIFMETRIC"; }
        public boolean mutates() { return false; }
    }

    record SetMetric(int metric) implements GenericRequest<Ack> {
        public String ioctlName() { return "SIOCSIFMETRIC"; }
        public boolean mutates() { return true; }
    }

    /** The description, or "" when there is none. */
    record GetDescr() implements GenericRequest<String> {
        public String ioctlName() { return "SIOCGIFDESCR"; }
        public boolean mutates() { return false; }
    }

    /** Sets the description; an empty one removes it (ifconfig -description). */
    record SetDescr(String descr) implements GenericRequest<Ack> {
        public SetDescr {
            descr = descr == null ? "" : descr;
        }
        public String ioctlName() { return "SIOCSIFDESCR"; }
        public boolean mutates() { return true; }
    }

    /** Renames the interface; the index and generation stay. */
    record SetName(String newName) implements GenericRequest<Ack> {
        public String ioctlName() { return "SIOCSIFNAME"; }
        public boolean mutates() { return true; }
    }

    record GetMedia() implements GenericRequest<MediaReply> {
        public String ioctlName() { return "SIOCGIFMEDIA"; }
        public boolean mutates() { return false; }
    }

    /** Selects a media word (type, subtype and options, see {@code MediaWord}). */
    record SetMedia(int media) implements GenericRequest<Ack> {
        public String ioctlName() { return "SIOCSIFMEDIA"; }
        public boolean mutates() { return true; }
    }

    /** Sets the link-level (MAC) address, a 48-bit value. */
    record SetLladdr(long lladdr) implements GenericRequest<Ack> {
        public String ioctlName() { return "SIOCSIFLLADDR"; }
        public boolean mutates() { return true; }
    }

    /** Driver status text (tap: "Opened by PID n"); "" when the driver has none. */
    record GetStatus() implements GenericRequest<String> {
        public String ioctlName() { return "SIOCGIFSTATUS"; }
        public boolean mutates() { return false; }
    }

    record GetIndex() implements GenericRequest<Integer> {
        public String ioctlName() { return "SIOCGIFINDEX"; }
        public boolean mutates() { return false; }
    }

    record AddGroup(String group) implements GenericRequest<Ack> {
        public String ioctlName() { return "SIOCAIFGROUP"; }
        public boolean mutates() { return true; }
    }

    record DelGroup(String group) implements GenericRequest<Ack> {
        public String ioctlName() { return "SIOCDIFGROUP"; }
        public boolean mutates() { return true; }
    }

    record GetGroups() implements GenericRequest<List<String>> {
        public String ioctlName() { return "SIOCGIFGROUP"; }
        public boolean mutates() { return false; }
    }

    record GetCap() implements GenericRequest<CapReply> {
        public String ioctlName() { return "SIOCGIFCAP"; }
        public boolean mutates() { return false; }
    }

    /** Requests a set of enabled capabilities; bits the interface does not have give EINVAL. */
    record SetCap(int reqcap) implements GenericRequest<Ack> {
        public String ioctlName() { return "SIOCSIFCAP"; }
        public boolean mutates() { return true; }
    }

    /** A consistent snapshot of everything the generic layer keeps (for printing). */
    record GetInfo() implements GenericRequest<IfInfo> {
        public String ioctlName() { return "SIOCGIFINFO"; }
        public boolean mutates() { return false; }
    }
}
