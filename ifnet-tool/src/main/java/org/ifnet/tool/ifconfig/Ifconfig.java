package org.ifnet.tool.ifconfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfInfo;
import org.ifnet.core.IfType;
import org.ifnet.core.MacAddress;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.tool.client.ControlSocket;
import org.ifnet.tool.client.SocketClient;
import org.ifnet.tool.client.StackClient;

/**
 * {@code ifnet ifconfig}: FreeBSD's ifconfig(8) over a {@link StackClient}.
 *
 * <p>Overview. The command line is split by {@link Invocation} (leading options, then words).
 * Listing forms ({@code -a -l -C -g}, or no words) print; otherwise the first word names an
 * interface and the rest are applied in order from a table of words (FreeBSD's
 * {@code cmd_lookup}): each word takes no argument or the next word, clone words gather create
 * parameters until the first other word triggers the create, and media changes run after the
 * last word, as FreeBSD's callbacks do. The first error stops the command with FreeBSD's
 * message and exit status 1. The table is {@link BaseWords} plus each driver's
 * {@link IfconfigExtension}.
 *
 * <p>This class is on the path of every {@code bin/ifnet ifconfig} call, so it avoids
 * picocli and anything heavy: start-up time is the budget (DESIGN section 6).
 */
public final class Ifconfig {
    private final StackClient client;
    private final Invocation inv;
    private final PrintStream out;
    private final PrintStream err;
    private final List<IfconfigExtension> extensions;
    /** The word tables (FreeBSD's cmd list), built only when a command has words to apply. */
    private Map<String, Word> normalWords;
    private Map<String, Word> cloneWords;

    private Ifconfig(StackClient client, Invocation inv, PrintStream out, PrintStream err,
                     List<IfconfigExtension> extensions) {
        this.client = client;
        this.inv = inv;
        this.out = out;
        this.err = err;
        this.extensions = extensions;
    }

    private void buildWordTables() {
        normalWords = new HashMap<>();
        cloneWords = new HashMap<>();
        for (Word w : BaseWords.all()) {
            (w.cloneOp() ? cloneWords : normalWords).put(w.name(), w);
        }
        for (IfconfigExtension e : extensions) {
            for (Word w : e.words()) {
                (w.cloneOp() ? cloneWords : normalWords).put(w.name(), w);
            }
        }
    }

    /** Runs one ifconfig command against {@code client}; returns the exit status. */
    public static int run(StackClient client, String[] args, PrintStream out, PrintStream err) {
        return run(client, Arrays.asList(args), out, err);
    }

    public static int run(StackClient client, List<String> args, PrintStream out, PrintStream err) {
        Invocation inv;
        try {
            inv = Invocation.parse(args);
        } catch (Invocation.UsageException e) {
            return usage(err, e.getMessage(), args.contains("--json"), out);
        }
        return new Ifconfig(client, inv, out, err, Extensions.all()).execute();
    }

    /**
     * The command line's entry: connects to the daemon ({@code --socket PATH}, else
     * {@code IFNET_SOCKET}, else the default path) and runs the command there.
     */
    public static int runAgainstDaemon(String[] args, PrintStream out, PrintStream err) {
        List<String> list = Arrays.asList(args);
        Invocation inv;
        try {
            inv = Invocation.parse(list);
        } catch (Invocation.UsageException e) {
            return usage(err, e.getMessage(), list.contains("--json"), out);
        }
        Path socket = inv.socket() != null ? Path.of(inv.socket()) : ControlSocket.defaultPath();
        StackClient c;
        try {
            c = SocketClient.connect(socket);
        } catch (IfnetException e) {
            return new Ifconfig(null, inv, out, err, List.of()).fail(IfconfigException.errx(e.getMessage(), e.errno()));
        }
        try (c) {
            return new Ifconfig(c, inv, out, err, Extensions.all()).execute();
        }
    }

    private static int usage(PrintStream err, String why, boolean json, PrintStream out) {
        if (json) {
            out.println(JsonFormat.error(Errno.EINVAL.name(), why));
        } else {
            err.println("ifconfig: " + why);
            err.print(Invocation.usage());
        }
        return 1;
    }

