package org.ifnet.tool.ifconfig;

import org.ifnet.core.ioctl.Errno;

/**
 * Why an ifconfig command stopped: FreeBSD's err(3) ("what: strerror") or errx(3) ("what"
 * alone). Either way ifconfig prints {@code ifconfig: } and the message to stderr and exits 1.
 * The errno is kept for {@code --json}; a grammar error (errx) carries EINVAL.
 */
public final class IfconfigException extends RuntimeException {
    private final Errno errno;
    private final boolean withStrerror;

    private IfconfigException(String what, Errno errno, boolean withStrerror) {
        super(what, null, false, false);
        this.errno = errno;
        this.withStrerror = withStrerror;
    }

    /** err(1, what): "what: Device not configured". */
    public static IfconfigException err(String what, Errno errno) {
        return new IfconfigException(what, errno, true);
    }

    /** errx(1, text): the text alone; EINVAL for --json. */
    public static IfconfigException errx(String text) {
        return new IfconfigException(text, Errno.EINVAL, false);
    }

    /** errx(1, text) with a known errno for --json ("interface lagg0 does not exist": ENXIO). */
    public static IfconfigException errx(String text, Errno errno) {
        return new IfconfigException(text, errno, false);
    }

    public Errno errno() {
        return errno;
    }

    /** The line after "ifconfig: ". */
    public String text() {
        return withStrerror ? getMessage() + ": " + errno.text() : getMessage();
    }
}
