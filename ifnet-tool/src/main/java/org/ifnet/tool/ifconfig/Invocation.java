package org.ifnet.tool.ifconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * An ifconfig command line split the way FreeBSD's main() splits it: leading getopt(3)
 * options ({@code -a -l -C -g GROUP -v -m -d -u}, also {@code -n -k}, accepted and ignored as
 * here there are no modules or keys), which stop at the first non-option, then the words
 * (interface name and its positional arguments). ifnet's own long options {@code --json} and
 * {@code --socket PATH} may appear anywhere, since no ifconfig word starts with two dashes.
 */
public record Invocation(boolean all, boolean namesOnly, boolean cloners, String group,
                         boolean verbose, boolean media, boolean downOnly, boolean upOnly,
                         boolean json, String socket, List<String> words) {

    /** A command line FreeBSD's ifconfig would answer with its usage text. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String why) {
            super(why, null, false, false);
        }
    }

    public Invocation {
        words = List.copyOf(words);
    }

    public static Invocation parse(List<String> args) {
        boolean all = false, names = false, cloners = false, verbose = false, media = false;
        boolean down = false, up = false, json = false;
        String group = null, socket = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--socket")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--socket requires a path");
                }
                socket = args.get(++i);
            } else if (a.startsWith("--socket=")) {
                socket = a.substring("--socket=".length());
            } else {
                rest.add(a);
            }
        }
        int i = 0;
        while (i < rest.size()) {
            String a = rest.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (a.length() < 2 || a.charAt(0) != '-') {
                break;
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                switch (c) {
                    case 'a': all = true; break;
                    case 'l': names = true; break;
                    case 'C': cloners = true; break;
                    case 'v': verbose = true; break;
                    case 'm': media = true; break;
                    case 'd': down = true; break;
                    case 'u': up = true; break;
                    case 'n': case 'k': break;
                    case 'g':
                        if (k + 1 < a.length()) {
                            group = a.substring(k + 1);
                        } else if (i + 1 < rest.size()) {
                            group = rest.get(++i);
                        } else {
                            throw new UsageException("option requires an argument -- g");
                        }
                        k = a.length();
                        break;
                    default:
                        throw new UsageException("illegal option -- " + c);
                }
            }
            i++;
        }
        return new Invocation(all, names, cloners, group, verbose, media, down, up, json, socket,
                rest.subList(i, rest.size()));
    }

    /** FreeBSD's usage(8) text, for a bad command line. */
    public static String usage() {
        return "usage: ifconfig [-C] [-g groupname] interface [parameters]\n"
                + "       ifconfig interface create [parameters]\n"
                + "       ifconfig -a [-C] [-g groupname] [-d] [-m] [-u] [-v]\n"
                + "       ifconfig -l [-d] [-u] [ether]\n"
                + "       ifconfig [-C] [-g groupname] [-d] [-m] [-u] [-v]\n"
                + "       (ifnet adds --json and --socket PATH; see: ifnet ifconfig --help)\n";
    }
}
