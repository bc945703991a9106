package org.ifnet.tool;

import java.util.concurrent.Callable;
import org.ifnet.tool.demo.Demo;
import picocli.CommandLine.Command;

/** {@code ifnet demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A short tour of ifnet, on a stack inside this process.",
            "Virtual cables, traffic, a link going down, 'ifconfig -a', and the seed",
            "report's race under the three release policies (LEGACY, EPOCH_ONLY,",
            "SAFE), with a verdict for each. Exit 0 when every step did what it",
            "says and nothing leaked."})
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
        return Demo.run(System.out);
    }
}
