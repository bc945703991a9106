package org.ifnet.core.ioctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.IfCap;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfInfo;
import org.ifnet.core.IfRef;
import org.ifnet.core.IfType;
import org.ifnet.core.Ifnet;
import org.ifnet.core.MacAddress;
import org.ifnet.core.NetStack;
import org.ifnet.core.Softc;
import org.ifnet.core.clone.CloneContext;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.clone.IfSpec;
import org.ifnet.core.clone.SimpleCloner;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.lifecycle.FailPoints;
import org.ifnet.core.lifecycle.FailSite;
import org.ifnet.core.media.MediaWord;
import org.ifnet.core.testing.Leaks;
import org.ifnet.core.testing.ToyCloner;
import org.ifnet.core.testing.ToySoftc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests (issue 2, item 6): every generic request with its typed reply; ENOTTY for what a
 * driver does not handle; ENXIO on a dying interface before the driver; and, for every error
 * path, the state before equals the state after (GetInfo snapshots, plus media where the
 * request is about media).
 */
@Timeout(60)
class RequestsTest {
    private static final int AUTO = MediaWord.IFM_ETHER | MediaWord.IFM_AUTO;
    private static final int GIG = MediaWord.IFM_ETHER | MediaWord.IFM_1000_T | MediaWord.IFM_FDX;

    private NetStack stack;
    private ToyCloner cloner;

    @BeforeEach
    void setUp() {
        stack = NetStack.builder().build();
        cloner = new ToyCloner();
        stack.registerCloner(cloner);
        stack.registerCloner(new PlainCloner());
        stack.create("toy0");
        stack.create("toy1");
        stack.create("toy", CloneParams.of("lladdr", "none")); // toy2, no link-level address
    }

    @AfterEach
    void tearDown() {
        stack.failPoints().clearAll();
        Leaks.assertClosedClean(stack);
        cloner.assertAllReleasedOnce();
    }

    private <R> R ioctl(String name, IfRequest<R> req) {
        return stack.ioctl(name, req);
    }

    private IfInfo info(String name) {
        return ioctl(name, new GenericRequest.GetInfo());
    }

    // ================================================================== every request, every reply

    @Test
    void everyGenericRequestWithItsReply() {
        int index;
        try (IfRef r = stack.lookup("toy0")) {
            index = r.ifp().index();
        }
        assertThat(ioctl("toy0", new GenericRequest.GetFlags())).isEqualTo(ToyCloner.FLAGS);
        assertThat(ioctl("toy0", new GenericRequest.SetFlags(IfFlags.UP))).isEqualTo(Ack.OK);
        assertThat(ioctl("toy0", new GenericRequest.GetFlags())).isEqualTo(0x8843);
        assertThat(ioctl("toy0", new GenericRequest.GetMtu())).isEqualTo(1500);
        assertThat(ioctl("toy0", new GenericRequest.SetMtu(1280))).isEqualTo(Ack.OK);
        assertThat(ioctl("toy0", new GenericRequest.GetMtu())).isEqualTo(1280);
        assertThat(ioctl("toy0", new GenericRequest.GetMetric())).isZero();
        assertThat(ioctl("toy0", new GenericRequest.SetMetric(3))).isEqualTo(Ack.OK);
        assertThat(ioctl("toy0", new GenericRequest.GetMetric())).isEqualTo(3);
        assertThat(ioctl("toy0", new GenericRequest.GetDescr())).isEmpty();
        assertThat(ioctl("toy0", new GenericRequest.SetDescr("core link"))).isEqualTo(Ack.OK);
        assertThat(ioctl("toy0", new GenericRequest.GetDescr())).isEqualTo("core link");
        assertThat(ioctl("toy0", new GenericRequest.GetMedia()))
                .isEqualTo(new MediaReply(AUTO, GIG, MediaWord.IFM_AVALID | MediaWord.IFM_ACTIVE, List.of(AUTO, GIG)));
        assertThat(ioctl("toy0", new GenericRequest.SetMedia(GIG))).isEqualTo(Ack.OK);
        assertThat(ioctl("toy0", new GenericRequest.GetMedia()).current()).isEqualTo(GIG);
        long mac = MacAddress.parse("02:11:22:33:44:55");
        assertThat(ioctl("toy0", new GenericRequest.SetLladdr(mac))).isEqualTo(Ack.OK);
        assertThat(ioctl("toy0", new GenericRequest.GetStatus())).isEqualTo("toy: 2 media");
        assertThat(ioctl("toy0", new GenericRequest.GetIndex())).isEqualTo(index);
        assertThat(ioctl("toy0", new GenericRequest.AddGroup("edge"))).isEqualTo(Ack.OK);
        assertThat(ioctl("toy0", new GenericRequest.GetGroups())).containsExactly("all", "toy", "edge");
        assertThat(ioctl("toy0", new GenericRequest.DelGroup("edge"))).isEqualTo(Ack.OK);
        assertThat(ioctl("toy0", new GenericRequest.GetCap())).isEqualTo(new CapReply(ToyCloner.CAPS, IfCap.VLAN_MTU));
        assertThat(ioctl("toy0", new GenericRequest.SetCap(IfCap.TXCSUM))).isEqualTo(Ack.OK);
        IfInfo i = info("toy0");
        assertThat(i.name()).isEqualTo("toy0");
        assertThat(i.driver()).isEqualTo("toy");
        assertThat(i.index()).isEqualTo(index);
        assertThat(i.type()).isEqualTo(IfType.ETHER);
        assertThat(i.flags()).isEqualTo(0x8843);
        assertThat(i.mtu()).isEqualTo(1280);
        assertThat(i.metric()).isEqualTo(3);
        assertThat(i.description()).isEqualTo("core link");
        assertThat(i.lladdr()).isEqualTo(mac);
        assertThat(i.capenable()).isEqualTo(IfCap.TXCSUM);
        assertThat(i.groups()).containsExactly("all", "toy");
        assertThat(ioctl("toy0", new GenericRequest.SetName("core0"))).isEqualTo(Ack.OK);
        assertThat(info("core0").index()).isEqualTo(index);
        // every GenericRequest type was sent above
        assertThat(GenericRequest.class.getPermittedSubclasses()).hasSize(20);
    }

