package org.ifnet.tool.proto;

/** Writes and reads one kind of value (a reply, or a field shared by several messages). */
public interface ValueCodec<T> {
    void write(T value, WireWriter w);

    T read(WireReader r);
}
