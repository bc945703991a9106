package org.ifnet.tool;

import java.io.OutputStream;
import java.io.PrintStream;
import org.ifnet.core.NetStack;
import org.ifnet.drivers.Drivers;
import org.ifnet.tool.client.ControlSocket;
import org.ifnet.tool.client.EmbeddedClient;
import org.ifnet.tool.ifconfig.Ifconfig;

/**
 * The training run for the class-data sharing archive that {@code mvn package} makes
 * ({@code -XX:ArchiveClassesAtExit=target/ifnet.jsa}, see ifnet-tool/pom.xml): it walks the
 * ifconfig paths a call takes (parse, query, print text and JSON, configure, fail) so that
 * their classes are archived and {@code bin/ifnet ifconfig} starts faster. Output is discarded.
 */
final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        try (NetStack stack = Drivers.registerAll(NetStack.builder().build())) {
            EmbeddedClient c = new EmbeddedClient(stack);
            String[][] runs = {
                {"epair", "create"}, {"epair0a", "up", "mtu", "9000", "description", "x"}, {"-a"},
                {"--json", "-a"}, {"-l"}, {"-C"}, {"-g", "epair"}, {"-m", "epair0a"},
                {"epair0a", "media", "10Gbase-T", "mediaopt", "full-duplex"}, {"lo0", "mtu", "x"},
                {"nope0"}, {"epair0a", "bogus"}, {"vlan0", "create", "vlan", "5", "vlandev", "epair0a"},
                {"vlan0"}, {"lagg", "create", "laggproto", "failover", "laggport", "epair0b", "up"}, {"-v", "lagg0"},
                {"epair0a", "name", "e0"}, {"e0", "destroy"}
            };
            for (String[] r : runs) {
                Ifconfig.run(c, r, sink, sink);
            }
        }
        // The daemon path: Main, the default socket path, and the client up to the connect
        // (no daemon answers at this path).
        sink.println(Main.class.getName() + ControlSocket.defaultPath());
        Ifconfig.runAgainstDaemon(new String[] {"--socket", "/nonexistent/ifnet.sock", "-a"}, sink, sink);
    }
}
