package org.ifnet.core.ioctl;

/**
 * A request that failed with an errno. A request that throws this has changed nothing.
 *
 * <p>The message is a human sentence; {@link #errno()} is what programs test.
 */
public final class IfnetException extends RuntimeException {
    private final Errno errno;

    public IfnetException(Errno errno, String message) {
        super(message, null, false, false);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }

    /** "EEXIST: interface lagg0 already exists". */
    @Override
    public String toString() {
        return errno.name() + ": " + getMessage();
    }

    public static IfnetException of(Errno errno, String message) {
        return new IfnetException(errno, message);
    }
}
