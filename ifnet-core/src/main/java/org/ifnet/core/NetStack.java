package org.ifnet.core;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.ifnet.core.clone.AdvancedCloner;
import org.ifnet.core.clone.CloneContext;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.clone.Cloner;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.clone.SimpleCloner;
import org.ifnet.core.frame.FramePool;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.lifecycle.Epoch;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.core.lifecycle.IfState;
import org.ifnet.core.lifecycle.Policy;

/**
 * One network stack (FreeBSD's vnet): the registry of interfaces and cloners, the lifecycle
 * engine, the generic request layer's entry point, one epoch, fail points and a frame pool.
 * Many stacks may live in one JVM; they share nothing.
 *
 * <p>Overview. Lookups read {@link #byName} (a ConcurrentHashMap) or the {@link IndexTable}
 * without locks and take a reference with one CAS ({@link Refcounted}). Structural changes
 * (attach, detach, rename, group membership) hold {@link #structure}, a short lock never held
 * while calling a driver or a listener. Destroy follows DESIGN section 2:
 * <pre>
 *   lookup + ref -> mark DYING (one winner) -> departure event -> driver detach (softc stays)
 *   -> unregister name, index, groups, unit (DETACHED) -> drop the registry's reference
 *   -> ... last reference dropped -> epoch grace period -> release hook (RELEASED)
 * </pre>
 * The release policy ({@link Policy}) changes only the last two steps, so LEGACY and
 * EPOCH_ONLY reproduce the seed's use after free with the same drivers.
 *
 * <p>Linearizability of create against lookup and destroy on one name. A destroy takes
 * effect when it marks the interface DYING (lookups fail from then on); a create takes effect
 * when it publishes the name. In between those points a name is in transition: a dying
 * interface still holds its name and unit until DETACHED, and a create in flight holds its
 * unit ({@link #reserved}) before the name is published. A create that meets either waits on
 * the monitor {@link #settled} for the transition to finish and then looks again, instead of
 * answering EEXIST for a name that lookups already (or still) call absent. Both waits end
 * without waiting for any reference holder (rule 4). A thread never waits for a transition it
 * runs itself (a departure listener creating the name its interface had gets EEXIST). Waiters
 * hold no other lock; whoever ends a transition changes the state first and then notifies
 * under the monitor, and waiters check the state under the monitor, so no wakeup is lost.
 *
 * <p>Leak accounting: interfaces that are DYING or DETACHED sit in {@link #dying} until
 * released; in tracking mode every open {@link IfRef} sits in {@link #liveRefs}.
 */
