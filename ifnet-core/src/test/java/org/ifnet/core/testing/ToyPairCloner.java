package org.ifnet.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ifnet.core.IfType;
import org.ifnet.core.Ifnet;
import org.ifnet.core.MacAddress;
import org.ifnet.core.clone.AdvancedCloner;
import org.ifnet.core.clone.CloneContext;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * The test-only "tpair" advanced cloner: its own matcher ({@code tpair} or {@code tpairN},
 * N without leading zeros, up to five digits) and two interfaces per create, tpairNa and
 * tpairNb; destroying either end destroys both. {@code fail=afterFirst} or
 * {@code fail=afterBoth} makes the create throw part way, to test the layer's rollback.
 */
public final class ToyPairCloner extends AdvancedCloner {
    private final List<ToySoftc> softcs = new CopyOnWriteArrayList<>();

    public ToyPairCloner() {
        super("tpair", 99_999);
    }

    public List<ToySoftc> softcs() {
        return softcs;
    }

    /** Asserts that every softc this cloner made ran its release hook exactly once, alone. */
    public void assertAllReleasedOnce() {
        ToySoftc.assertReleasedOnce(softcs);
    }

    @Override
    public boolean matches(String ifname) {
        if (!ifname.startsWith("tpair")) {
            return false;
        }
        String digits = ifname.substring(5);
        if (digits.isEmpty()) {
            return true;
        }
        if (digits.length() > 5 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return false;
        }
        return digits.chars().allMatch(Character::isDigit);
    }

    @Override
    public Ifnet create(CloneContext ctx, String name, CloneParams params) {
        params.requireOnly("fail");
        String fail = params.get("fail");
        int wanted = name.length() == 5 ? -1 : Integer.parseInt(name.substring(5));
        int unit = ctx.allocUnit(wanted);
        ToySoftc a = new ToySoftc();
        ToySoftc b = new ToySoftc();
        Ifnet ia = ctx.attach(spec("tpair" + unit + "a", unit, 0xa), a);
        softcs.add(a);
        if ("afterFirst".equals(fail)) {
            throw new IfnetException(Errno.ENOMEM, "tpair: failing on purpose after the first end");
        }
        Ifnet ib = ctx.attach(spec("tpair" + unit + "b", -1, 0xb), b);
        softcs.add(b);
        a.pairWith(ib);
        b.pairWith(ia);
        if ("afterBoth".equals(fail)) {
            throw new IfnetException(Errno.ENOMEM, "tpair: failing on purpose after both ends");
        }
        return ia;
    }

    private static IfSpec spec(String name, int unit, int last) {
        long mac = (MacAddress.generate(unit + 1L) & ~0xffL) | last;
        return new IfSpec(name, IfType.ETHER, ToyCloner.FLAGS, 1500, mac, 0, 0, 1_000_000_000L, unit);
    }

    @Override
    public void destroy(CloneContext ctx, Ifnet ifp) {
        Ifnet peer = ((ToySoftc) ifp.softc()).peer();
        ctx.detach(ifp);
        if (peer != null) {
            ctx.detach(peer);
        }
    }
}
