package org.ifnet.core;

/** Link state with FreeBSD's values (LINK_STATE_UNKNOWN, _DOWN, _UP). */
public enum LinkState {
    UNKNOWN(0), DOWN(1), UP(2);

    private final int value;

    LinkState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
