package org.ifnet.tool.daemon;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.tool.client.SocketClient;

/**
 * A client run as its own process by the daemon tests. Prints one line per step:
 * {@code STEP OK value} or {@code STEP ERRNO message}.
 * <ul>
 *   <li>{@code getmedia SOCKET IF}: one GetMedia (the test holds it in the daemon and kills us);</li>
 *   <li>{@code probe SOCKET}: reads, then tries changes (the privilege test).</li>
 * </ul>
 */
public final class ProbeClient {
    private ProbeClient() {
    }

    public static void main(String[] args) {
        Path socket = Path.of(args[1]);
        SocketClient c;
        try {
            c = SocketClient.open(socket);
        } catch (IfnetException e) {
            System.out.println("connect " + e.errno() + " " + e.getMessage());
            return;
        }
        System.out.println("connect OK");
        System.out.flush();
        if (args[0].equals("getmedia")) {
            step("getmedia", () -> c.ioctl(args[2], new GenericRequest.GetMedia()));
        } else {
            step("interfaces", c::interfaces);
            step("getinfo", () -> c.ioctl("lo0", new GenericRequest.GetInfo()).name());
            step("leaks", () -> c.leakReport().isClean());
            step("create", () -> c.create("lo", CloneParams.NONE));
            step("setmtu", () -> c.ioctl("lo0", new GenericRequest.SetMtu(1500)));
            step("setdescr", () -> c.ioctl("lo0", new GenericRequest.SetDescr("probe was here")));
            step("destroy", () -> {
                c.destroy("lo1");
                return "lo1";
            });
        }
        c.close();
    }

    private static void step(String name, Callable<Object> op) {
        try {
            System.out.println(name + " OK " + op.call());
        } catch (IfnetException e) {
            System.out.println(name + " " + e.errno() + " " + e.getMessage());
        } catch (Exception e) {
            System.out.println(name + " FAILED " + e);
        }
        System.out.flush();
    }
}
