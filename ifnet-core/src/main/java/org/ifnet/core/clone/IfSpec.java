package org.ifnet.core.clone;

import org.ifnet.core.IfType;
import org.ifnet.core.MacAddress;

/**
 * What a driver asks the layer to attach: the name, type, initial flags and MTU, link-level
 * address ({@link MacAddress#NONE} for none), capabilities and baud rate, and the unit the new
 * interface owns (freed when it detaches), or -1.
 */
public record IfSpec(String name, IfType type, int flags, int mtu, long lladdr,
                     int capabilities, int capenable, long baudrate, int unit) {

    public static IfSpec ether(String name, int unit, long lladdr, int flags, long baudrate) {
        return new IfSpec(name, IfType.ETHER, flags, 1500, lladdr, 0, 0, baudrate, unit);
    }

    public IfSpec withType(IfType t) {
        return new IfSpec(name, t, flags, mtu, lladdr, capabilities, capenable, baudrate, unit);
    }

    public IfSpec withMtu(int m) {
        return new IfSpec(name, type, flags, m, lladdr, capabilities, capenable, baudrate, unit);
    }

    public IfSpec withCapabilities(int caps, int enabled) {
        return new IfSpec(name, type, flags, mtu, lladdr, caps, enabled, baudrate, unit);
    }
}