    @Test
    void requestNamesAndMutation() {
        assertThat(new GenericRequest.GetMedia().ioctlName()).isEqualTo("SIOCGIFMEDIA");
        assertThat(new GenericRequest.GetMedia().mutates()).isFalse();
        assertThat(new GenericRequest.SetName("x").ioctlName()).isEqualTo("SIOCSIFNAME");
        assertThat(new GenericRequest.SetName("x").mutates()).isTrue();
        assertThat(Errno.ENXIO.value()).isEqualTo(6);
        assertThat(Errno.ENXIO.text()).isEqualTo("Device not configured");
        assertThat(Errno.ENOTTY.value()).isEqualTo(25);
        assertThat(Errno.EEXIST.text()).isEqualTo("File exists");
        assertThat(new IfnetException(Errno.EEXIST, "interface lagg0 already exists").toString())
                .isEqualTo("EEXIST: interface lagg0 already exists");
    }

    @Test
    void driverRequestsReachTheDriverAndUnknownOnesAreEnotty() {
        assertThat(ioctl("toy0", new ToySoftc.Ping())).isEqualTo("pong from toy0");
        IfInfo before = info("toy0");
        assertThat(errno(() -> ioctl("toy0", new ToySoftc.Unknown()))).isEqualTo(Errno.ENOTTY);
        assertThat(info("toy0")).isEqualTo(before);
        // a driver with no media support: the generic layer passes the request, the driver says ENOTTY
        stack.create("plain0");
        assertThat(errno(() -> ioctl("plain0", new GenericRequest.GetMedia()))).isEqualTo(Errno.ENOTTY);
        assertThat(errno(() -> ioctl("plain0", new GenericRequest.SetMedia(AUTO)))).isEqualTo(Errno.ENOTTY);
        assertThat(errno(() -> ioctl("plain0", new ToySoftc.Ping()))).isEqualTo(Errno.ENOTTY);
        assertThat(ioctl("plain0", new GenericRequest.GetStatus())).isEmpty();
    }

