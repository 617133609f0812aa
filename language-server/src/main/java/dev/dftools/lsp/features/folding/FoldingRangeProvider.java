package dev.dftools.lsp.features.folding;

import dev.dftools.grammar.ast.Comment;
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lsp.document.DocumentSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;

/**
 * Folding ranges: whole stages, instructions spanning several lines (continuations), heredoc
 * bodies and blocks of two or more comment lines. At most one range starts on a line (clients
 * keep only one per start line), the larger first.
 */
public final class FoldingRangeProvider {

    public List<FoldingRange> foldingRanges(DocumentSnapshot snapshot) {
        List<FoldingRange> ranges = new ArrayList<>();
        Set<Integer> startLines = new HashSet<>();
        for (Stage stage : snapshot.ast().stages()) {
            add(ranges, startLines, stage.range(), FoldingRangeKind.Region);
        }
        for (Instruction i : snapshot.ast().instructions()) {
            add(ranges, startLines, i.range(), null);
            for (Heredoc h : i.heredocs()) {
                // from the line before the body (the opener's line) to the terminator
                SourceRange body = h.bodyRange();
                int end = h.terminator() != null ? h.terminator().startLine() : body.endLine();
                addLines(ranges, startLines, Math.max(h.opener().range().startLine(), body.startLine() - 1), end, null);
            }
        }
        List<Comment> comments = snapshot.ast().comments();
        int blockStart = -1;
        int previous = -2;
        for (Comment c : comments) {
            int line = c.range().startLine();
            if (line != previous + 1) {
                if (blockStart >= 0 && previous > blockStart) {
                    addLines(ranges, startLines, blockStart, previous, FoldingRangeKind.Comment);
                }
                blockStart = line;
            }
            previous = line;
        }
        if (blockStart >= 0 && previous > blockStart) {
            addLines(ranges, startLines, blockStart, previous, FoldingRangeKind.Comment);
        }
        ranges.sort(Comparator.comparingInt(FoldingRange::getStartLine));
        return ranges;
    }

    private static void add(List<FoldingRange> ranges, Set<Integer> startLines, SourceRange r, String kind) {
        int endLine = r.end().column() == 1 && r.endLine() > r.startLine() ? r.endLine() - 1 : r.endLine();
        addLines(ranges, startLines, r.startLine(), endLine, kind);
    }

    /** 1-based inclusive lines. */
    private static void addLines(List<FoldingRange> ranges, Set<Integer> startLines, int start, int end, String kind) {
        if (end <= start || !startLines.add(start)) {
            return;
        }
        FoldingRange f = new FoldingRange(start - 1, end - 1);
        if (kind != null) {
            f.setKind(kind);
        }
        ranges.add(f);
    }
}
