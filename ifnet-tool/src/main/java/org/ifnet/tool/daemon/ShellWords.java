package org.ifnet.tool.daemon;

import java.util.ArrayList;
import java.util.List;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;

/**
 * The two levels of quoting in the configuration file, shell-like.
 *
 * <p>Words: separated by blanks; a word with anything but letters, digits and {@code ._:,/=+-}
 * is single-quoted, a single quote inside written as {@code '\''}, so
 * {@code description 'it'\''s the uplink'} is two words.
 *
 * <p>Values: a variable's value is double-quoted; inside, {@code \" \\ \$ \`} stand for
 * themselves and {@code \n \t \r} and {@code \xHH} for control characters, so every value,
 * a description with a newline included, stays on one line.
 */
final class ShellWords {
    private ShellWords() {
    }

    static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quoteWord(w));
        }
        return sb.toString();
    }

    static String quoteWord(String w) {
        if (!w.isEmpty() && w.chars().allMatch(ShellWords::plain)) {
            return w;
        }
        return "'" + w.replace("'", "'\\''") + "'";
    }

    private static boolean plain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "._:,/=+-".indexOf(c) >= 0;
    }

    /** Splits words as {@link #join} writes them (and as sh would: '..', "..", backslash). */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IfnetException(Errno.EINVAL, "unterminated ' in: " + s);
                }
                cur.append(s, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < s.length() && s.charAt(j) != '"'; j++) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    cur.append(s.charAt(j));
                }
                if (j >= s.length()) {
                    throw new IfnetException(Errno.EINVAL, "unterminated \" in: " + s);
                }
                i = j;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
                inWord = true;
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    /** {@code "value"} with the escapes described above. */
    static String quoteValue(String v) {
        StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"': case '\\': case '$': case '`':
                    sb.append('\\').append(c);
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    /** The value of {@code "..."} (escapes undone) or of a bare word. EINVAL when malformed. */
    static String unquoteValue(String q) {
        if (q.isEmpty() || q.charAt(0) != '"') {
            if (q.chars().anyMatch(c -> c == ' ' || c == '"' || c == '\'')) {
                throw new IfnetException(Errno.EINVAL, "a value with blanks or quotes needs double quotes: " + q);
            }
            return q;
        }
        if (q.length() < 2 || q.charAt(q.length() - 1) != '"') {
            throw new IfnetException(Errno.EINVAL, "unterminated \" in: " + q);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < q.length() - 1; i++) {
            char c = q.charAt(i);
            if (c == '"') {
                throw new IfnetException(Errno.EINVAL, "unescaped \" inside a value: " + q);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i + 1 >= q.length() - 1) {
                throw new IfnetException(Errno.EINVAL, "a value ends in a lone backslash: " + q);
            }
            char e = q.charAt(++i);
            switch (e) {
                case 'n': sb.append('\n'); break;
                case 't': sb.append('\t'); break;
                case 'r': sb.append('\r'); break;
                case 'x':
                    if (i + 2 >= q.length() - 1) {
                        throw new IfnetException(Errno.EINVAL, "short \\x escape in: " + q);
                    }
                    try {
                        sb.append((char) Integer.parseInt(q.substring(i + 1, i + 3), 16));
                    } catch (NumberFormatException ex) {
                        throw new IfnetException(Errno.EINVAL, "bad \\x escape in: " + q);
                    }
                    i += 2;
                    break;
                default: sb.append(e);
            }
        }
        return sb.toString();
    }
}