    private int fail(IfconfigException e) {
        if (inv.json()) {
            out.println(JsonFormat.error(e.errno().name(), e.text()));
        } else {
            err.println("ifconfig: " + e.text());
        }
        return 1;
    }

    // ================================================================== the command

    /** Runs the command; any failure is printed FreeBSD's way and gives exit status 1. */
    private int execute() {
        try {
            return dispatch();
        } catch (IfconfigException e) {
            return fail(e);
        } catch (IfnetException e) { // a listing request failed (the daemon went away, say)
            return fail(IfconfigException.err(e.getMessage(), e.errno()));
        }
    }

    private int dispatch() {
        if (inv.cloners()) {
            printNames(client.cloners(), " ");
            return 0;
        }
        if (inv.group() != null) {
            return printGroup(inv.group());
        }
        if (inv.namesOnly() && (inv.all() || inv.media())) {
            return usage(err, "-l cannot be used with -a or -m", inv.json(), out);
        }
        if (inv.upOnly() && inv.downOnly()) {
            return usage(err, "-u and -d exclude each other", inv.json(), out);
        }
        List<String> words = inv.words();
        if (inv.all() || inv.namesOnly() || words.isEmpty()) {
            return list(words);
        }
        Session s = new Session(client, inv, err, words.get(0));
        try {
            configure(s, words.subList(1, words.size()));
        } finally {
            if (s.printName()) {
                out.println(inv.json() ? new Json().beginObject().field("name", s.name()).endObject() : s.name());
            }
        }
        return s.exitCode();
    }

    /** FreeBSD's main() for one named interface, then ifconfig() over its words. */
    private void configure(Session s, List<String> rest) {
        String ifname = s.name();
        if (rest.isEmpty()) {
            showOne(ifname); // the status query: one request fewer than a lookup first
            return;
        }
        Integer flags = flagsOf(ifname);
        if (flags == null) {
            if (isCreate(rest.get(0))) {
                if (ifname.length() >= 16) {
                    throw IfconfigException.errx(ifname + ": cloning name too long");
                }
                apply(s, rest, true);
                return;
            }
            throw noSuchInterface(ifname);
        }
        if (isCreate(rest.get(0))) {
            if (rest.size() == 1) {
                throw IfconfigException.errx("interface " + ifname + " already exists", Errno.EEXIST);
            }
            rest = rest.subList(1, rest.size()); // FreeBSD: configure the existing interface
        }
        if ((flags & IfFlags.CANTCONFIG) != 0 || !passesFilter(flags)) {
            return;
        }
        apply(s, rest, false);
    }

    private static IfconfigException noSuchInterface(String ifname) {
        return IfconfigException.errx("interface " + ifname + " does not exist", Errno.ENXIO);
    }

    /** {@code ifconfig IF}: its status, unless -d or -u filter it out. */
    private void showOne(String ifname) {
        IfInfo info;
        try {
            info = client.ioctl(ifname, new GenericRequest.GetInfo());
        } catch (IfnetException e) {
            if (e.errno() == Errno.ENXIO) {
                throw noSuchInterface(ifname);
            }
            throw Session.perror("ioctl (SIOCGIFFLAGS)", e.errno());
        }
        printIfShown(info);
    }

    /** Prints an interface's status unless it cannot be configured or -d / -u filter it out. */
    private void printIfShown(IfInfo info) {
        if ((info.flags() & IfFlags.CANTCONFIG) != 0 || !passesFilter(info.flags())) {
            return;
        }
        InterfaceStatus st;
        try {
            st = InterfaceStatus.read(client, info, inv.verbose(), extensions);
        } catch (IfnetException e) {
            return; // destroyed while being read
        }
        print(st);
    }

    private static boolean isCreate(String w) {
        return w.equals("create") || w.equals("plumb");
    }

    /** The interface's flags, or null when there is no such interface (if_nametoindex() == 0). */
    private Integer flagsOf(String ifname) {
        try {
            return client.ioctl(ifname, new GenericRequest.GetFlags());
        } catch (IfnetException e) {
            if (e.errno() == Errno.ENXIO) {
                return null;
            }
            throw Session.perror("ioctl (SIOCGIFFLAGS)", e.errno());
        }
    }

