package org.ifnet.tool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.ifnet.tool.ifconfig.Ifconfig;
import org.ifnet.tool.ifconfig.IfconfigWords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The picocli model of {@code ifnet ifconfig}, for {@code --help} and completion. Running it
 * hands the original words to {@link Ifconfig}, which parses them as FreeBSD does (Main
 * normally dispatches there before picocli starts).
 */
@Command(name = "ifconfig", mixinStandardHelpOptions = true,
        description = {"Configure or show interfaces, as FreeBSD's ifconfig(8) does.",
            "Runs on the ifnet daemon (see 'ifnet daemon'). Words apply in order."},
        customSynopsis = {
            "ifnet ifconfig [-dmuv] [--json] [--socket PATH] INTERFACE [WORD [ARG]]...",
            "       ifnet ifconfig INTERFACE create [WORD [ARG]]...",
            "       ifnet ifconfig CLONER create [WORD [ARG]]...   (prints the new name)",
            "       ifnet ifconfig -a [-dmuv] [--json]",
            "       ifnet ifconfig -l [-du] [ether]",
            "       ifnet ifconfig -C | -g GROUP", ""},
        footer = {"",
            "Words:",
            "  create | plumb          create INTERFACE, or a unit of the cloner INTERFACE",
            "  destroy | unplumb       destroy INTERFACE",
            "  name NEWNAME            rename",
            "  up | down               set or clear the UP flag; also debug, promisc,",
            "                          link0-2, monitor, staticarp, arp, and -word forms",
            "  mtu N | metric N        set the MTU or the metric",
            "  description TEXT        set the description; -description removes it",
            "  ether MAC | lladdr MAC  set the link-level address",
            "  media TYPE              select a media type (10Gbase-T, autoselect, ...)",
            "  mediaopt OPTS           set media options (full-duplex); -mediaopt clears",
            "  group G | -group G      join or leave an interface group",
            "  rxcsum, txcsum, vlanmtu, vlanhwtag, lro, tso, ... (and -word): capabilities",
            "  vlan N vlandev IF       vlan: attach to a parent with a tag (at create too)",
            "  -vlandev [IF]           vlan: detach from the parent",
            "  laggproto PROTO         lagg: failover, loadbalance, roundrobin, broadcast,",
            "                          none",
            "  laggport IF             lagg: add a port; -laggport IF removes one",
            "  lagghash l2,l3,l4       lagg: the layers loadbalance hashes",
            "  use_flowid, flowid_shift N, rr_limit N, rx_all (and -use_flowid, -rx_all):",
            "                          lagg options",
            "",
            "Errors go to stderr as 'ifconfig: <what>: <errno text>', with exit status 1.",
            "--json prints one JSON object per interface per line; an error is",
            "  {\"error\":{\"errno\":\"EEXIST\",\"message\":\"...\"}} on stdout.",
            "The daemon's socket: --socket PATH, else $IFNET_SOCKET, else",
            "/run/ifnet/ifnet.sock for root, $XDG_RUNTIME_DIR/ifnet.sock or",
            "/tmp/ifnet-$USER/ifnet.sock for anyone else."})
final class IfconfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-a", description = "Show every interface.")
    boolean all;
    @Option(names = "-l", description = "List interface names on one line.")
    boolean names;
    @Option(names = "-C", description = "List the interface cloners.")
    boolean cloners;
    @Option(names = "-g", paramLabel = "GROUP", description = "List the members of an interface group.")
    String group;
    @Option(names = "-v", description = "Verbose: lagg options and statistics (and counters with --json).")
    boolean verbose;
    @Option(names = "-m", description = "Show capabilities and the supported media.")
    boolean media;
    @Option(names = "-d", description = "Only interfaces that are down.")
    boolean down;
    @Option(names = "-u", description = "Only interfaces that are up.")
    boolean up;
    @Option(names = "--json", description = "One JSON object per interface.")
    boolean json;
    @Option(names = "--socket", paramLabel = "PATH", description = "The daemon's control socket.")
    String socket;
    @Parameters(paramLabel = "WORD", arity = "0..*", completionCandidates = WordCandidates.class,
            description = "An interface name, then words and their arguments.")
    List<String> words;

    /** Every ifconfig word, for completion. */
    static final class WordCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return IfconfigWords.names().iterator();
        }
    }

    @Override
    public Integer call() {
        List<String> orig = spec.commandLine().getParseResult().originalArgs();
        List<String> rest = new ArrayList<>(orig);
        int at = rest.indexOf("ifconfig");
        List<String> args = at >= 0 ? rest.subList(at + 1, rest.size()) : rest;
        return Ifconfig.runAgainstDaemon(args.toArray(new String[0]), System.out, System.err);
    }
}
