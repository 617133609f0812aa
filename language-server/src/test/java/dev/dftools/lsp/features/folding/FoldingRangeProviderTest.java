package dev.dftools.lsp.features.folding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dftools.lsp.Cursor;
import java.util.List;
import org.eclipse.lsp4j.FoldingRange;
import org.junit.jupiter.api.Test;

class FoldingRangeProviderTest {

    @Test
    void stagesContinuationsHeredocsAndCommentBlocks() {
        List<FoldingRange> ranges = new FoldingRangeProvider().foldingRanges(Cursor.doc("""
                # one
                # two
                FROM alpine AS a
                RUN apk add \\
                    curl \\
                    git
                COPY <<EOF /x
                line
                EOF
                # single
                FROM alpine
                RUN true
                """));
        List<String> got = ranges.stream().map(r -> r.getStartLine() + "-" + r.getEndLine()
                + (r.getKind() == null ? "" : ":" + r.getKind())).toList();
        assertEquals(List.of("0-1:comment", "2-8:region", "3-5", "6-8", "10-11:region"), got);
    }
}
