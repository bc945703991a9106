/**
 * The control socket's wire protocol: framed, versioned, binary, big-endian.
 *
 * <p>Every frame is a 16-byte {@link org.ifnet.tool.proto.FrameHeader} (magic "IFNT", version,
 * kind, type id, correlation id, body length) and a body. A client sends REQUEST frames; the
 * daemon answers each, in order, with a REPLY (the typed value) or an ERROR (FreeBSD's errno
 * number and a sentence). Requests are at most 64 KiB, replies at most 16 MiB.
 *
 * <p>What crosses is the same typed requests as in-process: a {@link org.ifnet.tool.proto.Call}
 * is either an interface request ({@code IfRequest}: every {@code GenericRequest}, and driver
 * requests with a registered codec) or a stack call (create, destroy, listings, leak report).
 * {@link org.ifnet.tool.proto.CodecTable} maps each to a stable type id and a
 * {@link org.ifnet.tool.proto.Codec}; a driver adds its requests by registering codecs in its
 * own id range. Codecs are small classes rather than lambdas on purpose: the client runs once
 * per {@code ifnet ifconfig} call and lambda bootstrap is paid at start-up.
 *
 * <p>Decoding trusts nothing: every length is checked against what is left, strings must be
 * valid UTF-8, the body must be used exactly; anything else is EPROTO (unknown type ENOTTY,
 * too large EMSGSIZE).
 */
package org.ifnet.tool.proto;
