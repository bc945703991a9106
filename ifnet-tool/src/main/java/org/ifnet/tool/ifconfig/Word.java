package org.ifnet.tool.ifconfig;

/**
 * One word of ifconfig's grammar (FreeBSD's {@code struct cmd}): its name, whether it takes
 * the next word as its argument (always: NEXTARG; if there is one that is not itself a word:
 * OPTARG), whether it belongs to a create ("clone" words such as {@code vlan 5} in
 * {@code vlan0 create vlan 5 vlandev em0}), and what it does.
 */
public record Word(String name, Arg arg, boolean cloneOp, Action action) {

    /** How a word takes an argument. */
    public enum Arg {
        NONE,
        /** The next word, which must be there (FreeBSD's NEXTARG). */
        NEXT,
        /**
         * The next word when there is one and it is not itself a word (FreeBSD's OPTARG takes
         * any next word; ifnet keeps a following word a word, so {@code -vlandev up} works).
         */
        OPTIONAL
    }

    /** What a word does to the interface being configured; {@code arg} is the word itself when it takes none. */
    @FunctionalInterface
    public interface Action {
        void apply(Session s, String arg);
    }

    public static Word plain(String name, Action a) {
        return new Word(name, Arg.NONE, false, a);
    }

    public static Word withArg(String name, Action a) {
        return new Word(name, Arg.NEXT, false, a);
    }

    /** A word whose argument may be left out; the action gets null then. */
    public static Word withOptionalArg(String name, Action a) {
        return new Word(name, Arg.OPTIONAL, false, a);
    }

    public static Word cloneWithArg(String name, Action a) {
        return new Word(name, Arg.NEXT, true, a);
    }
}
