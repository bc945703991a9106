package org.ifnet.tool.ifconfig;

/**
 * Lines a driver adds to an interface's status (FreeBSD's af_other_status hooks), in text and
 * as JSON fields. Where they go follows FreeBSD's order: lagg's before {@code groups:},
 * vlan's after it.
 */
public interface StatusSection {
    enum Slot { BEFORE_GROUPS, AFTER_GROUPS }

    Slot slot();

    /** Appends tab-indented lines, each ending in a newline. */
    void text(StringBuilder sb);

    /** Adds this section's fields to the interface's JSON object. */
    void json(Json j);
}
