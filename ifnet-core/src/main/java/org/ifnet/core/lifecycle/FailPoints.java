package org.ifnet.core.lifecycle;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * Named sites in the code where a test can pause a thread, run code, or inject an error
 * (FreeBSD's fail(9)). Sites are strings, listed in {@link FailSite} for the layer; drivers
 * name their own.
 *
 * <p>Cost when nothing is armed: one volatile read of {@link #armed}. Armed actions live in a
 * concurrent map, so arming and firing may race freely. An {@link Observer} sees every site
 * passed while it is set; the race explorer uses it to schedule threads step by step.
 */
public final class FailPoints {

    /** Sees every site hit while armed; may block the calling thread (a scheduler). */
    @FunctionalInterface
    public interface Observer {
        void onSite(String site, Object arg);
    }

    /** What happens at an armed site. */
    public sealed interface Action permits Pause, Run, Inject {
    }

    /** Pauses the first thread (matching {@code when}) that arrives, until the gate opens. */
    public record Pause(Gate gate, Predicate<Object> when) implements Action {
    }

    /** Runs code on the thread that passes the site. */
    public record Run(Consumer<Object> code) implements Action {
    }

    /** Throws an IfnetException with {@code errno} on the thread that passes the site. */
    public record Inject(Errno errno) implements Action {
    }

    /**
     * A one-shot pause: the first matching thread to arrive waits in {@link #await} until a
     * test calls {@link #open()}. Later arrivals pass straight through.
     */
    public static final class Gate {
        private final String site;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);
        private volatile Thread holder;

        Gate(String site) {
            this.site = site;
        }

        synchronized boolean claim() {
            if (holder != null) {
                return false;
            }
            holder = Thread.currentThread();
            return true;
        }

        void await() {
            arrived.countDown();
            try {
                if (!opened.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("fail point " + site + " was never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits until a thread is paused here; false on timeout. */
        public boolean awaitArrival(long timeout, TimeUnit unit) throws InterruptedException {
            return arrived.await(timeout, unit);
        }

        public boolean arrived() {
            return arrived.getCount() == 0;
        }

        /** The thread paused (or that passed) here, or null. */
        public Thread holder() {
            return holder;
        }

        /** Lets the paused thread go on (and any later one: the gate stays open). */
        public void open() {
            opened.countDown();
        }
    }

    private final Map<String, Action> actions = new ConcurrentHashMap<>();
    private volatile boolean armed;
    private volatile Observer observer;

    /** Passes a site. */
    public void hit(String site) {
        if (armed) {
            fire(site, null);
        }
    }

    /** Passes a site with an argument the actions may look at (the request, the frame). */
    public void hit(String site, Object arg) {
        if (armed) {
            fire(site, arg);
        }
    }

    private void fire(String site, Object arg) {
        Observer o = observer;
        if (o != null) {
            o.onSite(site, arg);
        }
        Action a = actions.get(site);
        if (a == null) {
            return;
        }
        if (a instanceof Pause) {
            Pause p = (Pause) a;
            if (p.when().test(arg) && p.gate().claim()) {
                p.gate().await();
            }
        } else if (a instanceof Run) {
            ((Run) a).code().accept(arg);
        } else if (a instanceof Inject) {
            Errno e = ((Inject) a).errno();
            throw new IfnetException(e, "injected at fail point " + site);
        }
    }

    /** Pauses the first thread to reach {@code site}. */
    public Gate pause(String site) {
        return pause(site, arg -> true);
    }

    /** Pauses the first thread to reach {@code site} with an argument matching {@code when}. */
    public Gate pause(String site, Predicate<Object> when) {
        Gate g = new Gate(site);
        arm(site, new Pause(g, Objects.requireNonNull(when)));
        return g;
    }

    public void run(String site, Consumer<Object> code) {
        arm(site, new Run(code));
    }

    public void inject(String site, Errno errno) {
        arm(site, new Inject(errno));
    }

    public void setObserver(Observer o) {
        observer = o;
        armed = o != null || !actions.isEmpty();
    }

    private void arm(String site, Action a) {
        actions.put(site, a);
        armed = true;
    }

    public void clear(String site) {
        actions.remove(site);
        armed = observer != null || !actions.isEmpty();
    }

    public void clearAll() {
        actions.clear();
        armed = observer != null;
    }
}
