package org.ifnet.drivers.lagg;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

final class Errnos {
    private Errnos() {
    }

    /** Asserts that {@code call} fails with {@code errno} and a message. */
    static void expect(Errno errno, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IfnetException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.errno()).as(e.toString()).isEqualTo(errno);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).isNotBlank();
        });
    }
}
