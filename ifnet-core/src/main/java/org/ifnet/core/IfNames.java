package org.ifnet.core;

import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/** Interface and group name rules (IFNAMSIZ 16 with the NUL). */
public final class IfNames {
    public static final int MAX_LEN = 15;

    private IfNames() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LEN) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** EINVAL with a sentence when {@code name} is not a valid interface name. */
    public static void check(String name) {
        if (!isValid(name)) {
            throw new IfnetException(Errno.EINVAL, "invalid interface name '" + name
                    + "': 1 to 15 letters, digits, '.', '_' or '-'");
        }
    }

    /** Group names follow interface names and must not end in a digit (if_addgroup). */
    public static void checkGroup(String group) {
        if (!isValid(group) || Character.isDigit(group.charAt(group.length() - 1))) {
            throw new IfnetException(Errno.EINVAL, "invalid group name '" + group
                    + "': 1 to 15 letters, digits, '.', '_' or '-', not ending in a digit");
        }
    }
}
