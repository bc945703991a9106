package org.ifnet.bench;

import org.ifnet.core.IfType;
import org.ifnet.core.Ifnet;
import org.ifnet.core.MacAddress;
import org.ifnet.core.Softc;
import org.ifnet.core.clone.CloneContext;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.clone.SimpleCloner;
import org.ifnet.core.frame.Frame;

/**
 * A benchmark-only cloner: {@code bnN} interfaces whose softc holds nothing and does nothing.
 * It isolates the layer's own costs (registry, units, lifecycle) from any driver's, and its
 * unit limit (ten million) lets one stack hold the million interfaces of the lookup benchmark.
 */
public final class NoopCloner extends SimpleCloner {
    public static final String NAME = "bn";

    public NoopCloner() {
        super(NAME, 0, 10_000_000);
    }

    @Override
    public Ifnet create(CloneContext ctx, String name, int unit, CloneParams params) {
        params.requireOnly();
        IfSpec spec = new IfSpec(name, IfType.PROPVIRTUAL, 0, 1500, MacAddress.NONE, 0, 0, 0, unit);
        return ctx.attach(spec, new NoopSoftc());
    }

    /** No state, so nothing to tear down; transmit drops (and frees) every frame. */
    static final class NoopSoftc extends Softc {
        @Override
        protected boolean transmit(Frame f) {
            f.free();
            return false;
        }

        @Override
        protected void onRelease() {
        }
    }
}
