package org.ifnet.tool.race;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.ifnet.core.lifecycle.Policy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ifnet race}: explores every interleaving of each scenario's threads at the layer's
 * fail points, under each release policy, and prints how many ended in a use after free, a
 * leak or a wrong result. The seed's two questions, answered by running it: LEGACY and
 * EPOCH_ONLY show the use after free on ioctl-vs-destroy; SAFE shows none anywhere.
 *
 * <p>Exit status: 0 when every SAFE run is clean (or none ran), 3 when any SAFE run failed,
 * 2 for a bad option or an unknown scenario.
 */
@Command(name = "race",
        description = {"Explore every interleaving of the race scenarios under each release policy.",
            "Exit status: 0 when every SAFE run is clean, 3 when any SAFE run fails."})
public final class RaceCommand implements Callable<Integer> {
    public static final int EXIT_CLEAN = 0;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_SAFE_FAILED = 3;

    @Option(names = "--scenario", paramLabel = "NAME|all", defaultValue = "all",
            description = "A scenario, a family such as ioctl-vs-destroy, or all (default). Scenarios: ${COMPLETION-CANDIDATES}",
            completionCandidates = ScenarioNames.class)
    String scenario = "all";

    @Option(names = "--policy", paramLabel = "legacy|epoch_only|safe|all", defaultValue = "all",
            description = "The release policy to explore under, or all (default).")
    String policy = "all";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--trace", description = "Print the first failing interleaving of each failing row as a step list (T1 | T2).")
    boolean trace;

    @Spec
    CommandSpec spec;

    private final Supplier<List<Scenario>> catalog;

    public RaceCommand() {
        this(Scenarios::all);
    }

    /** A command over another catalog of scenarios (tests: a deliberately broken driver). */
    RaceCommand(Supplier<List<Scenario>> catalog) {
        this.catalog = catalog;
    }

    /** Lists the scenario names for the help text. */
    static final class ScenarioNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        ScenarioNames() {
            super(Scenarios.names(Scenarios.all()));
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Scenario> all = catalog.get();
        List<Scenario> scenarios = Scenarios.select(all, scenario);
        if (scenarios.isEmpty()) {
            err.println("race: no scenario or family named " + scenario + "; scenarios: " + String.join(", ", Scenarios.names(all)));
            err.flush();
            return EXIT_USAGE;
        }
        List<Policy> policies = parsePolicies(policy);
        if (policies == null) {
            err.println("race: unknown policy " + policy + "; expected legacy, epoch_only, safe or all");
            err.flush();
            return EXIT_USAGE;
        }
        List<ExplorationResult> results = new ArrayList<>();
        ProgressLine progress = new ProgressLine(err, scenarios.size() * policies.size());
        Explorer explorer = new Explorer();
        for (Scenario s : scenarios) {
            for (Policy p : policies) {
                ExplorationResult r = explorer.explore(s, p, progress.start(s.name(), p));
                progress.finish(r);
                results.add(r);
            }
        }
        out.print(ResultTable.format(results));
        if (trace) {
            for (ExplorationResult r : results) {
                if (r.firstFailure() != null) {
                    out.println();
                    out.print(TracePrinter.format(r, summaryOf(scenarios, r.scenario())));
                }
            }
        }
        int code = summarize(results, out);
        out.flush();
        return code;
    }

    private static String summaryOf(List<Scenario> scenarios, String name) {
        for (Scenario s : scenarios) {
            if (s.name().equals(name)) {
                return s.summary();
            }
        }
        return "";
    }

    /** Prints the SAFE summary line and returns the exit status. */
    private static int summarize(List<ExplorationResult> results, PrintWriter out) {
        int runs = 0;
        int rows = 0;
        int divergences = 0;
        List<String> failed = new ArrayList<>();
        for (ExplorationResult r : results) {
            divergences += r.divergences();
            if (r.policy() == Policy.SAFE) {
                rows++;
                runs += r.explored();
                if (!r.clean()) {
                    failed.add(r.scenario());
                }
            }
        }
        out.println();
        if (divergences > 0) {
            out.println("note: " + divergences + " replay(s) met a thread that woke on its own schedule; counts may vary between runs");
        }
        if (rows == 0) {
            out.println("no SAFE runs requested");
            return EXIT_CLEAN;
        }
        if (failed.isEmpty()) {
            out.println("SAFE: " + runs + " interleavings over " + rows + " scenario(s), all clean");
            return EXIT_CLEAN;
        }
        out.println("SAFE FAILED in " + String.join(", ", failed));
        return EXIT_SAFE_FAILED;
    }

    /** The policies a {@code --policy} value names, or null when it names none. */
    static List<Policy> parsePolicies(String value) {
        String v = value.toUpperCase(Locale.ROOT).replace('-', '_');
        if (v.equals("ALL")) {
            return List.of(Policy.values());
        }
        for (Policy p : Policy.values()) {
            if (p.name().equals(v)) {
                return List.of(p);
            }
        }
        return null;
    }

    /**
     * The progress line on stderr: rewritten in place on a terminal, one line per finished
     * scenario and policy otherwise (so logs stay readable).
     */
    private static final class ProgressLine {
        private final PrintWriter err;
        private final int total;
        private final boolean terminal = System.console() != null;
        private int done;
        private long lastPrint;

        ProgressLine(PrintWriter err, int total) {
            this.err = err;
            this.total = total;
        }

        Explorer.Progress start(String scenario, Policy p) {
            String prefix = "race: [" + (done + 1) + "/" + total + "] " + scenario + " " + p + ": ";
            if (!terminal) {
                return Explorer.Progress.NONE;
            }
            return runs -> {
                long now = System.nanoTime();
                if (now - lastPrint > 100_000_000L) {
                    lastPrint = now;
                    err.print("\r\033[K" + prefix + runs + " interleavings");
                    err.flush();
                }
            };
        }

        void finish(ExplorationResult r) {
            done++;
            String line = "race: [" + done + "/" + total + "] " + r.scenario() + " " + r.policy() + ": "
                    + r.explored() + " interleavings, " + r.verdict();
            err.print(terminal ? "\r\033[K" + line + (done == total ? "\n" : "") : line + "\n");
            err.flush();
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RaceCommand()).execute(args));
    }
}
