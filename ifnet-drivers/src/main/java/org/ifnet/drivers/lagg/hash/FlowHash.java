package org.ifnet.drivers.lagg.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.StringJoiner;
import org.ifnet.core.frame.Frame;

/**
 * The flow hash lagg's loadbalance protocol spreads frames with (FreeBSD's
 * m_ether_tcpip_hash() and the lagghash layers l2, l3, l4).
 *
 * <p>Overview. One pass over the frame's bytes, in network byte order, with every read
 * bounds-checked against the frame's length, so a truncated or malformed frame is hashed on
 * what can be read and the hash never throws and never allocates. Layers:
 * <ul>
 * <li>{@link #L2}: destination and source MAC, and the VLAN id, whether carried out of band
 * ({@link Frame#hasVlanTag()}) or in an 802.1Q header (IEEE 802.1Q, section 9.6).</li>
 * <li>{@link #L3}: IPv4 source and destination (RFC 791); IPv6 source, destination and flow
 * label (RFC 8200).</li>
 * <li>{@link #L4}: the first four bytes of a TCP, UDP or SCTP header (both ports), never for a
 * fragment, so every fragment of a datagram stays with its flow. IPv6 extension headers
 * (hop-by-hop, routing, destination options, fragment, AH) are skipped to find the transport
 * header; ESP and unknown headers end the walk. FreeBSD stops at the first extension header.</li>
 * </ul>
 * A frame shorter than an Ethernet header hashes to the key's mix alone, as FreeBSD returns its
 * key. The mixing step is MurmurHash3's 32-bit block mix and finaliser, so that flows differing
 * in a single port spread evenly modulo any port count.
 */
public final class FlowHash {
    /** Hash the Ethernet addresses and the VLAN id (LAGG_F_HASHL2). */
    public static final int L2 = 0x1;
    /** Hash the IP addresses (and the IPv6 flow label) (LAGG_F_HASHL3). */
    public static final int L3 = 0x2;
    /** Hash the TCP, UDP or SCTP ports (LAGG_F_HASHL4). */
    public static final int L4 = 0x4;
    /** Every layer bit (LAGG_F_HASHMASK). */
    public static final int MASK = L2 | L3 | L4;

    private static final int ETHER_HDR = 14;
    private static final int TYPE_VLAN = 0x8100;
    private static final int TYPE_IPV4 = 0x0800;
    private static final int TYPE_IPV6 = 0x86dd;
    private static final int IPPROTO_HOPOPTS = 0;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;
    private static final int IPPROTO_ROUTING = 43;
    private static final int IPPROTO_FRAGMENT = 44;
    private static final int IPPROTO_AH = 51;
    private static final int IPPROTO_DSTOPTS = 60;
    private static final int IPPROTO_SCTP = 132;
    /** IPv4 more-fragments flag and fragment offset (IP_MF | IP_OFFMASK). */
    private static final int IPV4_FRAG_MASK = 0x3fff;
    /** IPv6 fragment header: offset bits and the M flag. */
    private static final int IPV6_FRAG_MASK = 0xfff9;
    private static final int IPV6_FLOWLABEL_MASK = 0x000f_ffff;
    /** Bound on IPv6 extension headers walked, so a crafted chain cannot loop long. */
    private static final int MAX_EXT_HEADERS = 8;

    /** Big-endian views of the frame's bytes: one bounds check and one load per field, not one per byte. */
    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private FlowHash() {
    }

