package org.ifnet.tool.race;

import java.util.List;

/**
 * Prints a failing run as a step list with one column per thread (T1 | T2 | ...): each step
 * is the fail point the moving thread stopped at next, or how it ended.
 */
final class TracePrinter {
    private TracePrinter() {
    }

    static String format(ExplorationResult r, String summary) {
        ExplorationResult.FailedRun f = r.firstFailure();
        if (f == null) {
            return r.scenario() + " under " + r.policy() + ": no failing interleaving\n";
        }
        int n = r.threads();
        int[] width = new int[n];
        for (int c = 0; c < n; c++) {
            width[c] = ("T" + (c + 1)).length();
        }
        for (Scheduler.Step s : f.steps()) {
            width[s.worker()] = Math.max(width[s.worker()], s.text().length());
        }
        int stepWidth = Math.max(4, Integer.toString(f.steps().size()).length());
        StringBuilder sb = new StringBuilder();
        sb.append(r.scenario()).append(" under ").append(r.policy()).append(": first failing interleaving (")
                .append(f.number()).append(" of ").append(r.explored()).append(")\n");
        sb.append("  ").append(summary).append('\n');
        String[] cells = new String[n];
        for (int c = 0; c < n; c++) {
            cells[c] = "T" + (c + 1);
        }
        row(sb, "step", stepWidth, cells, width);
        List<Scheduler.Step> steps = f.steps();
        for (int i = 0; i < steps.size(); i++) {
            java.util.Arrays.fill(cells, "");
            cells[steps.get(i).worker()] = steps.get(i).text();
            row(sb, Integer.toString(i + 1), stepWidth, cells, width);
        }
        for (String p : f.problems()) {
            sb.append("  => ").append(p.replace("\n", "\n     ")).append('\n');
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String step, int stepWidth, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder("  ");
        l.append(" ".repeat(stepWidth - step.length())).append(step).append("  ");
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                l.append(" | ");
            }
            l.append(cells[c]).append(" ".repeat(width[c] - cells[c].length()));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
