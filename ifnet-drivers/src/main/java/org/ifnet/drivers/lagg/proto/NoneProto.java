package org.ifnet.drivers.lagg.proto;

import org.ifnet.core.Ifnet;
import org.ifnet.core.frame.Frame;

/** laggproto none: no port sends or receives; transmit drops and the lagg counts an error. */
final class NoneProto extends UnicastProto {
    @Override
    public LaggProto kind() {
        return LaggProto.NONE;
    }

    @Override
    Ifnet pick(Distribution d, Frame f) {
        return null;
    }

    @Override
    public boolean accept(Distribution d, Ifnet port) {
        return false;
    }

    @Override
    public int portFlags(Distribution d, Ifnet port) {
        return 0;
    }
}
