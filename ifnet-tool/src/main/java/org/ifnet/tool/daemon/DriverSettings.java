package org.ifnet.tool.daemon;

import java.util.List;
import org.ifnet.core.IfInfo;
import org.ifnet.core.IfRef;

/**
 * A driver's own settings (vlan's tag and parent, lagg's protocol and ports) in the
 * configuration file, as the ifconfig words that set them (the shared ifconfig grammar
 * applies them at start). The generic settings (mtu, flags, groups...) are
 * {@link SettingsDiff}'s.
 */
interface DriverSettings {
    /** True for interfaces of this driver. */
    boolean handles(IfInfo info);

    /** The interface's driver settings now, as the ifconfig words that set them on a new one. */
    List<String> state(IfRef ref, IfInfo info);

    /**
     * The interfaces a state names (a vlan's parent, a lagg's ports): their lines are applied
     * first, so they have their MTU and address when this one takes them over.
     */
    List<String> dependsOn(List<String> state);

    /** Words that take an interface from state {@code was} (as it was made) to {@code now}; none if equal. */
    List<String> change(List<String> was, List<String> now);

    /**
     * True when an interface first made as {@code recreateName} is better made again bare (no
     * create parameters) and given its whole state by words, which run after every interface
     * exists under its current name (a vlan whose parent was renamed or destroyed since).
     */
    boolean recreatesBare(String recreateName);

    /**
     * True when, in state {@code state}, the interface has taken its address and MTU over from
     * others (a vlan attached, a lagg with ports), and keeps them: the file then writes both.
     */
    boolean takesLink(List<String> state);
}
