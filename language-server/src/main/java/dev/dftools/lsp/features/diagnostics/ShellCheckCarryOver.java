package dev.dftools.lsp.features.diagnostics;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Finding;
import dev.dftools.lint.Fix;
import dev.dftools.lint.TextEdit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;

/**
 * ShellCheck's findings on one version of a document, to be shown on a newer version until that
 * version's own ShellCheck pass is done (a process: ~0.25 s after an edit on a 2,000-line file).
 * Without them every SC finding would vanish at each keystroke and come back a moment later.
 * <p>
 * Only the findings of stages whose text the edit left unchanged are carried, moved with their
 * stage (lines and offsets, fixes included); those of an edited stage are left out until the pass
 * reports them again. Identical stage texts are paired in file order.
 *
 * @param generation the settings generation the findings were made with: other settings (ShellCheck
 *                   turned off, codes ignored) carry nothing
 * @param version    the document version checked (a later pass replaces an earlier one, not the reverse)
 */
record ShellCheckCarryOver(long generation, int version, Dockerfile file, List<Finding> findings) {

    ShellCheckCarryOver {
        findings = List.copyOf(findings);
    }

    /** The findings that still hold on {@code newer}, placed where their stage now is. */
    List<Finding> onto(Dockerfile newer) {
        if (findings.isEmpty()) {
            return List.of();
        }
        int[] oldStarts = stageStarts(file);
        int[] newStarts = stageStarts(newer);
        int[] delta = stageDeltas(oldStarts, newStarts, newer);
        List<Finding> moved = new ArrayList<>(findings.size());
        LineIndex lines = newer.lines();
        for (Finding f : findings) {
            int stage = stageOf(oldStarts, f.range().start().offset());
            if (stage < 0 || delta[stage] == Integer.MIN_VALUE || !inside(f, oldStarts[stage], oldStarts[stage + 1])) {
                continue;
            }
            moved.add(move(f, delta[stage], lines));
        }
        return moved;
    }

    /** Where each stage's text starts, then the end of the file (see {@link Dockerfile#textStart}). */
    private static int[] stageStarts(Dockerfile file) {
        List<Stage> stages = file.stages();
        int[] starts = new int[stages.size() + 1];
        for (int i = 0; i < stages.size(); i++) {
            starts[i] = file.textStart(stages.get(i));
        }
        starts[stages.size()] = file.text().length();
        return starts;
    }

    /** For each old stage: how far its unchanged text moved, or MIN_VALUE when no new stage has its text. */
    private int[] stageDeltas(int[] oldStarts, int[] newStarts, Dockerfile newer) {
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

    /** The stage whose text holds the offset, or -1 (before the first stage). */
    private static int stageOf(int[] starts, int offset) {
        int at = Arrays.binarySearch(starts, 0, starts.length - 1, offset);
        return at >= 0 ? at : -at - 2;
    }

    private static boolean inside(Finding f, int start, int end) {
        if (!inside(f.range(), start, end)) {
            return false;
        }
        Fix fix = f.fix();
        return fix == null || fix.edits().stream().allMatch(e -> inside(e.range(), start, end));
    }

    private static boolean inside(SourceRange range, int start, int end) {
        return range.start().offset() >= start && range.end().offset() <= end;
    }

    private static Finding move(Finding f, int delta, LineIndex lines) {
        @Nullable Fix fix = f.fix();
        Fix movedFix = null;
        if (fix != null) {
            List<TextEdit> edits = new ArrayList<>(fix.edits().size());
            for (TextEdit edit : fix.edits()) {
                edits.add(new TextEdit(move(edit.range(), delta, lines), edit.newText()));
            }
            movedFix = new Fix(fix.description(), edits);
        }
        return new Finding(f.rule(), f.severity(), f.message(), move(f.range(), delta, lines), movedFix);
    }

    private static SourceRange move(SourceRange range, int delta, LineIndex lines) {
        return lines.range(range.start().offset() + delta, range.end().offset() + delta);
    }
}
