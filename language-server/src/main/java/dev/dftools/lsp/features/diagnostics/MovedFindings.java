package dev.dftools.lsp.features.diagnostics;

import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lint.Finding;
import dev.dftools.lint.Fix;
import dev.dftools.lint.TextEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Findings kept from one version of a document and shown on a newer one, where the text they are
 * about moved: {@link IncrementalLint}'s per-part findings and {@link ShellCheckCarryOver}'s.
 */
final class MovedFindings {

    private MovedFindings() {
    }

    /** True when the finding and every edit of its fix lie in [start, end]: only then can it move with that text. */
    static boolean inside(Finding f, int start, int end) {
        if (!inside(f.range(), start, end)) {
            return false;
        }
        Fix fix = f.fix();
        return fix == null || fix.edits().stream().allMatch(e -> inside(e.range(), start, end));
    }

    private static boolean inside(SourceRange range, int start, int end) {
        return range.start().offset() >= start && range.end().offset() <= end;
    }

    /** The finding with its range and its fix's edits placed by {@code place}. */
    static Finding moved(Finding f, UnaryOperator<SourceRange> place) {
        Fix fix = f.fix();
        Fix movedFix = null;
        if (fix != null) {
            List<TextEdit> edits = new ArrayList<>(fix.edits().size());
            for (TextEdit edit : fix.edits()) {
                edits.add(new TextEdit(place.apply(edit.range()), edit.newText()));
            }
            movedFix = new Fix(fix.description(), edits);
        }
        return new Finding(f.rule(), f.severity(), f.message(), place.apply(f.range()), movedFix);
    }
}
