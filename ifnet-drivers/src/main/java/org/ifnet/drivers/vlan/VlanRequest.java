package org.ifnet.drivers.vlan;

import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.DriverRequest;

/** The vlan driver's requests (FreeBSD's SIOCGETVLAN and SIOCSETVLAN with struct vlanreq). */
public sealed interface VlanRequest<R> extends DriverRequest<R> {

    /** The vlan's parent, tag and protocol; an unattached vlan answers {@link VlanReply#NONE}. */
    record GetVlan() implements VlanRequest<VlanReply> {
        public String ioctlName() { return "SIOCGETVLAN"; }
        public boolean mutates() { return false; }
    }

    /**
     * Attaches the vlan to {@code parent} with VLAN id {@code tag} (1..4094), or detaches it
     * when {@code parent} is empty (ifconfig's -vlandev). Errors as vlan_ioctl() and
     * vlan_config() give them: ENOENT no such parent; EPROTONOSUPPORT parent not Ethernet-like
     * or lacking BROADCAST and MULTICAST; EINVAL bad tag (or a parent loop); EBUSY already
     * attached; EEXIST tag already used on that parent.
     */
    record SetVlan(String parent, int tag) implements VlanRequest<Ack> {
        public SetVlan {
            parent = parent == null ? "" : parent;
        }

        /** The detach request ({@code -vlandev}). */
        public static SetVlan detach() {
            return new SetVlan("", 0);
        }

        public String ioctlName() { return "SIOCSETVLAN"; }
        public boolean mutates() { return true; }
    }
}
