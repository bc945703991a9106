package org.ifnet.drivers.lagg;

import java.util.List;
import org.ifnet.drivers.lagg.proto.LaggProto;

/**
 * SIOCGLAGG's reply, with what ifconfig prints for a lagg: the protocol, the hash layers
 * (SIOCGLAGGFLAGS), the options, and the ports in index order with their flags. Taken under
 * the lagg's lock, so it is one consistent view.
 */
public record LaggStatus(String lagg, LaggProto proto, int hashLayers, LaggOptions options, List<LaggPortStatus> ports) {
    public LaggStatus {
        ports = List.copyOf(ports);
    }

    /** The port names in order. */
    public List<String> portNames() {
        return ports.stream().map(LaggPortStatus::port).toList();
    }
}
