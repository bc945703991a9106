package org.ifnet.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ifnet.drivers.Probe.info;
import static org.ifnet.drivers.Probe.status;
import static org.ifnet.drivers.Unchanged.assertRefused;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfInfo;
import org.ifnet.core.IfRef;
import org.ifnet.core.Ifnet;
import org.ifnet.core.LinkState;
import org.ifnet.core.NetStack;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.frame.Frame;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.ioctl.IfnetException;
import org.ifnet.core.ioctl.MediaReply;
import org.ifnet.core.lifecycle.IfState;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.core.media.MediaWord;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.tap.TapDevice;
import org.ifnet.drivers.tap.TapHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TapTest {
    private static final long PID = 4242;

    private static NetStack stack() {
        return DriverKit.TAP.newStack(Policy.SAFE, true);
    }

    @Test
    void theApplicationReadsWhatIsSentAndWritesInput() throws Exception {
        NetStack stack = stack();
        Captured in = Captured.install(stack);
        assertThat(stack.create("tap")).isEqualTo("tap0");
        DriverKit.up(stack, "tap0");
        try (TapHandle h = TapDevice.open(stack, "tap0", PID)) {
            assertThat(Captured.send(stack, "tap0", Frames.ipv4(stack, 60, 9))).isTrue();
            Frame f = h.read(1, TimeUnit.SECONDS);
            assertThat(Frames.bytes(f)).isEqualTo(Frames.ipv4Bytes(60, 9));
            f.free();
            assertThat(h.poll()).isNull();

            byte[] out = Frames.ipv4Bytes(30, 4);
            assertThat(h.write(out, 0, out.length)).isTrue();
            assertThat(h.write(Frames.ipv4(stack, 31, 5))).isTrue();
            assertThat(in.all()).extracting(Captured.In::ifname).containsExactly("tap0", "tap0");
            assertThat(in.all().get(0).bytes()).isEqualTo(out);

            assertThat(info(stack, "tap0").counters()).containsEntry(IfCounter.OPACKETS, 1L)
                    .containsEntry(IfCounter.OBYTES, 74L).containsEntry(IfCounter.IPACKETS, 2L)
                    .containsEntry(IfCounter.IBYTES, 44L + 45L);
        }
        Leaks.assertClosedClean(stack);
    }

    @Test
    void linkIsUpWhileOpenAndRunningWhenAlsoUp() {
        NetStack stack = stack();
        stack.create("tap0");
        assertThat(status(stack, "tap0")).isEmpty();
        TapHandle h = TapDevice.open(stack, "tap0", PID);
        assertThat(info(stack, "tap0").linkState()).isEqualTo(LinkState.UP);
        assertThat(status(stack, "tap0")).isEqualTo("Opened by PID 4242");
        assertThat(info(stack, "tap0").flags() & IfFlags.RUNNING).as("open but not UP").isZero();
        MediaReply m = stack.ioctl("tap0", new GenericRequest.GetMedia());
        assertThat(m.current()).isEqualTo(MediaWord.IFM_ETHER | MediaWord.IFM_AUTO);
        assertThat(m.status()).isEqualTo(MediaWord.IFM_AVALID | MediaWord.IFM_ACTIVE);

        DriverKit.up(stack, "tap0");
        assertThat(info(stack, "tap0").flags() & IfFlags.RUNNING).isNotZero();

        h.close();
        IfInfo closed = info(stack, "tap0");
        assertThat(closed.linkState()).isEqualTo(LinkState.DOWN);
        assertThat(closed.flags() & (IfFlags.RUNNING | IfFlags.UP)).as("tundtor takes it down").isZero();
        assertThat(status(stack, "tap0")).isEmpty();
        assertThat(stack.ioctl("tap0", new GenericRequest.GetMedia()).status()).isEqualTo(MediaWord.IFM_AVALID);
        assertThatThrownBy(h::poll).isInstanceOf(IllegalStateException.class);
        h.close(); // idempotent

        stack.ioctl("tap0", new GenericRequest.SetFlags(IfFlags.UP | IfFlags.LINK0));
        TapDevice.open(stack, "tap0", PID).close();
        assertThat(info(stack, "tap0").flags() & IfFlags.UP).as("LINK0 keeps it up").isNotZero();
        Leaks.assertClosedClean(stack);
    }

    @Test
    void aFullQueueDropsAndCountsOqdrops() throws Exception {
        NetStack stack = stack();
        stack.create("tap0");
        DriverKit.up(stack, "tap0");
        try (TapHandle h = TapDevice.open(stack, "tap0", PID)) {
            int cap = h.capacity();
            for (int i = 0; i < cap + 3; i++) {
                Captured.send(stack, "tap0", Frames.ipv4(stack, 20, i));
            }
            assertThat(h.pending()).isEqualTo(cap);
            assertThat(info(stack, "tap0").counters()).containsEntry(IfCounter.OQDROPS, 3L)
                    .containsEntry(IfCounter.OPACKETS, (long) cap);
            byte[] buf = new byte[100];
            assertThat(h.read(buf, 0, 1, TimeUnit.SECONDS)).isEqualTo(34);
            assertThat(buf[14]).isEqualTo((byte) 0);
        }
        assertThat(stack.framePool().outstanding()).as("closing frees the queued frames").isZero();
        Leaks.assertClosedClean(stack);
    }

    @Test
    void withoutAReaderTransmitIsAnOutputError() {
        NetStack stack = stack();
        stack.create("tap0");
        DriverKit.up(stack, "tap0");
        assertThat(Captured.send(stack, "tap0", Frames.ipv4(stack, 20, 0))).isFalse();
        assertThat(info(stack, "tap0").counters()).containsEntry(IfCounter.OERRORS, 1L);
        Leaks.assertClosedClean(stack);
    }

    @Test
    void destroyRevokesTheHandleAndReleasesEverything() throws Exception {
        NetStack stack = stack();
        stack.create("tap0");
        stack.create("tap1");
        DriverKit.up(stack, "tap0");
        Ifnet tap;
        try (IfRef r = stack.lookup("tap0")) {
            tap = r.ifp();
        }
        TapHandle h = TapDevice.open(stack, "tap0", PID);
        Captured.send(stack, "tap0", Frames.ipv4(stack, 20, 0));
        Captured.send(stack, "tap0", Frames.ipv4(stack, 20, 1));
        TapHandle idle = TapDevice.open(stack, "tap1", PID);
        CompletableFuture<Throwable> woken = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                idle.read(60, TimeUnit.SECONDS);
                woken.complete(null);
            } catch (Throwable t) {
                woken.complete(t);
            }
        }, "blocked-tap-reader");
        reader.start();
        while (reader.getState() != Thread.State.TIMED_WAITING && !woken.isDone()) {
            Thread.onSpinWait();
        }

        long releases = stack.releases();
        stack.destroy("tap0");
        stack.destroy("tap1");

        assertThat(woken.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(IfnetException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.ENXIO));
        assertThat(stack.releases() - releases).as("released with the handles still open").isEqualTo(2);
        assertThat(tap.state()).isEqualTo(IfState.RELEASED);
        assertThat(stack.framePool().outstanding()).as("queued frames freed").isZero();
        assertThat(h.isOpen()).isFalse();
        for (Runnable use : new Runnable[] {h::poll, () -> h.write(Frames.ipv4(stack, 20, 2)),
            () -> h.write(new byte[60], 0, 60)}) {
            assertThatThrownBy(use::run).isInstanceOfSatisfying(IfnetException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.ENXIO));
        }
        assertThatThrownBy(() -> h.read(1, TimeUnit.MILLISECONDS)).isInstanceOf(IfnetException.class);
        h.close();
        idle.close();
        assertThat(stack.leakReport().poisonedAccesses()).isZero();
        Leaks.assertClosedClean(stack);
    }

    /** The handle never reaches the softc after a destroy, so even LEGACY (softc freed at once) sees no use after free. */
    @ParameterizedTest
    @EnumSource(Policy.class)
    void aHandleUsedAfterDestroyGetsEnxioUnderEveryPolicy(Policy policy) {
        NetStack stack = DriverKit.TAP.newStack(policy, true);
        stack.create("tap0");
        DriverKit.up(stack, "tap0");
        TapHandle h = TapDevice.open(stack, "tap0", PID);
        Captured.send(stack, "tap0", Frames.ipv4(stack, 20, 0));
        stack.destroy("tap0");
        for (Runnable use : new Runnable[] {h::poll, () -> h.write(new byte[60], 0, 60)}) {
            assertThatThrownBy(use::run).isInstanceOfSatisfying(IfnetException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.ENXIO));
        }
        h.close();
        assertThat(stack.leakReport().poisonedAccesses()).isZero();
        Leaks.assertClosedClean(stack);
    }

    @Test
    void aHandleKeptAcrossRecreateNeverTouchesTheNewInterface() {
        NetStack stack = stack();
        stack.create("tap1");
        TapHandle old = TapDevice.open(stack, "tap1", PID);
        stack.destroy("tap1");
        stack.create("tap1");
        TapHandle fresh = TapDevice.open(stack, "tap1", PID + 1);
        assertThatThrownBy(() -> old.write(new byte[60], 0, 60)).isInstanceOf(IfnetException.class);
        old.close();
        assertThat(fresh.isOpen()).isTrue();
        assertThat(status(stack, "tap1")).isEqualTo("Opened by PID 4243");
        assertThat(info(stack, "tap1").linkState()).isEqualTo(LinkState.UP);
        fresh.close();
        Leaks.assertClosedClean(stack);
    }

    @Test
    void everyErrorLeavesTheTapAsItWas() {
        NetStack stack = stack();
        stack.create("tap1");
        stack.create("epair");
        DriverKit.up(stack, "tap1");
        TapHandle h = TapDevice.open(stack, "tap1", PID);
        String[] w = {"tap1", "epair0a"};
        int gigabit = MediaWord.IFM_ETHER | MediaWord.IFM_1000_T | MediaWord.IFM_FDX;
        assertRefused(stack, Errno.EBUSY, () -> TapDevice.open(stack, "tap1", PID), w);
        assertRefused(stack, Errno.ENXIO, () -> TapDevice.open(stack, "tap9", PID), w);
        assertRefused(stack, Errno.ENODEV, () -> TapDevice.open(stack, "epair0a", PID), w);
        assertRefused(stack, Errno.EINVAL, () -> TapDevice.open(stack, "tap1", 0), w);
        assertRefused(stack, Errno.EINVAL, () -> h.write(new byte[10], 0, 10), w);
        assertRefused(stack, Errno.EMSGSIZE, () -> h.write(new byte[1600], 0, 1600), w);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("tap1", new GenericRequest.SetMedia(gigabit)), w);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("tap1", new GenericRequest.SetMtu(65536)), w);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl("tap1", new GenericRequest.SetCap(org.ifnet.core.IfCap.TSO4)), w);
        assertRefused(stack, Errno.EEXIST, () -> stack.create("tap1"), w);
        assertRefused(stack, Errno.EINVAL, () -> stack.create("tap", CloneParams.of("pid", "1")), w);
        assertThat(stack.framePool().outstanding()).isZero();
        h.close();
        Leaks.assertClosedClean(stack);
    }
}
