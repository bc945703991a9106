package org.ifnet.tool.proto;

/**
 * Codecs for the stack-wide calls (create, destroy, listings, leak report), type ids 0x0001 to
 * 0x00ff. As for every codec, an id is never reused for another call.
 */
public final class StackCodecs {
    private StackCodecs() {
    }

    public static void register(CodecTable t) {
        t.register(new Codec<>(0x0001, Call.Create.class, Values.STRING) {
            public void writeRequest(Call.Create q, WireWriter w) {
                w.string(q.ifname());
                Values.PARAMS.write(q.params(), w);
            }

            public Call.Create readRequest(WireReader r) {
                return new Call.Create(r.string(), Values.PARAMS.read(r));
            }
        });
        t.register(new Codec<>(0x0002, Call.Destroy.class, Values.ACK) {
            public void writeRequest(Call.Destroy q, WireWriter w) { w.string(q.ifname()); }
            public Call.Destroy readRequest(WireReader r) { return new Call.Destroy(r.string()); }
        });
        t.register(new Codec.NoFields<>(0x0003, new Call.Interfaces(), Values.STRINGS));
        t.register(new Codec.NoFields<>(0x0004, new Call.Cloners(), Values.STRINGS));
        t.register(new Codec<>(0x0005, Call.GroupMembers.class, Values.STRINGS) {
            public void writeRequest(Call.GroupMembers q, WireWriter w) { w.string(q.group()); }
            public Call.GroupMembers readRequest(WireReader r) { return new Call.GroupMembers(r.string()); }
        });
        t.register(new Codec.NoFields<>(0x0006, new Call.Leaks(), Values.LEAKS));
    }
}
