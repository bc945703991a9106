package org.ifnet.tool.ifconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ifnet.core.LeakReport;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.tool.client.StackClient;
import org.junit.jupiter.api.Test;

/** A connection that fails every request: each form of ifconfig reports it and exits 1. */
class BrokenConnectionTest {

    /** A client whose every request fails as a daemon connection closed mid-way does. */
    private static final class Broken implements StackClient {
        private static IfnetException gone() {
            return new IfnetException(Errno.ENXIO, "the ifnet daemon closed the connection");
        }

        @Override
        public <R> R ioctl(String ifname, IfRequest<R> req) {
            throw gone();
        }

        @Override
        public String create(String ifname, CloneParams params) {
            throw gone();
        }

        @Override
        public void destroy(String ifname) {
            throw gone();
        }

        @Override
        public List<String> interfaces() {
            throw gone();
        }

        @Override
        public List<String> cloners() {
            throw gone();
        }

        @Override
        public List<String> groupMembers(String group) {
            throw gone();
        }

        @Override
        public LeakReport leakReport() {
            throw gone();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void everyFormFailsCleanly() {
        Broken b = new Broken();
        for (String[] args : new String[][] {{"-C"}, {"-a"}, {"-l"}}) {
            Run r = Run.ifconfig(b, args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err()).isEqualTo("ifconfig: the ifnet daemon closed the connection: Device not configured\n");
        }
        assertThat(Run.ifconfig(b, "-g", "lagg").err()).isEqualTo("ifconfig: SIOCGIFGMEMB: Device not configured\n");
        // a named interface that cannot be looked up reads as FreeBSD's "does not exist"
        assertThat(Run.ifconfig(b, "lo0", "up").err()).isEqualTo("ifconfig: interface lo0 does not exist\n");
        assertThat(Run.ifconfig(b, "lagg", "create").err()).isEqualTo("ifconfig: SIOCIFCREATE2 (lagg): Device not configured\n");
        Run r = Run.ifconfig(b, "--json", "-a");
        assertThat(r.out()).isEqualTo("{\"error\":{\"errno\":\"ENXIO\",\"message\":"
                + "\"the ifnet daemon closed the connection: Device not configured\"}}\n");
    }
}
