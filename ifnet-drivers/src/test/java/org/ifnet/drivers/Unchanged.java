package org.ifnet.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifnet.core.NetStack;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.drivers.vlan.VlanRequest;

/**
 * The check behind every error-path test: the action fails with the expected errno and a
 * sentence, and nothing it could have touched changed (the interface list, and for each watched
 * interface its GetInfo snapshot, media, status and, for a vlan, its vlan configuration).
 */
final class Unchanged {
    private Unchanged() {
    }

    static IfnetException assertRefused(NetStack stack, Errno errno, Runnable action, String... watched) {
        List<String> interfacesBefore = stack.interfaces();
        Map<String, List<Object>> before = snapshot(stack, watched);
        Throwable t = catchThrowable(action::run);
        assertThat(t).as("expected %s", errno).isInstanceOf(IfnetException.class);
        IfnetException e = (IfnetException) t;
        assertThat(e.errno()).as(e.toString()).isEqualTo(errno);
        assertThat(e.getMessage()).isNotBlank();
        assertThat(stack.interfaces()).as("interfaces after " + e).isEqualTo(interfacesBefore);
        assertThat(snapshot(stack, watched)).as("state after " + e).isEqualTo(before);
        return e;
    }

    private static Map<String, List<Object>> snapshot(NetStack stack, String... names) {
        Map<String, List<Object>> m = new LinkedHashMap<>();
        for (String n : names) {
            boolean vlan = stack.ioctl(n, new GenericRequest.GetInfo()).driver().equals("vlan");
            m.put(n, List.of(
                    stack.ioctl(n, new GenericRequest.GetInfo()),
                    answer(stack, n, new GenericRequest.GetMedia()),
                    answer(stack, n, new GenericRequest.GetStatus()),
                    vlan ? answer(stack, n, new VlanRequest.GetVlan()) : "-"));
        }
        return m;
    }

    /** The reply, or the errno when the request fails (a vlan without parent has no media). */
    private static Object answer(NetStack stack, String name, IfRequest<?> req) {
        try {
            return stack.ioctl(name, req);
        } catch (IfnetException e) {
            return e.errno();
        }
    }
}
