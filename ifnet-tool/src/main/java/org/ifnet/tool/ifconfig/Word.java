package org.ifnet.tool.ifconfig;

/**
 * One word of ifconfig's grammar (FreeBSD's {@code struct cmd}): its name, whether it takes
 * the next word as its argument, whether it belongs to a create ("clone" words such as
 * {@code vlan 5} in {@code vlan0 create vlan 5 vlandev em0}), and what it does.
 */
public record Word(String name, boolean takesArg, boolean cloneOp, Action action) {

    /** What a word does to the interface being configured; {@code arg} is the word itself when it takes none. */
    @FunctionalInterface
    public interface Action {
        void apply(Session s, String arg);
    }

    public static Word plain(String name, Action a) {
        return new Word(name, false, false, a);
    }

    public static Word withArg(String name, Action a) {
        return new Word(name, true, false, a);
    }

    public static Word cloneWithArg(String name, Action a) {
        return new Word(name, true, true, a);
    }
}
