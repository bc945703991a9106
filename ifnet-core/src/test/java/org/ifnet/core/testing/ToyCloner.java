package org.ifnet.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.ifnet.core.IfCap;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfType;
import org.ifnet.core.Ifnet;
import org.ifnet.core.MacAddress;
import org.ifnet.core.clone.CloneContext;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.clone.SimpleCloner;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * The test-only "toy" simple cloner: {@code toyN}, Ethernet-like, with {@link ToySoftc}.
 *
 * <p>Create parameters: {@code mtu=N} (72..9000), {@code lladdr=none} (an interface without a
 * link-level address, as lo), {@code fail=beforeAttach} or {@code fail=afterAttach} (the
 * driver throws, to test the layer's rollback). {@link #failDestroy} makes the driver's
 * destroy throw before it detaches anything. Every softc the layer attached is kept in {@link #softcs()} so that a
 * test can check each was released exactly once. {@link #beforeDestroy} runs inside destroy
 * after the destroyer took its reference and before DYING is set: a seam for interleavings.
 */
public final class ToyCloner extends SimpleCloner {
    public static final int CAPS = IfCap.RXCSUM | IfCap.TXCSUM | IfCap.VLAN_MTU;
    public static final int FLAGS = IfFlags.BROADCAST | IfFlags.SIMPLEX | IfFlags.MULTICAST;

    private final List<ToySoftc> softcs = new CopyOnWriteArrayList<>();
    private volatile Consumer<Ifnet> beforeDestroy = ifp -> { };
    private volatile boolean failDestroy;

    public ToyCloner() {
        this(0, 0x7fff);
    }

    public ToyCloner(int minUnits, int maxUnit) {
        super("toy", minUnits, maxUnit);
    }

    public List<ToySoftc> softcs() {
        return softcs;
    }

    /** Asserts that every softc this cloner made ran its release hook exactly once, alone. */
    public void assertAllReleasedOnce() {
        ToySoftc.assertReleasedOnce(softcs);
    }

    public void beforeDestroy(Consumer<Ifnet> hook) {
        beforeDestroy = hook;
    }

    public void failDestroy(boolean fail) {
        failDestroy = fail;
    }

    @Override
    public void destroy(CloneContext ctx, Ifnet ifp) {
        if (failDestroy) {
            throw new IfnetException(Errno.EBUSY, "toy: destroy failing on purpose");
        }
        super.destroy(ctx, ifp);
    }

    @Override
    public Ifnet create(CloneContext ctx, String name, int unit, CloneParams params) {
        params.requireOnly("mtu", "lladdr", "fail");
        int mtu = params.intValue("mtu", 1500, 72, 9000);
        String ll = params.get("lladdr");
        if (ll != null && !ll.equals("none")) {
            throw new IfnetException(Errno.EINVAL, "lladdr must be 'none', not '" + ll + "'");
        }
        long mac = ll == null ? MacAddress.generate(((long) ctx.stack().name().hashCode() << 16) ^ unit) : MacAddress.NONE;
        if ("beforeAttach".equals(params.get("fail"))) {
            throw new IfnetException(Errno.ENOMEM, "toy: failing on purpose before attaching " + name);
        }
        ToySoftc sc = new ToySoftc();
        Ifnet ifp = ctx.attach(new IfSpec(name, IfType.ETHER, FLAGS, mtu, mac, CAPS, IfCap.VLAN_MTU,
                1_000_000_000L, unit), sc);
        softcs.add(sc); // attached: from here on the layer owns its release
        if ("afterAttach".equals(params.get("fail"))) {
            throw new IfnetException(Errno.ENOMEM, "toy: failing on purpose after attaching " + name);
        }
        return ifp;
    }

    @Override
    public String refuseDestroy(Ifnet ifp) {
        beforeDestroy.accept(ifp);
        return super.refuseDestroy(ifp);
    }
}
