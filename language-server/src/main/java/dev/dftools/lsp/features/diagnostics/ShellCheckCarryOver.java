package dev.dftools.lsp.features.diagnostics;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.lint.Finding;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ShellCheck's findings on one version of a document, to be shown on a newer version until that
 * version's own ShellCheck pass is done (a process: ~0.25 s after an edit on a 2,000-line file).
 * Without them every SC finding would vanish at each keystroke and come back a moment later.
 * <p>
 * Only the findings of parts (stages, as {@link IncrementalLint} splits the file) whose text the
 * edit left unchanged are carried, moved with their part (lines and offsets, fixes included); those
 * of an edited stage are left out until the pass reports them again. Identical texts are paired in
 * file order.
 *
 * @param generation the settings generation the findings were made with: other settings (ShellCheck
 *                   turned off, codes ignored) carry nothing
 * @param version    the document version checked (a later pass replaces an earlier one, not the reverse)
 */
record ShellCheckCarryOver(long generation, int version, Dockerfile file, List<Finding> findings) {

    ShellCheckCarryOver {
        findings = List.copyOf(findings);
    }

    /** The findings that still hold on {@code newer}, placed where their part now is. */
    List<Finding> onto(Dockerfile newer) {
        if (findings.isEmpty()) {
            return List.of();
        }
        int[] oldStarts = IncrementalLint.partStarts(file, file.stages());
        int[] delta = partDeltas(oldStarts, IncrementalLint.partStarts(newer, newer.stages()), newer);
        LineIndex lines = newer.lines();
        List<Finding> moved = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            int part = partOf(oldStarts, f.range().start().offset());
            if (delta[part] != Integer.MIN_VALUE && MovedFindings.inside(f, oldStarts[part], oldStarts[part + 1])) {
                int by = delta[part];
                moved.add(MovedFindings.moved(f, r -> lines.range(r.start().offset() + by, r.end().offset() + by)));
            }
        }
        return moved;
    }

    /** For each old part: how far its unchanged text moved, or MIN_VALUE when no new part has its text. */
    private int[] partDeltas(int[] oldStarts, int[] newStarts, Dockerfile newer) {
        Map<String, ArrayDeque<Integer>> newByText = new HashMap<>();
        for (int i = 0; i + 1 < newStarts.length; i++) {
            newByText.computeIfAbsent(newer.text().substring(newStarts[i], newStarts[i + 1]), t -> new ArrayDeque<>())
                    .add(newStarts[i]);
        }
        int[] delta = new int[oldStarts.length - 1];
        Arrays.fill(delta, Integer.MIN_VALUE);
        for (int i = 0; i < delta.length; i++) {
            ArrayDeque<Integer> same = newByText.get(file.text().substring(oldStarts[i], oldStarts[i + 1]));
            if (same != null && !same.isEmpty()) {
                delta[i] = same.poll() - oldStarts[i];
            }
        }
        return delta;
    }

    /** The last part starting at or before the offset (part 0, often empty, starts at 0 like the first stage). */
    private static int partOf(int[] starts, int offset) {
        int lo = 0;
        int hi = starts.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
