package org.ifnet.tool.proto;

import org.ifnet.core.ioctl.IfRequest;

/**
 * How one call type crosses the socket: its stable type id, how its fields are written and
 * read, and how its reply is. A codec for an {@link IfRequest} type writes only the request's
 * own fields; the interface name before them is the protocol's business ({@link Messages}).
 *
 * @param <Q> the request: an {@code IfRequest} record, or a stack {@link Call} record
 * @param <R> its reply
 */
public abstract class Codec<Q, R> {
    private final int typeId;
    private final Class<Q> type;
    private final ValueCodec<R> reply;

    protected Codec(int typeId, Class<Q> type, ValueCodec<R> reply) {
        if (typeId <= 0 || typeId > 0xffff) {
            throw new IllegalArgumentException("type id " + typeId + " is not in 1..65535");
        }
        this.typeId = typeId;
        this.type = type;
        this.reply = reply;
    }

    public final int typeId() {
        return typeId;
    }

    public final Class<Q> type() {
        return type;
    }

    /** True for a request on one interface: its body starts with the interface name. */
    public final boolean perInterface() {
        return IfRequest.class.isAssignableFrom(type);
    }

    public abstract void writeRequest(Q request, WireWriter w);

    public abstract Q readRequest(WireReader r);

    public final void writeReply(R value, WireWriter w) {
        reply.write(value, w);
    }

    public final R readReply(WireReader r) {
        return reply.read(r);
    }

    /** A request without fields, such as GetFlags: every instance is equal to {@code instance}. */
    public static final class NoFields<Q, R> extends Codec<Q, R> {
        private final Q instance;

        @SuppressWarnings("unchecked")
        public NoFields(int typeId, Q instance, ValueCodec<R> reply) {
            super(typeId, (Class<Q>) instance.getClass(), reply);
            this.instance = instance;
        }

        @Override
        public void writeRequest(Q request, WireWriter w) {
        }

        @Override
        public Q readRequest(WireReader r) {
            return instance;
        }
    }
}
