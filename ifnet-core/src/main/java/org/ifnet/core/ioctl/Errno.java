package org.ifnet.core.ioctl;

/**
 * The errno values ifnet returns, with FreeBSD's numbers and strerror(3) texts.
 *
 * <p>Meanings follow FreeBSD's ifioctl(): ENXIO means "no such interface, or it is dying";
 * ENOTTY means "this driver does not handle that request".
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ENXIO(6, "Device not configured"),
    ENOMEM(12, "Cannot allocate memory"),
    EBUSY(16, "Device busy"),
    EEXIST(17, "File exists"),
    ENODEV(19, "Operation not supported by device"),
    EINVAL(22, "Invalid argument"),
    ENOSPC(28, "No space left on device"),
    ENOTTY(25, "Inappropriate ioctl for device"),
    EPROTONOSUPPORT(43, "Protocol not supported"),
    EOPNOTSUPP(45, "Operation not supported"),
    ETIMEDOUT(60, "Operation timed out"),
    ENAMETOOLONG(63, "File name too long"),
    EPROTO(92, "Protocol error"),
    EMSGSIZE(40, "Message too long");

    private final int value;
    private final String text;

    Errno(int value, String text) {
        this.value = value;
        this.text = text;
    }

    /** FreeBSD's numeric value. */
    public int value() {
        return value;
    }

    /** FreeBSD's strerror(3) text, as ifconfig prints it. */
    public String text() {
        return text;
    }

    /** Looks an errno up by its symbolic name; EINVAL for an unknown one. */
    public static Errno byName(String name) {
        for (Errno e : values()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return EINVAL;
    }
}
