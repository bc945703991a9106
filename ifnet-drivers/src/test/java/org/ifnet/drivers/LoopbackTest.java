package org.ifnet.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ifnet.drivers.Unchanged.assertRefused;

import org.ifnet.core.IfCap;
import org.ifnet.core.IfCounter;
import org.ifnet.core.IfFlags;
import org.ifnet.core.IfInfo;
import org.ifnet.core.NetStack;
import org.ifnet.core.clone.CloneParams;
import org.ifnet.core.ioctl.DriverRequest;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.GenericRequest;
import org.ifnet.core.lifecycle.Policy;
import org.ifnet.core.testing.Leaks;
import org.ifnet.drivers.lo.LoopbackCloner;
import org.junit.jupiter.api.Test;

class LoopbackTest {

    private static NetStack stack() {
        return DriverKit.LO.newStack(Policy.SAFE, true);
    }

    @Test
    void framesSentComeBackAsInput() {
        NetStack stack = stack();
        Captured in = Captured.install(stack);
        String lo = stack.create("lo");
        DriverKit.up(stack, lo);
        assertThat(Captured.send(stack, lo, Frames.ipv4(stack, 50, 7))).isTrue();

        assertThat(in.all()).hasSize(1);
        assertThat(in.all().get(0).ifname()).isEqualTo(lo);
        assertThat(in.all().get(0).bytes()).isEqualTo(Frames.ipv4Bytes(50, 7));
        IfInfo info = stack.ioctl(lo, new GenericRequest.GetInfo());
        assertThat(info.counters()).containsEntry(IfCounter.OPACKETS, 1L).containsEntry(IfCounter.OBYTES, 64L)
                .containsEntry(IfCounter.IPACKETS, 1L).containsEntry(IfCounter.IBYTES, 64L);
        assertThat(info.flags() & IfFlags.RUNNING).isNotZero();
        Leaks.assertClosedClean(stack);
    }

    @Test
    void aDownLoopbackDropsAsOutputError() {
        NetStack stack = stack();
        Captured in = Captured.install(stack);
        String lo = stack.create("lo");
        assertThat(Captured.send(stack, lo, Frames.ipv4(stack, 10, 0))).isFalse();
        assertThat(in.all()).isEmpty();
        IfInfo info = stack.ioctl(lo, new GenericRequest.GetInfo());
        assertThat(info.counters()).containsEntry(IfCounter.OERRORS, 1L).containsEntry(IfCounter.OPACKETS, 0L);
        Leaks.assertClosedClean(stack);
    }

    /** A request no driver knows. */
    record Bogus() implements DriverRequest<String> {
        public String ioctlName() { return "SIOCBOGUS"; }
        public boolean mutates() { return false; }
    }

    @Test
    void everyErrorLeavesTheInterfaceAsItWas() {
        NetStack stack = stack();
        String lo = stack.create("lo1");
        DriverKit.up(stack, lo);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl(lo, new GenericRequest.SetMtu(LoopbackCloner.MAX_MTU + 1)), lo);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl(lo, new GenericRequest.SetMtu(71)), lo);
        assertRefused(stack, Errno.ENOTTY, () -> stack.ioctl(lo, new GenericRequest.SetMedia(0x20)), lo);
        assertRefused(stack, Errno.ENOTTY, () -> stack.ioctl(lo, new GenericRequest.GetMedia()), lo);
        assertRefused(stack, Errno.ENOTTY, () -> stack.ioctl(lo, new Bogus()), lo);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl(lo, new GenericRequest.SetLladdr(0x02_00_00_00_00_09L)), lo);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl(lo, new GenericRequest.SetCap(IfCap.RXCSUM)), lo);
        assertRefused(stack, Errno.EEXIST, () -> stack.ioctl(lo, new GenericRequest.AddGroup("lo")), lo);
        assertRefused(stack, Errno.ENOENT, () -> stack.ioctl(lo, new GenericRequest.DelGroup("nosuch")), lo);
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl(lo, new GenericRequest.AddGroup("grp1")), lo);
        assertRefused(stack, Errno.EEXIST, () -> stack.ioctl(lo, new GenericRequest.SetName("lo0")), lo, "lo0");
        assertRefused(stack, Errno.EINVAL, () -> stack.ioctl(lo, new GenericRequest.SetName("bad name")), lo);
        assertRefused(stack, Errno.EEXIST, () -> stack.create("lo1"), lo);
        assertRefused(stack, Errno.EINVAL, () -> stack.create("lo", CloneParams.of("mtu", "9000")), lo);
        assertRefused(stack, Errno.ENOSPC, () -> stack.create("lo40000"), lo);
        assertRefused(stack, Errno.EINVAL, () -> stack.destroy("lo0"), "lo0");
        assertRefused(stack, Errno.ENXIO, () -> stack.destroy("lo7"), lo);
        Leaks.assertClosedClean(stack);
    }
}
