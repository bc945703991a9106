package org.ifnet.tool.daemon;

import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.ifnet.core.IfInfo;
import org.ifnet.core.IfRef;
import org.ifnet.core.clone.Cloner;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.drivers.vlan.VlanReply;
import org.ifnet.drivers.vlan.VlanRequest;
import org.ifnet.tool.proto.Call;

/**
 * vlan's settings: {@code vlan TAG vlandev PARENT} (both, in either order, as FreeBSD's
 * ifconfig needs both to attach) and {@code -vlandev}. A vlan named {@code vlanN} is made
 * again bare and attached by words, after every parent exists under its current name.
 */
final class VlanSettings implements DriverSettings {
    @Override
    public boolean handles(IfInfo info) {
        return info.driver().equals("vlan");
    }

    @Override
    public List<String> state(IfRef ref, IfInfo info) {
        VlanReply v = ref.ioctl(new VlanRequest.GetVlan());
        return v.attached() ? List.of("vlan", Integer.toString(v.tag()), "vlandev", v.parent()) : List.of();
    }

    @Override
    public List<String> dependsOn(List<String> state) {
        int i = state.indexOf("vlandev");
        return i < 0 || i + 1 >= state.size() ? List.of() : List.of(state.get(i + 1));
    }

    @Override
    public List<String> change(List<String> was, List<String> now) {
        if (was.equals(now)) {
            return List.of();
        }
        List<String> w = new ArrayList<>();
        if (!was.isEmpty()) {
            w.add("-vlandev"); // attached to something else: SIOCSETVLAN on an attached vlan is EBUSY
        }
        w.addAll(now);
        return w;
    }

    @Override
    public boolean recreatesBare(String recreateName) {
        return Cloner.parseUnit(recreateName, "vlan") >= 0;
    }

    @Override
    public boolean apply(String ifname, Deque<String> words, CallHandler calls) {
        String w = words.peekFirst();
        if ("-vlandev".equals(w)) {
            words.removeFirst();
            calls.internal(new Call.Ioctl<>(ifname, VlanRequest.SetVlan.detach()));
            return true;
        }
        if (!"vlan".equals(w) && !"vlandev".equals(w)) {
            return false;
        }
        words.removeFirst();
        String first = ConfigApplier.value(w, words);
        String other = w.equals("vlan") ? "vlandev" : "vlan";
        String second = takePair(words, other);
        String tag = w.equals("vlan") ? first : second;
        String parent = w.equals("vlan") ? second : first;
        int vid;
        try {
            vid = Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            throw new IfnetException(Errno.EINVAL, "'vlan' needs a number, not '" + tag + "'");
        }
        calls.internal(new Call.Ioctl<>(ifname, new VlanRequest.SetVlan(parent, vid)));
        return true;
    }

    /** Takes {@code word VALUE} from anywhere later on the line; EINVAL when it is not there. */
    private static String takePair(Deque<String> words, String word) {
        Iterator<String> it = words.iterator();
        while (it.hasNext()) {
            if (it.next().equals(word) && it.hasNext()) {
                it.remove();
                String v = it.next();
                it.remove();
                return v;
            }
        }
        throw new IfnetException(Errno.EINVAL, "vlan and vlandev must be given together");
    }
}