    /**
     * The hash of {@code f} over {@code layers} ({@link #L2} | {@link #L3} | {@link #L4}),
     * seeded with {@code key}. Same flow, same key, same layers: same hash.
     */
    public static int hash(Frame f, int layers, int key) {
        byte[] b = f.buffer();
        int p = f.offset();
        int end = p + f.length();
        int h = key;
        if (end - p < ETHER_HDR) {
            return fmix(h);
        }
        if ((layers & L2) != 0) {
            h = mix(h, be32(b, p));          // destination, bytes 0..3
            h = mix(h, be32(b, p + 4));      // destination 4..5, source 0..1
            h = mix(h, be32(b, p + 8));      // source 2..5
        }
        int etype = be16(b, p + 12);
        p += ETHER_HDR;
        int vid = -1;
        if (f.hasVlanTag()) {
            vid = f.vlanTag() & 0xfff;
        } else if (etype == TYPE_VLAN) {
            if (p + 4 > end) {
                return fmix(h);
            }
            vid = be16(b, p) & 0xfff;
            etype = be16(b, p + 2);
            p += 4;
        }
        if (vid >= 0 && (layers & L2) != 0) {
            h = mix(h, vid);
        }
        if (etype == TYPE_IPV4) {
            h = ipv4(b, p, end, layers, h);
        } else if (etype == TYPE_IPV6) {
            h = ipv6(b, p, end, layers, h);
        }
        return fmix(h);
    }

    private static int ipv4(byte[] b, int p, int end, int layers, int h) {
        if ((layers & L3) != 0) {
            if (p + 16 <= end) {
                h = mix(h, be32(b, p + 12));
            }
            if (p + 20 <= end) {
                h = mix(h, be32(b, p + 16));
            }
        }
        if ((layers & L4) == 0 || p + 20 > end) {
            return h;
        }
        int hlen = (b[p] & 0x0f) << 2;
        if (hlen < 20 || (be16(b, p + 6) & IPV4_FRAG_MASK) != 0) {
            return h;
        }
        return ports(b, p + hlen, end, b[p + 9] & 0xff, h);
    }

    private static int ipv6(byte[] b, int p, int end, int layers, int h) {
        if (p + 40 > end) {
            if ((layers & L3) != 0) {
                for (int q = p + 8; q + 4 <= end; q += 4) { // whatever part of the addresses is there
                    h = mix(h, be32(b, q));
                }
            }
            return h;
        }
        if ((layers & L3) != 0) {
            for (int q = p + 8; q < p + 40; q += 4) {
                h = mix(h, be32(b, q));
            }
            h = mix(h, be32(b, p) & IPV6_FLOWLABEL_MASK);
        }
        if ((layers & L4) == 0) {
            return h;
        }
        int next = b[p + 6] & 0xff;
        int q = p + 40;
        for (int i = 0; i < MAX_EXT_HEADERS; i++) {
            switch (next) {
                case IPPROTO_HOPOPTS:
                case IPPROTO_ROUTING:
                case IPPROTO_DSTOPTS:
                    if (q + 2 > end) {
                        return h;
                    }
                    next = b[q] & 0xff;
                    q += ((b[q + 1] & 0xff) + 1) << 3;
                    break;
                case IPPROTO_AH:
                    if (q + 2 > end) {
                        return h;
                    }
                    next = b[q] & 0xff;
                    q += ((b[q + 1] & 0xff) + 2) << 2;
                    break;
                case IPPROTO_FRAGMENT:
                    if (q + 8 > end || (be16(b, q + 2) & IPV6_FRAG_MASK) != 0) {
                        return h;
                    }
                    next = b[q] & 0xff;
                    q += 8;
                    break;
                default:
                    return ports(b, q, end, next, h);
            }
        }
        return h;
    }

    private static int ports(byte[] b, int q, int end, int proto, int h) {
        if ((proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_SCTP) && q + 4 <= end) {
            h = mix(h, be32(b, q));
        }
        return h;
    }

    private static int be16(byte[] b, int at) {
        return (short) BE16.get(b, at) & 0xffff;
    }

    private static int be32(byte[] b, int at) {
        return (int) BE32.get(b, at);
    }

    private static int mix(int h, int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** "l2,l3,l4" as ifconfig prints lagghash; "" for no layer. */
    public static String names(int layers) {
        StringJoiner j = new StringJoiner(",");
        if ((layers & L2) != 0) {
            j.add("l2");
        }
        if ((layers & L3) != 0) {
            j.add("l3");
        }
        if ((layers & L4) != 0) {
            j.add("l4");
        }
        return j.toString();
    }

    /** The layer bit for "l2", "l3" or "l4"; 0 when unknown. */
    public static int bit(String name) {
        switch (name) {
            case "l2": return L2;
            case "l3": return L3;
            case "l4": return L4;
            default: return 0;
        }
    }
}