public final class NetStack implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NetStack.class.getName());
    private static final AtomicLong STACK_IDS = new AtomicLong();

    /** Builds a stack. Defaults: policy SAFE, no tracking, 2048-byte frames, 1M frames at most. */
    public static final class Builder {
        private String name = "stack" + STACK_IDS.incrementAndGet();
        private Policy policy = Policy.SAFE;
        private boolean tracking;
        private int frameCapacity = 2048;
        private int maxFrames = 1 << 20;

        public Builder name(String n) { name = n; return this; }
        public Builder policy(Policy p) { policy = p; return this; }
        public Builder tracking(boolean t) { tracking = t; return this; }
        public Builder frames(int capacity, int max) { frameCapacity = capacity; maxFrames = max; return this; }
        public NetStack build() { return new NetStack(this); }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final String name;
    private final Policy policy;
    private final boolean tracking;
    private final Epoch epoch;
    private final FailPoints failPoints = new FailPoints();
    private final FramePool framePool;
    private final GenericLayer generic = new GenericLayer(this);

    private final ReentrantLock structure = new ReentrantLock();
    /** Monitor notified when the name of a dying interface or a reserved unit is released. */
    private final Object settled = new Object();
    /** Units allocated by a create in flight and not yet handed over; written under {@link #structure}. */
    private final Map<UnitKey, Ctx> reserved = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Ifnet> byName = new ConcurrentHashMap<>();
    private final IndexTable indexes = new IndexTable();
    private final ConcurrentHashMap<String, Set<Ifnet>> groups = new ConcurrentHashMap<>();
    private volatile List<Cloner> cloners = List.of();
    private final CopyOnWriteArrayList<IfListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<Ifnet> dying = ConcurrentHashMap.newKeySet();
    private final Set<IfRef> liveRefs = ConcurrentHashMap.newKeySet();
    private volatile InputHandler inputHandler = InputHandler.DISCARD;
    private volatile boolean closed;

    private final AtomicLong poisonedAccesses = new AtomicLong();
    private final AtomicLong doubleCloses = new AtomicLong();
    private final AtomicLong releases = new AtomicLong();

    private NetStack(Builder b) {
        this.name = b.name;
        this.policy = b.policy;
        this.tracking = b.tracking;
        this.epoch = new Epoch(b.name);
        this.framePool = new FramePool(b.frameCapacity, b.maxFrames);
    }

    public String name() { return name; }
    public Policy policy() { return policy; }
    public boolean tracking() { return tracking; }
    public Epoch epoch() { return epoch; }
    public FailPoints failPoints() { return failPoints; }
    public FramePool framePool() { return framePool; }
    public InputHandler inputHandler() { return inputHandler; }
    public void setInputHandler(InputHandler h) { inputHandler = h == null ? InputHandler.DISCARD : h; }
    public void addListener(IfListener l) { listeners.add(l); }
    public void removeListener(IfListener l) { listeners.remove(l); }
    /** Release hooks run so far. */
    public long releases() { return releases.get(); }

    // ================================================================== cloners

    /**
     * Registers a cloner (if_clone_attach); a simple cloner's permanent units are created now.
     * EEXIST when a cloner of that name exists.
     */
    public void registerCloner(Cloner c) {
        structure.lock();
        try {
            for (Cloner o : cloners) {
                if (o.name().equals(c.name())) {
                    throw new IfnetException(Errno.EEXIST, "cloner " + c.name() + " is already registered");
                }
            }
            List<Cloner> n = new ArrayList<>(cloners);
            n.add(c);
            cloners = List.copyOf(n);
        } finally {
            structure.unlock();
        }
        if (c instanceof SimpleCloner) {
            for (int u = 0; u < ((SimpleCloner) c).minUnits(); u++) {
                create(c.name() + u, CloneParams.NONE);
            }
        }
    }

    /** Cloner names in registration order (SIOCIFGCLONERS). */
    public List<String> cloners() {
        List<String> out = new ArrayList<>();
        for (Cloner c : cloners) {
            out.add(c.name());
        }
        return out;
    }

    private Cloner clonerFor(String ifname) {
        for (Cloner c : cloners) {
            if (c.matches(ifname)) {
                return c;
            }
        }
        return null;
    }

    // ================================================================== create

    /** Creates an interface (SIOCIFCREATE); returns its name. */
    public String create(String ifname) {
        return create(ifname, CloneParams.NONE);
    }

    /**
     * Creates an interface (SIOCIFCREATE2) by name ("lagg0") or cloner name ("lagg": the
     * lowest free unit). Returns the created name ("epair0a" for "epair"). EINVAL for a bad
     * name or no matching cloner, EEXIST when the name or unit is taken, ENOSPC past the
     * cloner's last unit. A failed create leaves nothing behind.
     */
    public String create(String ifname, CloneParams params) {
        checkOpen();
        IfNames.check(ifname);
        while (true) {
            awaitNameSettled(ifname);
            Cloner c = clonerFor(ifname);
            if (c == null) {
                throw new IfnetException(Errno.EINVAL, "no cloner matches " + ifname);
            }
            Ctx ctx = new Ctx(c);
            try {
                Ifnet created;
                if (c instanceof SimpleCloner) {
                    SimpleCloner sc = (SimpleCloner) c;
                    int wanted = Cloner.parseUnit(ifname, c.name());
                    int unit = wanted >= 0 ? ctx.allocUnit(wanted) : allocUnitWithFreeName(ctx, c);
                    failPoints.hit(FailSite.CREATE_DRIVER, ifname);
                    created = sc.create(ctx, c.name() + unit, unit, params);
                } else {
                    failPoints.hit(FailSite.CREATE_DRIVER, ifname);
                    created = ((AdvancedCloner) c).create(ctx, ifname, params);
                }
                ctx.commit();
                return created.name();
            } catch (UnitSettled again) {
                ctx.rollback(); // another create held the unit and has finished: look again
            } catch (RuntimeException | Error e) {
                ctx.rollback();
                throw e;
            }
        }
    }

    /**
     * EEXIST when {@code ifname} names an attached interface. When the interface of that name
     * is dying, waits until it is detached (its name freed), unless this thread is the one
     * destroying it.
     */
    private void awaitNameSettled(String ifname) {
        Ifnet old = awaitNotDying(ifname);
        if (old != null) {
            throw new IfnetException(Errno.EEXIST, "interface " + ifname + " already exists");
        }
    }

    /**
     * Waits while {@code ifname} names a dying interface that another thread is destroying;
     * returns what the name then names (null for nothing). Call with no lock held.
     */
    private Ifnet awaitNotDying(String ifname) {
        Ifnet old = byName.get(ifname);
        if (old == null || !old.isDying()) {
            return old;
        }
        boolean interrupted = false;
        synchronized (settled) {
            while ((old = byName.get(ifname)) != null && old.isDying() && old.dyingBy() != Thread.currentThread()) {
                interrupted |= waitSettled();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return old;
    }

    /**
     * One wait on {@link #settled}, whose monitor the caller holds. The waits are short and
     * bounded by another create or destroy, so an interrupt is kept for later (returned
     * true) rather than abandoning the create half way.
     */
    private boolean waitSettled() {
        try {
            settled.wait();
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** Wakes creates waiting for a name or unit in transition. */
    private void notifySettled() {
        synchronized (settled) {
            settled.notifyAll();
        }
    }

    /** A unit of one cloner, as a key of {@link #reserved}. */
    private record UnitKey(Cloner cloner, int unit) {
    }

    /** Thrown inside create when the unit it wanted was held by another create that has now finished. */
    private static final class UnitSettled extends RuntimeException {
        UnitSettled() {
            super(null, null, false, false);
        }
    }

    /**
     * The lowest free unit whose name (prefix + unit) no other interface holds, as FreeBSD's
     * ifc_alloc_unit_next() skips names taken by renamed interfaces. Units skipped on the way
     * are held while searching, so that the next allocation moves on, and freed afterwards.
     */
    private int allocUnitWithFreeName(Ctx ctx, Cloner c) {
        List<Integer> skipped = new ArrayList<>(0);
        try {
            while (true) {
                int u = ctx.allocUnit(-1);
                if (!byName.containsKey(c.name() + u)) {
                    return u;
                }
                skipped.add(u);
            }
        } finally {
            for (int u : skipped) {
                ctx.freeUnit(u);
            }
        }
    }

    /** The context of one create or destroy; remembers what to undo if the driver fails. */
    private final class Ctx implements CloneContext {
        private final Thread owner = Thread.currentThread();
        private final Cloner cloner;
        private final List<Integer> units = new ArrayList<>(2);
        private final List<Ifnet> attached = new ArrayList<>(2);
        private final Set<Ifnet> claimed = new HashSet<>(2);

        Ctx(Cloner cloner) {
            this.cloner = cloner;
        }

        @Override
        public NetStack stack() {
            return NetStack.this;
        }

        /**
         * Allocates and reserves a unit (under the structure lock, so that a unit in use is
         * either reserved by a create in flight or owned by an interface). When the wanted
         * unit is reserved by another create in flight, waits for that create to attach it or
         * give it up, then throws {@link UnitSettled} so that create looks at the name again.
         */
        @Override
        public int allocUnit(int wanted) {
            Ctx holder;
            structure.lock();
            try {
                try {
                    int u = cloner.units().alloc(wanted);
                    reserved.put(new UnitKey(cloner, u), this);
                    units.add(u);
                    return u;
                } catch (IfnetException e) {
                    holder = e.errno() == Errno.EEXIST ? reserved.get(new UnitKey(cloner, wanted)) : null;
                    if (holder == null || holder.owner == Thread.currentThread()) {
                        throw e;
                    }
                }
            } finally {
                structure.unlock();
            }
            UnitKey key = new UnitKey(cloner, wanted);
            boolean interrupted = false;
            synchronized (settled) {
                while (reserved.get(key) == holder) {
                    interrupted |= waitSettled();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new UnitSettled();
        }

        @Override
        public void freeUnit(int unit) {
            if (units.remove((Integer) unit)) {
                release(List.of(unit));
            }
        }

        /** Gives reserved units back to the allocator and wakes creates waiting for them. */
        private void release(List<Integer> us) {
            if (us.isEmpty()) {
                return;
            }
            structure.lock();
            try {
                for (int u : us) {
                    cloner.units().free(u);
                    reserved.remove(new UnitKey(cloner, u), this);
                }
            } finally {
                structure.unlock();
            }
            notifySettled();
        }

        @Override
        public Ifnet attach(IfSpec spec, Softc softc) {
            Ifnet ifp = attachOne(cloner, spec, softc, this);
            units.remove((Integer) spec.unit());
            attached.add(ifp);
            return ifp;
        }

        @Override
        public boolean detach(Ifnet ifp) {
            if (!claimed.contains(ifp)) {
                if (!ifp.beginDying()) {
                    return false;
                }
                claimed.add(ifp);
            }
            detachOne(ifp);
            return true;
        }

        void claim(Ifnet ifp) {
            claimed.add(ifp);
        }

        void commit() {
            release(units);
            units.clear();
            for (Ifnet ifp : attached) {
                if (ifp.state() == IfState.ATTACHED) {
                    fire(l -> l.arrival(ifp));
                }
            }
            dropCreateRefs();
        }

        private void dropCreateRefs() {
            for (Ifnet ifp : attached) {
                if (ifp.dropOne()) {
                    finalRelease(ifp);
                }
            }
            attached.clear();
        }

        void rollback() {
            for (int i = attached.size() - 1; i >= 0; i--) {
                Ifnet ifp = attached.get(i);
                if (ifp.beginDying()) {
                    detachOne(ifp);
                }
            }
            dropCreateRefs();
            release(units);
            units.clear();
        }
    }

    /**
     * Publishes a new interface: the moment its create takes effect. Waits out a dying
     * interface of the same name (see the Overview); hands the create's reserved unit over.
     */
    private Ifnet attachOne(Cloner cloner, IfSpec spec, Softc softc, Ctx ctx) {
        IfNames.check(spec.name());
        boolean handedOver;
        Ifnet ifp;
        while (true) {
            awaitNotDying(spec.name());
            structure.lock();
            try {
                Ifnet old = byName.get(spec.name());
                if (old != null && old.isDying() && old.dyingBy() != Thread.currentThread()) {
                    continue; // a destroy began since we looked: wait for it (with no lock held)
                }
                if (old != null) {
                    throw new IfnetException(Errno.EEXIST, "interface " + spec.name() + " already exists");
                }
                int[] gen = new int[1];
                int index = indexes.alloc(gen);
                ifp = new Ifnet(this, cloner, softc, spec, index, gen[0]);
                softc.bind(ifp);
                // The create holds a reference until commit or rollback, taken before the
                // interface is published: once findable, a concurrent destroy must not release
                // the softc the driver is still configuring (the create-vs-destroy seed).
                ifp.retain();
                byName.put(spec.name(), ifp);
                indexes.publish(index, ifp);
                handedOver = spec.unit() >= 0 && reserved.remove(new UnitKey(cloner, spec.unit()), ctx);
                if (cloner != null) {
                    groups.computeIfAbsent(cloner.name(), k -> ConcurrentHashMap.newKeySet()).add(ifp);
                }
            } finally {
                structure.unlock();
            }
            if (handedOver) {
                notifySettled();
            }
            return ifp;
        }
    }

    // ================================================================== destroy

    /** Destroys an interface (SIOCIFDESTROY). ENXIO when it does not exist or is already dying. */
    public void destroy(String ifname) {
        try (IfRef ref = lookup(ifname)) {
            destroy(ref.ifp(), false);
        }
    }

    /**
     * Destroys an interface and waits up to {@code wait} for its release (rule 4). The
     * destroy itself never waits for holders; the report says who kept it alive.
     */
    public DestroyReport destroy(String ifname, Duration wait) {
        Ifnet ifp;
        try (IfRef ref = lookup(ifname)) {
            ifp = ref.ifp();
            destroy(ifp, false);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (ifp) {
            while (ifp.state() != IfState.RELEASED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    ifp.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (ifp.state() == IfState.RELEASED) {
            return new DestroyReport(ifname, true, 0, List.of());
        }
        return new DestroyReport(ifname, false, ifp.refcount(), holdersOf(ifp));
    }

    private void destroy(Ifnet ifp, boolean force) {
        Cloner c = ifp.cloner();
        if (!force && c != null) {
            String why = c.refuseDestroy(ifp);
            if (why != null) {
                throw new IfnetException(Errno.EINVAL, why);
            }
        }
        if (!ifp.beginDying()) {
            throw new IfnetException(Errno.ENXIO, "interface " + ifp.name() + " is already being destroyed");
        }
        Ctx ctx = new Ctx(c);
        ctx.claim(ifp);
        if (c == null) {
            ctx.detach(ifp);
        } else {
            try {
                c.destroy(ctx, ifp);
            } finally {
                if (ifp.state() == IfState.DYING) {
                    ctx.detach(ifp); // the driver forgot it or failed: finish the destroy it started
                }
            }
        }
    }

    /** Steps 2 to 6 of destroy for one interface already marked DYING by the caller. */
    private void detachOne(Ifnet ifp) {
        failPoints.hit(FailSite.DESTROY_DYING, ifp);
        fire(l -> l.departure(ifp));
        Softc sc = ifp.softc();
        sc.markDetached();
        try {
            sc.onDetach();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "driver detach of " + ifp.name() + " failed", e);
        }
        structure.lock();
        try {
            byName.remove(ifp.name(), ifp);
            indexes.free(ifp.index());
            for (String g : ifp.groups()) {
                Set<Ifnet> members = groups.get(g);
                if (members != null) {
                    members.remove(ifp);
                    if (members.isEmpty()) {
                        groups.remove(g, members);
                    }
                }
            }
            dying.add(ifp);
            if (ifp.unit() >= 0 && ifp.cloner() != null) {
                ifp.cloner().units().free(ifp.unit());
            }
            ifp.setState(IfState.DETACHED);
        } finally {
            structure.unlock();
        }
        notifySettled(); // creates waiting for this name or unit may go on
        failPoints.hit(FailSite.DESTROY_DETACHED, ifp);
        switch (policy) {
            case LEGACY:
                releaseSoftc(ifp, "destroy of " + ifp.name() + " on thread " + Thread.currentThread().getName()
                        + " (LEGACY: freed at once)");
                break;
            case EPOCH_ONLY:
                if (!epoch.inSection()) {
                    epoch.synchronize();
                }
                releaseSoftc(ifp, "destroy of " + ifp.name() + " on thread " + Thread.currentThread().getName()
                        + " (EPOCH_ONLY: freed after one grace period)");
                break;
            case SAFE:
            default:
                break;
        }
        if (ifp.dropOne()) {
            finalRelease(ifp);
        }
    }

    private void finalRelease(Ifnet ifp) {
        String by = "last reference dropped on thread " + Thread.currentThread().getName();
        epoch.callAfterGrace(() -> {
            releaseSoftc(ifp, by);
            synchronized (ifp) {
                ifp.setState(IfState.RELEASED);
                ifp.notifyAll();
            }
            dying.remove(ifp);
        });
    }

    /**
     * Runs the release hook once. A hook that throws has still run (the softc is poisoned):
     * the failure is logged and counted as a release, and never escapes into whoever dropped
     * the last reference, so the interface still reaches RELEASED.
     */
    private void releaseSoftc(Ifnet ifp, String by) {
        failPoints.hit(FailSite.RELEASE_HOOK, ifp);
        boolean ran;
        try {
            ran = ifp.softc().runRelease(by);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "release hook of " + ifp.name() + " failed", e);
            ran = true;
        }
        if (ran) {
            releases.incrementAndGet();
        }
    }

    // ================================================================== lookup and references

    /** Looks an interface up by name and takes a reference (ifunit_ref). ENXIO when absent or dying. */
    public IfRef lookup(String ifname) {
        IfRef r = find(ifname);
        if (r == null) {
            throw new IfnetException(Errno.ENXIO, "interface " + ifname + " does not exist");
        }
        return r;
    }

    /**
     * As {@link #lookup(String)}, but null instead of ENXIO.
     *
     * <p>An interface is found only under the name it has now. A rename publishes the new key
     * before it sets the name and removes the old key after, so for a moment both keys map to
     * the interface; checking the name makes the switch happen at the one volatile write of
     * the name: before it only the old name finds the interface, after it only the new one.
     */
    public IfRef find(String ifname) {
        Ifnet ifp = byName.get(ifname);
        if (ifp == null || !ifname.equals(ifp.name())) {
            return null;
        }
        failPoints.hit(FailSite.LOOKUP_FOUND, ifp);
        return ifp.retain() ? newRef(ifp) : null;
    }

    /**
     * Looks an interface up by index and generation (ifnet_byindex_ref). ENXIO when the index
     * is free, dying, or now belongs to a newer interface.
     */
    public IfRef lookup(int index, int generation) {
        Ifnet ifp = indexes.get(index);
        if (ifp == null || ifp.generation() != generation || !ifp.retain()) {
            throw new IfnetException(Errno.ENXIO, "no interface with index " + index + " generation " + generation);
        }
        return newRef(ifp);
    }

    /** Takes another reference on an interface the caller already holds (if_ref). */
    public IfRef ref(IfRef held) {
        Ifnet ifp = mine(held);
        if (!ifp.retain()) {
            throw new IfnetException(Errno.ENXIO, "interface " + ifp.name() + " is being destroyed");
        }
        return newRef(ifp);
    }

    private IfRef newRef(Ifnet ifp) {
        IfRef r = new IfRef(ifp, tracking);
        if (tracking) {
            liveRefs.add(r);
        }
        return r;
    }

    void dropRef(IfRef r) {
        if (tracking) {
            liveRefs.remove(r);
        }
        failPoints.hit(FailSite.REF_RELEASE, r);
        Ifnet ifp = r.target();
        if (ifp.dropOne()) {
            finalRelease(ifp);
        }
    }

    void countDoubleClose() {
        doubleCloses.incrementAndGet();
    }

    void countPoisonedAccess() {
        poisonedAccesses.incrementAndGet();
    }

    // ================================================================== requests

    /**
     * Sends a typed request through a held reference: to the generic layer first, then, for
     * the requests FreeBSD passes to if_ioctl and for driver requests, to the driver.
     * ENXIO when the interface is being destroyed. A request that fails changes nothing.
     */
    public <R> R ioctl(IfRef ref, IfRequest<R> req) {
        return generic.dispatch(mine(ref), req);
    }

    /**
     * The interface of a reference taken from this stack. A reference from another stack is
     * refused: this stack's generic layer would otherwise rename or regroup another stack's
     * interface in this stack's registry.
     */
    private Ifnet mine(IfRef ref) {
        Ifnet ifp = ref.ifp();
        if (ifp.stack() != this) {
            throw new IllegalArgumentException("reference to " + ifp.name() + " belongs to stack "
                    + ifp.stack().name() + ", not " + name);
        }
        return ifp;
    }

    /** Looks {@code ifname} up, sends the request, and drops the reference. */
    public <R> R ioctl(String ifname, IfRequest<R> req) {
        try (IfRef ref = lookup(ifname)) {
            return generic.dispatch(ref.ifp(), req);
        }
    }

    // ================================================================== structure for the generic layer

    void rename(Ifnet ifp, String newName) {
        IfNames.check(newName);
        String old;
        structure.lock();
        try {
            if (ifp.state() != IfState.ATTACHED) {
                throw new IfnetException(Errno.ENXIO, "interface " + ifp.name() + " is being destroyed");
            }
            if (byName.putIfAbsent(newName, ifp) != null) {
                throw new IfnetException(Errno.EEXIST, "interface " + newName + " already exists");
            }
            ifp.updateFlags(IfFlags.RENAMING, 0);
            failPoints.hit(FailSite.RENAME_RESERVED, ifp);
            old = ifp.name();
            ifp.setName(newName);
            byName.remove(old, ifp);
            ifp.updateFlags(0, IfFlags.RENAMING);
        } finally {
            structure.unlock();
        }
        fire(l -> l.renamed(ifp, old));
    }

    void addGroup(Ifnet ifp, String group) {
        IfNames.checkGroup(group);
        structure.lock();
        try {
            checkAttached(ifp);
            List<String> g = new ArrayList<>(ifp.groups());
            if (g.contains(group)) {
                throw new IfnetException(Errno.EEXIST, ifp.name() + " is already in group " + group);
            }
            g.add(group);
            ifp.setGroupsRaw(g.toArray(new String[0]));
            if (!group.equals("all")) {
                groups.computeIfAbsent(group, k -> ConcurrentHashMap.newKeySet()).add(ifp);
            }
        } finally {
            structure.unlock();
        }
    }

    void delGroup(Ifnet ifp, String group) {
        structure.lock();
        try {
            checkAttached(ifp);
            List<String> g = new ArrayList<>(ifp.groups());
            if (!g.remove(group)) {
                throw new IfnetException(Errno.ENOENT, ifp.name() + " is not in group " + group);
            }
            ifp.setGroupsRaw(g.toArray(new String[0]));
            Set<Ifnet> members = groups.get(group);
            if (members != null) {
                members.remove(ifp);
                if (members.isEmpty()) {
                    groups.remove(group, members);
                }
            }
        } finally {
            structure.unlock();
        }
    }

    private static void checkAttached(Ifnet ifp) {
        if (ifp.state() != IfState.ATTACHED) {
            throw new IfnetException(Errno.ENXIO, "interface " + ifp.name() + " is being destroyed");
        }
    }

    // ================================================================== listing

    /** Names of the attached interfaces, in index order. */
    public List<String> interfaces() {
        List<String> out = new ArrayList<>();
        for (Ifnet i : indexes.list()) {
            if (i.state() == IfState.ATTACHED) {
                out.add(i.name());
            }
        }
        return out;
    }

    /** Number of attached interfaces. */
    public int size() {
        return byName.size();
    }

    /**
     * Attached members of a group in index order. "all" always exists and holds every
     * attached interface that has not left it (FreeBSD lets an interface leave "all"). Dying
     * members are left out, as {@link #interfaces()} leaves them out. ENOENT for no such group.
     */
    public List<String> groupMembers(String group) {
        List<Ifnet> l;
        if (group.equals("all")) {
            l = indexes.list();
        } else {
            Set<Ifnet> members = groups.get(group);
            if (members == null || members.isEmpty()) {
                throw new IfnetException(Errno.ENOENT, "no group " + group);
            }
            l = new ArrayList<>(members);
            l.sort((a, b) -> Integer.compare(a.index(), b.index()));
        }
        List<String> out = new ArrayList<>(l.size());
        for (Ifnet i : l) {
            if (i.state() == IfState.ATTACHED && i.inGroup(group)) {
                out.add(i.name());
            }
        }
        return out;
    }

    /** Group names in use, "all" included. */
    public List<String> groups() {
        List<String> g = new ArrayList<>(groups.keySet());
        Collections.sort(g);
        g.add(0, "all");
        return g;
    }

    // ================================================================== events

    void fireLinkState(Ifnet ifp, LinkState s) {
        fire(l -> l.linkStateChanged(ifp, s));
    }

    private void fire(java.util.function.Consumer<IfListener> event) {
        for (IfListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "interface listener failed", e);
            }
        }
    }

    // ================================================================== leaks and close

    private List<String> holdersOf(Ifnet ifp) {
        List<String> out = new ArrayList<>();
        if (tracking) {
            for (IfRef r : liveRefs) {
                if (r.target() == ifp && !r.isClosed()) {
                    out.add(r.toString());
                }
            }
        } else {
            int held = ifp.refcount() - (ifp.state() == IfState.ATTACHED ? 1 : 0);
            if (held > 0) {
                out.add(held + " reference(s) to " + ifp.name() + " (enable tracking to see where they were taken)");
            }
        }
        return out;
    }

    /** What this stack holds now that it should not, given what has been destroyed. */
    public LeakReport leakReport() {
        List<String> held = new ArrayList<>();
        List<String> unreleased = new ArrayList<>();
        for (Ifnet ifp : indexes.list()) {
            held.addAll(holdersOf(ifp));
        }
        for (Ifnet ifp : dying) {
            held.addAll(holdersOf(ifp));
            if (!ifp.softc().isReleased()) {
                unreleased.add(ifp.name() + " (" + ifp.state() + ", " + ifp.refcount() + " reference(s))");
            }
        }
        return new LeakReport(held, unreleased, poisonedAccesses.get(), doubleCloses.get(), framePool.outstanding());
    }

    /**
     * Waits for deferred releases queued in epoch sections; returns when none is pending, i.e.
     * when every one has finished running (not merely been dequeued by the reclaimer), or
     * after {@link #QUIESCE_LIMIT_NANOS} when a reader never leaves its section.
     *
     * @throws IllegalStateException when called inside an epoch section
     */
    public void quiesce() {
        long deadline = System.nanoTime() + QUIESCE_LIMIT_NANOS;
        while (epoch.pending() > 0 && System.nanoTime() - deadline < 0) {
            if (epoch.drain() == 0) {
                LockSupport.parkNanos(100_000); // the reclaimer holds them: let it finish
            }
        }
    }

    /** How long {@link #quiesce()} waits for deferred releases at most. */
    private static final long QUIESCE_LIMIT_NANOS = 10_000_000_000L;

    /**
     * Destroys every interface (permanent ones too), waits for deferred releases, and fails
     * with a {@link LeakException} listing what is still held: references not closed, softcs
     * never released, poisoned accesses, double closes, frames not freed.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Ifnet> all = indexes.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            Ifnet ifp = all.get(i);
            if (ifp.retain()) {
                IfRef r = newRef(ifp);
                try {
                    destroy(ifp, true);
                } catch (IfnetException e) {
                    // another destroy got there first
                } finally {
                    r.close();
                }
            }
        }
        quiesce();
        LeakReport report = leakReport();
        if (!report.isClean()) {
            throw new LeakException(name, report);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IfnetException(Errno.ENXIO, "stack " + name + " is closed");
        }
    }

    /** For tests: the raw registry view of group sets. */
    Map<String, Set<Ifnet>> groupTable() {
        return groups;
    }
}
