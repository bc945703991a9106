package org.ifnet.tool.race;

import java.util.List;

/** Prints exploration results as an aligned text table, one row per scenario and policy. */
final class ResultTable {
    private static final String[] HEADERS = {
        "scenario", "policy", "interleavings", "use-after-free", "leaked refs", "wrong result", "verdict"};
    /** Columns printed right-aligned (the counts). */
    private static final boolean[] NUMERIC = {false, false, true, true, true, true, false};

    private ResultTable() {
    }

    static String format(List<ExplorationResult> results) {
        String[][] rows = new String[results.size()][];
        for (int i = 0; i < rows.length; i++) {
            ExplorationResult r = results.get(i);
            rows[i] = new String[] {r.scenario(), r.policy().name(), Integer.toString(r.explored()),
                Integer.toString(r.useAfterFree()), Integer.toString(r.leaked()), Integer.toString(r.wrong()),
                r.verdict()};
        }
        int[] width = new int[HEADERS.length];
        for (int c = 0; c < HEADERS.length; c++) {
            width[c] = HEADERS[c].length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, HEADERS, width);
        for (String[] row : rows) {
            line(sb, row, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                l.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            l.append(NUMERIC[c] ? pad + cells[c] : cells[c] + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
