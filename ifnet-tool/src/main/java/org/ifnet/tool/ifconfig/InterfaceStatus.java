package org.ifnet.tool.ifconfig;

import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.IfInfo;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.tool.client.StackClient;

/**
 * Everything ifconfig prints about one interface, read once: the generic snapshot, the media
 * (null when the driver has none, as lo), the driver's status text and the extensions'
 * sections. Rendered by {@link TextFormat} and {@link JsonFormat}.
 */
public record InterfaceStatus(IfInfo info, MediaReply media, String driverStatus,
                              List<StatusSection> sections) {

    /**
     * Reads {@code ifname}'s status; ENXIO (as an IfnetException) when it does not exist or
     * is being destroyed. Requests other than the snapshot that the driver does not answer
     * leave their part out, as FreeBSD's status() skips an ioctl that fails.
     */
    public static InterfaceStatus read(StackClient client, String ifname, boolean verbose,
                                       List<IfconfigExtension> extensions) {
        return read(client, client.ioctl(ifname, new GenericRequest.GetInfo()), verbose, extensions);
    }

    /** The rest of the status of an interface whose snapshot the caller has read. */
    public static InterfaceStatus read(StackClient client, IfInfo info, boolean verbose,
                                       List<IfconfigExtension> extensions) {
        String ifname = info.name();
        MediaReply media = null;
        try {
            media = client.ioctl(ifname, new GenericRequest.GetMedia());
        } catch (IfnetException e) {
            // no media on this interface
        }
        String status = "";
        try {
            status = client.ioctl(ifname, new GenericRequest.GetStatus());
        } catch (IfnetException e) {
            // no driver status
        }
        List<StatusSection> sections = new ArrayList<>(extensions.size());
        for (IfconfigExtension ext : extensions) {
            StatusSection sec = ext.appliesTo(info) ? ext.status(client, ifname, verbose) : null;
            if (sec != null) {
                sections.add(sec);
            }
        }
        return new InterfaceStatus(info, media, status == null ? "" : status, List.copyOf(sections));
    }
}
