package org.ifnet.tool.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one batch line into words as a shell would for these simple cases: blanks separate
 * words, single and double quotes group (so {@code description "uplink to core"} is two
 * words), a backslash escapes the next character outside single quotes, and {@code #} at the
 * start of a word begins a comment that runs to the end of the line.
 */
public final class Tokens {
    private Tokens() {
    }

    /** The words of {@code line}; IllegalArgumentException for an unterminated quote. */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                break;
            } else if (c == '\'' || c == '"') {
                int end = line.indexOf(c, i + 1);
                if (c == '"') {
                    end = closingDoubleQuote(line, i + 1, cur);
                } else if (end >= 0) {
                    cur.append(line, i + 1, end);
                }
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated " + (c == '"' ? "double" : "single") + " quote");
                }
                inWord = true;
                i = end + 1;
            } else if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                cur.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Appends a double-quoted string's content (with \" and \\ escapes); returns the closing quote's index or -1. */
    private static int closingDoubleQuote(String line, int from, StringBuilder cur) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                cur.append(line.charAt(i + 1));
                i += 2;
            } else {
                cur.append(c);
                i++;
            }
        }
        return -1;
    }
}
