package dev.dftools.lint.fix;

import dev.dftools.lint.Finding;
import dev.dftools.lint.TextEdit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Applies the fixes of findings to a text. Overlapping fixes are skipped (the next run can apply them). */
public final class FixApplier {

    /** The new text and how many fixes went in. */
    public record Result(String text, int applied, int skipped) {
    }

    private FixApplier() {
    }

    public static Result apply(String text, List<Finding> findings) {
        List<TextEdit> accepted = new ArrayList<>();
        int applied = 0;
        int skipped = 0;
        for (Finding finding : findings) {
            if (finding.fix() == null) {
                continue;
            }
            List<TextEdit> edits = finding.fix().edits();
            if (edits.stream().anyMatch(e -> overlaps(e, accepted))) {
                skipped++;
                continue;
            }
            accepted.addAll(edits);
            applied++;
        }
        accepted.sort(Comparator.comparingInt((TextEdit e) -> e.range().start().offset()).reversed());
        StringBuilder out = new StringBuilder(text);
        for (TextEdit edit : accepted) {
            out.replace(edit.range().start().offset(), edit.range().end().offset(), edit.newText());
        }
        return new Result(out.toString(), applied, skipped);
    }

    private static boolean overlaps(TextEdit edit, List<TextEdit> others) {
        int s = edit.range().start().offset();
        int e = edit.range().end().offset();
        for (TextEdit o : others) {
            int os = o.range().start().offset();
            int oe = o.range().end().offset();
            boolean bothInsertsAtSamePoint = s == e && os == oe && s == os;
            if (bothInsertsAtSamePoint || (s < oe && os < e)) {
                return true;
            }
        }
        return false;
    }
}
