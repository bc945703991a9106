package org.ifnet.tool.race;

import java.util.List;
import org.ifnet.core.IfRef;
import org.ifnet.core.IfType;
import org.ifnet.core.Ifnet;
import org.ifnet.core.MacAddress;
import org.ifnet.core.Softc;
import org.ifnet.core.clone.CloneContext;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.clone.SimpleCloner;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfRequest;
import org.ifnet.core.ioctl.MediaReply;

/**
 * A driver that breaks rule 2 of the lifecycle the way FreeBSD's 2018 drivers did: it tears its
 * state down in detach (their ifcs_destroy) instead of the release hook, and its ioctl does not
 * take the softc lock. No release policy can save it; the explorer must say so even under SAFE.
 */
final class BrokenDriver {
    private BrokenDriver() {
    }

    static final class Cloner extends SimpleCloner {
        Cloner() {
            super("brk", 0, 100);
        }

        @Override
        public Ifnet create(CloneContext ctx, String name, int unit, CloneParams params) {
            return ctx.attach(new IfSpec(name, IfType.ETHER, 0, 1500, MacAddress.generate(unit), 0, 0, 0, unit), new Sc());
        }
    }

    static final class Sc extends Softc {
        private volatile int[] media = {0x20};

        @Override
        @SuppressWarnings("unchecked")
        protected <R> R ioctl(IfRequest<R> req) {
            if (req instanceof GenericRequest.GetMedia) {
                int m = media[0]; // no lock, no detached check: the bug
                return (R) new MediaReply(m, m, 0, List.of(m));
            }
            return super.ioctl(req);
        }

        @Override
        protected boolean transmit(Frame f) {
            f.free();
            return false;
        }

        @Override
        protected void onDetach() {
            media = null; // teardown outside the release hook: the other half of the bug
        }

        @Override
        protected void onRelease() {
        }
    }

    /** The seed's scenario on the broken driver. */
    static Scenario seedScenario() {
        return new Scenario("ioctl-vs-destroy/broken", "T1 get-media on brk1; T2 destroy brk1",
                s -> {
                    s.registerCloner(new Cloner());
                    s.create("brk1");
                },
                List.of(s -> {
                    try (IfRef r = s.lookup("brk1")) {
                        return r.ioctl(new GenericRequest.GetMedia());
                    }
                }, s -> {
                    s.destroy("brk1");
                    return null;
                }),
                Oracle.SERIALIZABLE);
    }
}