    @Test
    void everyRequestOnADyingInterfaceIsEnxioBeforeTheDriver() throws Exception {
        FailPoints.Gate g = stack.failPoints().pause(FailSite.DESTROY_DYING);
        try (IfRef ref = stack.lookup("toy0")) {
            ToySoftc sc = (ToySoftc) ref.ifp().softc();
            CompletableFuture<Void> d = CompletableFuture.runAsync(() -> stack.destroy("toy0"));
            assertThat(g.awaitArrival(10, TimeUnit.SECONDS)).isTrue();
            int reached = sc.requests();
            List<IfRequest<?>> all = List.of(new GenericRequest.GetFlags(), new GenericRequest.SetFlags(IfFlags.UP),
                    new GenericRequest.GetMtu(), new GenericRequest.SetMtu(1400), new GenericRequest.GetMetric(),
                    new GenericRequest.SetMetric(1), new GenericRequest.GetDescr(), new GenericRequest.SetDescr("x"),
                    new GenericRequest.SetName("gone0"), new GenericRequest.GetMedia(), new GenericRequest.SetMedia(GIG),
                    new GenericRequest.SetLladdr(0x020000000001L), new GenericRequest.GetStatus(),
                    new GenericRequest.GetIndex(), new GenericRequest.AddGroup("g"), new GenericRequest.DelGroup("toy"),
                    new GenericRequest.GetGroups(), new GenericRequest.GetCap(), new GenericRequest.SetCap(0),
                    new GenericRequest.GetInfo(), new ToySoftc.Ping());
            for (IfRequest<?> req : all) {
                assertThat(errno(() -> ref.ioctl(req))).as(req.ioctlName()).isEqualTo(Errno.ENXIO);
            }
            assertThat(sc.requests()).as("no request reached the driver").isEqualTo(reached);
            g.open();
            d.get(10, TimeUnit.SECONDS);
            assertThat(errno(() -> ref.ioctl(new GenericRequest.GetMedia()))).isEqualTo(Errno.ENXIO);
            assertThat(sc.requests()).isEqualTo(reached);
        }
        assertThat(errno(() -> ioctl("toy0", new GenericRequest.GetFlags()))).isEqualTo(Errno.ENXIO);
    }

    // ================================================================== failed requests change nothing

    /** Sends {@code req} to {@code name}, expects {@code errno}, and checks that nothing changed. */
    private void failsAndChangesNothing(String name, IfRequest<?> req, Errno errno) {
        IfInfo before = info(name);
        MediaReply mediaBefore = ioctl(name, new GenericRequest.GetMedia());
        List<String> names = stack.interfaces();
        List<String> groups = stack.groups();
        assertThat(errno(() -> ioctl(name, req))).as(req.toString()).isEqualTo(errno);
        assertThat(info(name)).as("state after a failed " + req).isEqualTo(before);
        assertThat((Object) ioctl(name, new GenericRequest.GetMedia())).as("media after " + req).isEqualTo(mediaBefore);
        assertThat(stack.interfaces()).as("interfaces after " + req).isEqualTo(names);
        assertThat(stack.groups()).as("groups after " + req).isEqualTo(groups);
    }

    @Test
    void badMtu() {
        failsAndChangesNothing("toy0", new GenericRequest.SetMtu(71), Errno.EINVAL);
        failsAndChangesNothing("toy0", new GenericRequest.SetMtu(65536), Errno.EINVAL);
        failsAndChangesNothing("toy0", new GenericRequest.SetMtu(-1), Errno.EINVAL);
        failsAndChangesNothing("toy0", new GenericRequest.SetMtu(9001), Errno.EINVAL); // the driver's maximum
    }

    @Test
    void badNamesAndRenameToAnExistingName() {
        failsAndChangesNothing("toy0", new GenericRequest.SetName("bad name"), Errno.EINVAL);
        failsAndChangesNothing("toy0", new GenericRequest.SetName(""), Errno.EINVAL);
        failsAndChangesNothing("toy0", new GenericRequest.SetName("abcdefghijklmnop"), Errno.EINVAL);
        failsAndChangesNothing("toy0", new GenericRequest.SetName("toy/1"), Errno.EINVAL);
        failsAndChangesNothing("toy0", new GenericRequest.SetName("toy1"), Errno.EEXIST);
        failsAndChangesNothing("toy0", new GenericRequest.SetName("toy0"), Errno.EEXIST);
        assertThat(stack.find("toy1")).isNotNull().satisfies(IfRef::close);
    }

    @Test
    void badLinkLevelAddresses() {
        failsAndChangesNothing("toy0", new GenericRequest.SetLladdr(0x01005e000001L), Errno.EINVAL); // multicast
        failsAndChangesNothing("toy0", new GenericRequest.SetLladdr(0xffffffffffffL), Errno.EINVAL); // broadcast
        failsAndChangesNothing("toy0", new GenericRequest.SetLladdr(1L << 48), Errno.EINVAL);        // > 48 bits
        failsAndChangesNothing("toy0", new GenericRequest.SetLladdr(-1L), Errno.EINVAL);
        failsAndChangesNothing("toy2", new GenericRequest.SetLladdr(0x020000000001L), Errno.EINVAL); // has none
    }

    @Test
    void capabilitiesNotSupported() {
        failsAndChangesNothing("toy0", new GenericRequest.SetCap(IfCap.TSO4), Errno.EINVAL);
        failsAndChangesNothing("toy0", new GenericRequest.SetCap(IfCap.VLAN_MTU | IfCap.LRO), Errno.EINVAL);
    }

