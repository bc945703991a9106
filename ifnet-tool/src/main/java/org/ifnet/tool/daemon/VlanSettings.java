package org.ifnet.tool.daemon;

import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.IfInfo;
import org.ifnet.core.IfRef;
import org.ifnet.core.clone.Cloner;
import org.ifnet.drivers.vlan.VlanReply;
import org.ifnet.drivers.vlan.VlanRequest;

/**
 * vlan's settings: {@code vlan TAG vlandev PARENT} to attach, {@code -vlandev} to detach. A
 * vlan named {@code vlanN} is made again bare and attached by words, after every parent exists
 * under its current name.
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
    public boolean takesLink(List<String> state) {
        return !state.isEmpty();
    }
}
