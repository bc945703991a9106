package org.ifnet.tool.ifconfig;

import java.util.List;
import org.ifnet.core.IfInfo;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.drivers.vlan.VlanReply;
import org.ifnet.drivers.vlan.VlanRequest;
import org.ifnet.tool.client.StackClient;

/**
 * vlan's part of ifconfig, as FreeBSD's ifvlan.c: {@code vlan N} and {@code vlandev IF} (at
 * create, as create parameters; on an existing vlan, one SIOCSETVLAN once both are known),
 * {@code -vlandev [IF]} (detach), and the status line after {@code groups:}
 * <pre>
 *         vlan: 5 vlanproto: 802.1q parent interface: epair0a
 * </pre>
 * (FreeBSD also prints {@code vlanpcp: N}; ifnet's vlan has no priority code point, so, as
 * FreeBSD does when SIOCGVLANPCP fails, there is none.)
 */
public final class VlanIfconfig implements IfconfigExtension {
    /** FreeBSD's vlr_tag is a u_short: ifconfig refuses more; the driver allows 1..4094. */
    private static final int MAX_TAG = 0xffff;

    /** The tag and parent given so far in this command (FreeBSD's static vlanreq params). */
    private static final class Params {
        Integer tag;
        String parent;
    }

    @Override
    public List<Word> words() {
        return List.of(
                Word.cloneWithArg("vlan", (s, v) -> params(s).tag = tag(v)),
                Word.cloneWithArg("vlandev", (s, dev) -> params(s).parent = dev),
                Word.withArg("vlan", (s, v) -> {
                    params(s).tag = tag(v);
                    setIfBoth(s);
                }),
                Word.withArg("vlandev", (s, dev) -> {
                    params(s).parent = dev;
                    setIfBoth(s);
                }),
                Word.withOptionalArg("-vlandev", (s, ignored) -> {
                    s.ioctl(new VlanRequest.GetVlan(), "SIOCGETVLAN");
                    s.ioctl(VlanRequest.SetVlan.detach(), "SIOCSETVLAN");
                }));
    }

    /**
     * The command's params, with FreeBSD's steps registered once: vlan_create's before a
     * create of a "vlan..." name (the check, and the params passed to the cloner; other
     * cloners get none, as FreeBSD passes them only through vlan's create callback), and
     * vlan_cb's check at the end of the command.
     */
    private static Params params(Session s) {
        return s.extensionState(Params.class, () -> {
            Params p = new Params();
            s.beforeCreate(() -> {
                if (!s.name().startsWith("vlan") || (p.tag == null && p.parent == null)) {
                    return;
                }
                if (p.tag == null) {
                    throw IfconfigException.errx("must specify a tag for vlan create");
                }
                if (p.parent == null) {
                    throw IfconfigException.errx("must specify a parent device for vlan create");
                }
                s.cloneParam("vlan", Integer.toString(p.tag));
                s.cloneParam("vlandev", p.parent);
            });
            s.defer(() -> {
                if ((p.tag == null) != (p.parent == null)) {
                    throw IfconfigException.errx("both vlan and vlandev must be specified");
                }
            });
            return p;
        });
    }

    private static int tag(String v) {
        long n;
        try {
            n = Long.decode(v);
        } catch (NumberFormatException e) {
            throw IfconfigException.errx("invalid value for vlan");
        }
        if (n < 0 || n > MAX_TAG) {
            throw IfconfigException.errx("value for vlan out of range");
        }
        return (int) n;
    }

    /** vlan_set: on an existing vlan, SIOCSETVLAN once both the tag and the parent are known. */
    private static void setIfBoth(Session s) {
        Params p = params(s);
        try {
            s.client().ioctl(s.name(), new VlanRequest.GetVlan());
        } catch (IfnetException e) {
            return; // not a vlan: FreeBSD's getvlan() fails and nothing is set
        }
        if (p.tag != null && p.parent != null) {
            s.ioctl(new VlanRequest.SetVlan(p.parent, p.tag), "SIOCSETVLAN");
        }
    }

    @Override
    public boolean appliesTo(IfInfo info) {
        return info.driver().equals("vlan");
    }

    @Override
    public StatusSection status(StackClient client, String ifname, boolean verbose) {
        VlanReply r;
        try {
            r = client.ioctl(ifname, new VlanRequest.GetVlan());
        } catch (IfnetException e) {
            return null; // not a vlan
        }
        return new Section(r);
    }

    /** "802.1q", "802.1ad", or the protocol in hex ("0x0000" for an unattached vlan). */
    static String proto(int proto) {
        switch (proto) {
            case VlanReply.ETHERTYPE_VLAN: return "802.1q";
            case 0x88a8: return "802.1ad";
            default: return String.format("0x%04x", proto);
        }
    }

    private record Section(VlanReply r) implements StatusSection {
        @Override
        public Slot slot() {
            return Slot.AFTER_GROUPS;
        }

        @Override
        public void text(StringBuilder sb) {
            sb.append("\tvlan: ").append(r.tag()).append(" vlanproto: ").append(proto(r.proto()))
                    .append(" parent interface: ").append(r.attached() ? r.parent() : "<none>").append('\n');
        }

        @Override
        public void json(Json j) {
            j.name("vlan").beginObject().field("tag", r.tag()).field("proto", proto(r.proto()))
                    .field("parent", r.attached() ? r.parent() : null).endObject();
        }
    }
}
