package org.ifnet.tool.ifconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfInfo;
import org.ifnet.core.MacAddress;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.core.media.MediaWord;

/**
 * {@code ifconfig --json}: the same information as {@link TextFormat}, one JSON object per
 * interface on one line, plus what scripts want and the text leaves implicit (index, driver,
 * link state; the counters with -v). Keys are snake_case, as FreeBSD's libxo output.
 */
public final class JsonFormat {
    private JsonFormat() {
    }

    public static String render(InterfaceStatus st, boolean verbose) {
        IfInfo i = st.info();
        Json j = new Json().beginObject();
        j.field("name", i.name()).field("index", i.index()).field("driver", i.driver());
        j.field("flags", i.flags()).field("flag_names", Bits.flagNames(i.flags()));
        j.field("metric", i.metric()).field("mtu", i.mtu());
        j.field("description", i.description());
        j.field("options", i.capenable()).field("option_names", Bits.capNames(i.capenable()));
        j.field("capabilities", i.capabilities()).field("capability_names", Bits.capNames(i.capabilities()));
        if (i.lladdr() != MacAddress.NONE) {
            j.field(i.type().isEthernetLike() ? "ether" : "lladdr", MacAddress.format(i.lladdr()));
        }
        List<String> groups = new ArrayList<>(i.groups());
        groups.remove("all");
        j.field("groups", groups);
        j.field("link_state", i.linkState().name().toLowerCase());
        if (st.media() != null && !st.media().supported().isEmpty()) {
            media(j, st.media());
        }
        if (!st.driverStatus().isEmpty()) {
            j.field("driver_status", st.driverStatus());
        }
        for (StatusSection s : st.sections()) {
            s.json(j);
        }
        if (verbose) {
            j.name("counters").beginObject();
            for (Map.Entry<IfCounter, Long> e : new java.util.TreeMap<>(i.counters()).entrySet()) {
                j.field(e.getKey().name().toLowerCase(), e.getValue());
            }
            j.endObject();
        }
        return j.endObject().toString();
    }

    private static void media(Json j, MediaReply m) {
        j.name("media").beginObject();
        j.field("type", MediaWord.typeName(m.current()));
        j.field("current", TextFormat.mediaWord(m.current(), false));
        j.field("active", TextFormat.mediaWord(m.active(), false));
        if ((m.status() & MediaWord.IFM_AVALID) != 0) {
            j.field("status", TextFormat.mediaStatus(m));
        }
        List<String> sup = new ArrayList<>();
        for (int w : m.supported()) {
            sup.add(TextFormat.mediaWord(w, false));
        }
        j.field("supported", sup);
        j.endObject();
    }

    /** {"error":{"errno":"EEXIST","message":"..."}}. */
    public static String error(String errno, String message) {
        return new Json().beginObject().name("error").beginObject()
                .field("errno", errno).field("message", message).endObject().endObject().toString();
    }

    /** A JSON array of names (-l, -C, -g). */
    public static String names(List<String> names) {
        Json j = new Json().beginArray();
        for (String n : names) {
            j.value(n);
        }
        return j.endArray().toString();
    }
}
