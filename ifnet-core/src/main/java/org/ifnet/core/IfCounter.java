package org.ifnet.core;

/** The per-interface counters (FreeBSD's ift_counter), in if_data order. */
public enum IfCounter {
    IPACKETS, IERRORS, OPACKETS, OERRORS, COLLISIONS, IBYTES, OBYTES, IMCASTS, OMCASTS,
    IQDROPS, OQDROPS, NOPROTO;

    static final IfCounter[] ALL = values();
}
