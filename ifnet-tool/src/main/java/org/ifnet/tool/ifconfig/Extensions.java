package org.ifnet.tool.ifconfig;

import java.util.List;

/**
 * The drivers' ifconfig extensions: {@link LaggIfconfig} and {@link VlanIfconfig}.
 *
 * <p>Extension point: a driver with requests of its own adds its extension here; where its
 * status lines go is its sections' {@link StatusSection.Slot} (FreeBSD's order: lagg's before
 * {@code groups:}, vlan's after).
 */
public final class Extensions {
    private Extensions() {
    }

    public static List<IfconfigExtension> all() {
        return List.of(new LaggIfconfig(), new VlanIfconfig());
    }
}
