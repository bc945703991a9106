package org.ifnet.core;

import java.util.List;

/**
 * What a stack still holds that it should not: references not closed (with where each was
 * taken, in tracking mode), softcs whose release hook never ran, accesses to released softcs,
 * handles closed twice, and frames not returned to the pool.
 */
public record LeakReport(List<String> heldReferences, List<String> unreleasedSoftcs,
                         long poisonedAccesses, long doubleCloses, long outstandingFrames) {
    public LeakReport {
        heldReferences = List.copyOf(heldReferences);
        unreleasedSoftcs = List.copyOf(unreleasedSoftcs);
    }

    public boolean isClean() {
        return heldReferences.isEmpty() && unreleasedSoftcs.isEmpty() && poisonedAccesses == 0
                && doubleCloses == 0 && outstandingFrames == 0;
    }

    @Override
    public String toString() {
        if (isClean()) {
            return "no leaks";
        }
        StringBuilder sb = new StringBuilder();
        if (!heldReferences.isEmpty()) {
            sb.append(heldReferences.size()).append(" reference(s) still held (close() was not called):\n");
            heldReferences.forEach(r -> sb.append("  ").append(r).append('\n'));
        }
        if (!unreleasedSoftcs.isEmpty()) {
            sb.append(unreleasedSoftcs.size()).append(" softc(s) never released:\n");
            unreleasedSoftcs.forEach(r -> sb.append("  ").append(r).append('\n'));
        }
        if (poisonedAccesses > 0) {
            sb.append(poisonedAccesses).append(" access(es) to released softcs (use after free)\n");
        }
        if (doubleCloses > 0) {
            sb.append(doubleCloses).append(" reference handle(s) closed twice\n");
        }
        if (outstandingFrames > 0) {
            sb.append(outstandingFrames).append(" frame(s) not returned to the pool\n");
        }
        return sb.toString().stripTrailing();
    }
}