    @Test
    void descriptionTooLong() {
        failsAndChangesNothing("toy0", new GenericRequest.SetDescr("x".repeat(1024)), Errno.ENAMETOOLONG);
        assertThat(ioctl("toy0", new GenericRequest.SetDescr("x".repeat(1023)))).isEqualTo(Ack.OK);
    }

    @Test
    void groupErrors() {
        ioctl("toy0", new GenericRequest.AddGroup("edge"));
        failsAndChangesNothing("toy0", new GenericRequest.AddGroup("edge"), Errno.EEXIST);
        failsAndChangesNothing("toy0", new GenericRequest.AddGroup("toy"), Errno.EEXIST);
        failsAndChangesNothing("toy0", new GenericRequest.DelGroup("core"), Errno.ENOENT);
        failsAndChangesNothing("toy0", new GenericRequest.AddGroup("edge2"), Errno.EINVAL);
        failsAndChangesNothing("toy0", new GenericRequest.AddGroup("bad group"), Errno.EINVAL);
    }

    @Test
    void unsupportedMedia() {
        failsAndChangesNothing("toy0", new GenericRequest.SetMedia(MediaWord.IFM_ETHER | MediaWord.IFM_10G_T), Errno.EINVAL);
    }

    @Test
    void aDriverRefusingSetFlagsGetsItsFlagsRestored() {
        ioctl("toy0", new GenericRequest.SetFlags(IfFlags.UP | IfFlags.LINK1));
        ((ToySoftc) cloner.softcs().get(0)).refuseFlags(IfFlags.LINK0);
        failsAndChangesNothing("toy0", new GenericRequest.SetFlags(IfFlags.LINK0), Errno.EINVAL);
        failsAndChangesNothing("toy0", new GenericRequest.SetFlags(IfFlags.UP | IfFlags.LINK0 | IfFlags.PROMISC), Errno.EINVAL);
        assertThat(IfFlags.names(ioctl("toy0", new GenericRequest.GetFlags())))
                .isEqualTo("UP,BROADCAST,RUNNING,SIMPLEX,LINK1,MULTICAST");
    }

    /**
     * Errors injected where a request enters the driver. (Not at ioctl.return: that site is
     * past the driver's commit point, so an error injected there reports a failure for a
     * request the driver has already applied; no real error path fails there.)
     */
    @Test
    void injectedErrorsAtTheDriverChangeNothing() {
        FailPoints fp = stack.failPoints();
        List<IfRequest<?>> mutating = List.of(new GenericRequest.SetFlags(IfFlags.UP | IfFlags.LINK2),
                new GenericRequest.SetMtu(9000), new GenericRequest.SetLladdr(0x02aabbccddeeL),
                new GenericRequest.SetCap(IfCap.RXCSUM), new GenericRequest.SetMedia(GIG),
                new GenericRequest.GetMedia(), new GenericRequest.GetStatus(), new ToySoftc.Ping());
        for (IfRequest<?> req : mutating) {
            IfInfo before = info("toy1");
            MediaReply media = ioctl("toy1", new GenericRequest.GetMedia());
            int reached = cloner.softcs().get(1).requests();
            fp.inject(FailSite.IOCTL_DRIVER, Errno.EBUSY);
            assertThat(errno(() -> ioctl("toy1", req))).as(req.toString()).isEqualTo(Errno.EBUSY);
            fp.clear(FailSite.IOCTL_DRIVER);
            assertThat(cloner.softcs().get(1).requests()).as("the driver never saw " + req).isEqualTo(reached);
            assertThat(info("toy1")).as("state after " + req + " failed").isEqualTo(before);
            assertThat(ioctl("toy1", new GenericRequest.GetMedia())).isEqualTo(media);
        }
    }

    // ================================================================== helpers

    private static Errno errno(Runnable r) {
        try {
            r.run();
        } catch (IfnetException e) {
            return e.errno();
        }
        throw new AssertionError("expected an IfnetException");
    }

    /** A driver that keeps the Softc defaults: no media, no driver requests. */
    private static final class PlainCloner extends SimpleCloner {
        PlainCloner() {
            super("plain", 0, 9);
        }

        @Override
        public Ifnet create(CloneContext ctx, String name, int unit, CloneParams params) {
            return ctx.attach(new IfSpec(name, IfType.PROPVIRTUAL, 0, 1500, MacAddress.NONE, 0, 0, 0, unit),
                    new Softc() {
                        @Override
                        protected boolean transmit(Frame f) {
                            f.free();
                            return false;
                        }

                        @Override
                        protected void onRelease() {
                        }
                    });
        }
    }
}