    private boolean passesFilter(int flags) {
        boolean up = (flags & IfFlags.UP) != 0;
        return !(inv.downOnly() && up) && !(inv.upOnly() && !up);
    }

    /** Applies the words in order (FreeBSD's ifconfig()); {@code iscreate} while a create is pending. */
    private void apply(Session s, List<String> words, boolean iscreate) {
        if (normalWords == null) {
            buildWordTables();
        }
        int i = 0;
        while (i < words.size()) {
            String w = words.get(i);
            Word word;
            if (iscreate) {
                word = cloneWords.get(w);
                if (word == null) {
                    s.createNow(); // the first ordinary word: create, then go on with it
                    iscreate = false;
                    continue;
                }
            } else {
                word = normalWords.get(w);
            }
            if (word == null) {
                throw IfconfigException.errx("unknown keyword: " + w
                        + " (see: ifnet ifconfig --help)");
            }
            if (word.arg() == Word.Arg.NEXT) {
                if (i + 1 >= words.size()) {
                    throw IfconfigException.errx("'" + w + "' requires argument");
                }
                word.action().apply(s, words.get(i + 1));
                i += 2;
            } else if (word.arg() == Word.Arg.OPTIONAL) {
                boolean has = i + 1 < words.size() && !normalWords.containsKey(words.get(i + 1));
                word.action().apply(s, has ? words.get(i + 1) : null);
                i += has ? 2 : 1;
            } else {
                word.action().apply(s, w);
                i++;
            }
        }
        s.createNow();
        s.runDeferred();
    }

    // ================================================================== listing

    private int list(List<String> words) {
        boolean etherOnly = false;
        if (words.size() > 1) {
            return usage(err, "too many arguments for a listing", inv.json(), out);
        }
        if (words.size() == 1) {
            if (!words.get(0).equals("ether") && !words.get(0).equals("link")) {
                return usage(err, "Address family '" + words.get(0) + "' unknown.", inv.json(), out);
            }
            etherOnly = words.get(0).equals("ether");
        }
        List<String> names = new ArrayList<>();
        for (String name : client.interfaces()) {
            IfInfo info;
            try {
                info = client.ioctl(name, new GenericRequest.GetInfo());
            } catch (IfnetException e) {
                continue; // destroyed since the list was taken
            }
            if (!inv.namesOnly()) {
                printIfShown(info);
            } else if ((info.flags() & IfFlags.CANTCONFIG) == 0 && passesFilter(info.flags())
                    && (!etherOnly || hasEtherAddress(info))) {
                names.add(name);
            }
        }
        if (inv.namesOnly()) {
            printNames(names, " ");
        }
        return 0;
    }

    /** -l ether: Ethernet and VLAN interfaces with a 6-byte address, as FreeBSD's main() filters. */
    private static boolean hasEtherAddress(IfInfo info) {
        return (info.type() == IfType.ETHER || info.type() == IfType.L2VLAN) && info.lladdr() != MacAddress.NONE;
    }

    private void print(InterfaceStatus st) {
        if (inv.json()) {
            out.println(JsonFormat.render(st, inv.verbose()));
        } else {
            out.print(TextFormat.render(st, inv.media()));
        }
    }

    /** -g GROUP: the members, one per line; nothing (and success) for an unknown group. */
    private int printGroup(String group) {
        List<String> members;
        try {
            members = client.groupMembers(group);
        } catch (IfnetException e) {
            if (e.errno() == Errno.ENOENT || e.errno() == Errno.EINVAL || e.errno() == Errno.ENOTTY) {
                members = List.of();
            } else {
                throw IfconfigException.err("SIOCGIFGMEMB", e.errno());
            }
        }
        printNames(members, "\n");
        return 0;
    }

    private void printNames(List<String> names, String sep) {
        if (inv.json()) {
            out.println(JsonFormat.names(names));
        } else if (!names.isEmpty() || sep.equals(" ")) {
            out.println(String.join(sep, names));
        }
    }
}
