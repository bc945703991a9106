package org.ifnet.core;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of what the generic layer keeps for one interface (the GetInfo request's reply).
 * {@code lladdr} is {@link MacAddress#NONE} when the interface has no link-level address.
 */
public record IfInfo(
        String name,
        String driver,
        int index,
        int generation,
        IfType type,
        int flags,
        int mtu,
        int metric,
        String description,
        long lladdr,
        int capabilities,
        int capenable,
        LinkState linkState,
        long baudrate,
        List<String> groups,
        Map<IfCounter, Long> counters) {
    public IfInfo {
        groups = List.copyOf(groups);
        counters = Map.copyOf(counters);
    }
}
