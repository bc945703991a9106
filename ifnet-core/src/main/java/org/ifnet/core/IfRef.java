package org.ifnet.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.ifnet.core.ioctl.IfRequest;

/**
 * One counted reference to an interface, for try-with-resources. Each lookup returns a new
 * handle; each handle is closed exactly once. Closing it twice throws, naming where it was
 * taken, and never drops a second count.
 *
 * <p>Where it was taken: the thread always, and the full call stack when the stack runs in
 * tracking mode ({@code NetStack.Builder.tracking(true)}).
 */
public final class IfRef implements AutoCloseable {
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(IfRef.class, "closed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Ifnet ifp;
    private final String thread;
    private final Throwable site;
    @SuppressWarnings("unused") // through CLOSED
    private volatile int closed;

    IfRef(Ifnet ifp, boolean track) {
        this.ifp = ifp;
        this.thread = Thread.currentThread().getName();
        this.site = track ? new Throwable("reference to " + ifp.name() + " taken here") : null;
    }

    /** The interface; throws once this handle is closed. */
    public Ifnet ifp() {
        if (closed != 0) {
            throw new IllegalStateException("reference to " + ifp.name() + " used after close; " + where());
        }
        return ifp;
    }

    /** Sends a request through this reference (same as {@code stack.ioctl(this, req)}). */
    public <R> R ioctl(IfRequest<R> req) {
        return ifp.stack().ioctl(this, req);
    }

    public String name() {
        return ifp.name();
    }

    /** "taken by thread T1 at ..." */
    public String where() {
        if (site == null) {
            return "taken by thread " + thread + " (enable reference tracking for the call stack)";
        }
        StringBuilder sb = new StringBuilder("taken by thread ").append(thread).append(" at");
        StackTraceElement[] st = site.getStackTrace();
        int shown = 0;
        for (StackTraceElement e : st) {
            if (e.getClassName().startsWith("org.ifnet.core.NetStack") || e.getClassName().equals(IfRef.class.getName())) {
                continue;
            }
            sb.append("\n      ").append(e);
            if (++shown == 8) {
                break;
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (!CLOSED.compareAndSet(this, 0, 1)) {
            ifp.stack().countDoubleClose();
            throw new IllegalStateException("reference to " + ifp.name() + " closed twice; it was " + where());
        }
        ifp.stack().dropRef(this);
    }

    boolean isClosed() {
        return closed != 0;
    }

    Ifnet target() {
        return ifp;
    }

    @Override
    public String toString() {
        return ifp.name() + " (index " + ifp.index() + "), " + where();
    }
}
