package org.ifnet.tool.ifconfig;

import java.util.List;

/**
 * A minimal JSON writer for {@code ifconfig --json}: objects, arrays, strings, numbers and
 * booleans, written in order into one line. Keys are written as given; strings are escaped
 * per RFC 8259. No dependency, few classes: ifconfig's start-up time matters.
 *
 * <p>State: {@code first[depth]} is true until the current container has its first element,
 * so commas go in the right places; {@code afterName} marks a pending value after a key.
 */
public final class Json {
    private final StringBuilder sb = new StringBuilder(256);
    private final boolean[] first = new boolean[32];
    private int depth;
    private boolean afterName;

    public Json beginObject() {
        element();
        sb.append('{');
        first[++depth] = true;
        return this;
    }

    public Json endObject() {
        sb.append('}');
        depth--;
        return this;
    }

    public Json beginArray() {
        element();
        sb.append('[');
        first[++depth] = true;
        return this;
    }

    public Json endArray() {
        sb.append(']');
        depth--;
        return this;
    }

    /** A key in the current object; the next call writes its value. */
    public Json name(String key) {
        element();
        string(key);
        sb.append(':');
        afterName = true;
        return this;
    }

    public Json value(String s) {
        element();
        if (s == null) {
            sb.append("null");
        } else {
            string(s);
        }
        return this;
    }

    public Json value(long n) {
        element();
        sb.append(n);
        return this;
    }

    public Json value(boolean b) {
        element();
        sb.append(b);
        return this;
    }

    public Json field(String key, String v) {
        return name(key).value(v);
    }

    public Json field(String key, long v) {
        return name(key).value(v);
    }

    public Json field(String key, boolean v) {
        return name(key).value(v);
    }

    public Json field(String key, List<String> values) {
        name(key).beginArray();
        for (String v : values) {
            value(v);
        }
        return endArray();
    }

    private void element() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (!first[depth]) {
                sb.append(',');
            }
            first[depth] = false;
        }
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
