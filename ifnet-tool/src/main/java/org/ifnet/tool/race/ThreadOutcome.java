package org.ifnet.tool.race;

import org.ifnet.core.ioctl.Ack;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.UseAfterFreeError;

/**
 * How one scenario thread ended: a value, an errno, a use after free, or something no caller
 * should ever see (any other exception, or the explorer aborting a stuck run).
 *
 * <p>{@link #summary()} is the comparable form the oracles use: "ok VALUE", the errno's name,
 * "use after free", or the exception. Messages are left out of errno summaries on purpose:
 * two ENXIO answers are the same answer whatever sentence explains them.
 */
record ThreadOutcome(Kind kind, String value, Throwable error) {

    enum Kind { OK, ERRNO, USE_AFTER_FREE, UNEXPECTED, ABORTED }

    /** A normal return; null and {@link Ack} (nothing to say but "done") summarise as "ok". */
    static ThreadOutcome ok(Object value) {
        return new ThreadOutcome(Kind.OK, value == null || value instanceof Ack ? "" : value.toString(), null);
    }

    static ThreadOutcome of(Throwable t) {
        if (t instanceof IfnetException) {
            return new ThreadOutcome(Kind.ERRNO, ((IfnetException) t).errno().name(), t);
        }
        if (t instanceof UseAfterFreeError) {
            return new ThreadOutcome(Kind.USE_AFTER_FREE, t.getMessage(), t);
        }
        if (t instanceof Scheduler.Aborted) {
            return new ThreadOutcome(Kind.ABORTED, t.getMessage(), t);
        }
        return new ThreadOutcome(Kind.UNEXPECTED, t.toString(), t);
    }

    /** The comparable form: "ok VALUE", "ENXIO", "use after free", or the exception. */
    String summary() {
        switch (kind) {
            case OK:
                return value.isEmpty() ? "ok" : "ok " + value;
            case ERRNO:
                return value;
            case USE_AFTER_FREE:
                return "use after free";
            case ABORTED:
                return "aborted (" + value + ")";
            default:
                return "unexpected " + value;
        }
    }

    /** The summary plus the detail a reader of a trace wants (the errno's text, the victim). */
    String describe() {
        if (kind == Kind.ERRNO) {
            IfnetException e = (IfnetException) error;
            return e.errno().name() + " (" + e.errno().text() + ")";
        }
        if (kind == Kind.USE_AFTER_FREE) {
            return "USE AFTER FREE";
        }
        return summary();
    }
}
