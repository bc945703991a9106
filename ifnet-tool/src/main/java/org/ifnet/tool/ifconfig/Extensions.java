package org.ifnet.tool.ifconfig;

import java.util.List;

/**
 * The drivers' ifconfig extensions, in FreeBSD's status order.
 *
 * <p>Extension point: the vlan and lagg drivers are being written on other branches; their
 * extensions (vlan: {@code vlan}, {@code vlandev}, {@code -vlandev}; lagg: {@code laggproto},
 * {@code laggport}, {@code -laggport}, {@code lagghash}, {@code use_flowid},
 * {@code flowid_shift}, {@code rr_limit}) are added to this list when those drivers land.
 */
public final class Extensions {
    private Extensions() {
    }

    public static List<IfconfigExtension> all() {
        return List.of(new VlanIfconfig());
    }
}
