package org.ifnet.tool.proto;

import java.util.HashMap;
import java.util.Map;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * The registry of codecs, by stable type id (what the wire carries) and by Java type (what
 * the encoder sees). Type id ranges: 0x0001-0x00ff stack calls ({@link StackCodecs}),
 * 0x0100-0x01ff generic requests ({@link GenericCodecs}), 0x0200-0x02ff vlan, 0x0300-0x03ff
 * lagg; a driver's requests take a range of their own.
 *
 * <p>Filled once, then only read: safe to share between threads once published.
 */
public final class CodecTable {
    private final Map<Integer, Codec<?, ?>> byId = new HashMap<>();
    private final Map<Class<?>, Codec<?, ?>> byType = new HashMap<>();

    /** Every codec this build knows: stack calls, generic requests and the drivers' requests. */
    public static CodecTable standard() {
        CodecTable t = new CodecTable();
        StackCodecs.register(t);
        GenericCodecs.register(t);
        VlanCodecs.register(t);
        LaggCodecs.register(t);
        return t;
    }

    /** Adds a codec; IllegalArgumentException when its id or its type is taken. */
    public CodecTable register(Codec<?, ?> c) {
        if (byId.containsKey(c.typeId())) {
            throw new IllegalArgumentException("type id 0x" + Integer.toHexString(c.typeId())
                    + " is taken by " + byId.get(c.typeId()).type().getName());
        }
        if (byType.containsKey(c.type())) {
            throw new IllegalArgumentException(c.type().getName() + " already has a codec");
        }
        byId.put(c.typeId(), c);
        byType.put(c.type(), c);
        return this;
    }

    /** The codec for a type id, or null. */
    public Codec<?, ?> byId(int typeId) {
        return byId.get(typeId);
    }

    /** The codec for a request or call type; ENOTTY when it cannot cross the socket. */
    @SuppressWarnings("unchecked")
    public <Q> Codec<Q, ?> forType(Class<Q> type) {
        Codec<?, ?> c = byType.get(type);
        if (c == null) {
            throw new IfnetException(Errno.ENOTTY, "request " + type.getSimpleName()
                    + " has no wire codec, so it cannot be sent to the daemon");
        }
        return (Codec<Q, ?>) c;
    }

    public int size() {
        return byId.size();
    }
}
