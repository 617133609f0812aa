package dev.dftools.lsp.features.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lsp.Cursor;
import dev.dftools.lsp.document.DocumentSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensDelta;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

class SemanticTokensProviderTest {

    /** Decodes the relative encoding into "line:char text type" strings, checking order and overlap. */
    static List<String> decode(DocumentSnapshot doc, List<Integer> data) {
        List<String> out = new ArrayList<>();
        String[] lines = doc.text().split("\n", -1);
        int line = 0;
        int ch = 0;
        int prevEnd = -1;
        int prevLine = -1;
        for (int i = 0; i < data.size(); i += 5) {
            assertTrue(data.get(i) >= 0, "delta line never negative");
            line += data.get(i);
            ch = data.get(i) == 0 ? ch + data.get(i + 1) : data.get(i + 1);
            int len = data.get(i + 2);
            assertTrue(len > 0, "no empty tokens");
            if (line == prevLine) {
                assertTrue(ch >= prevEnd, "tokens overlap at line " + line + " char " + ch);
            }
            assertTrue(ch + len <= lines[line].length(), "token inside its line");
            out.add(line + ":" + ch + " " + lines[line].substring(ch, ch + len) + " "
                    + SemanticTokensProvider.TOKEN_TYPES.get(data.get(i + 3)) + (data.get(i + 4) == 0 ? ""
                    : "/" + data.get(i + 4)));
            prevEnd = ch + len;
            prevLine = line;
        }
        return out;
    }

    @Test
    void classifiesEachPart() {
        DocumentSnapshot doc = Cursor.doc("""
                # syntax=docker/dockerfile:1
                # note
                ARG V=1
                FROM alpine:$V AS base
                ENV HOME="/h/$V" X=1
                RUN --mount=type=cache,target=/c echo $HOME
                COPY --from=base <<EOF /x
                hi ${X}
                EOF
                EXPOSE 80/tcp
                MAINTAINER me
                """);
        List<String> tokens = decode(doc, new SemanticTokensProvider().full(doc).getData());
        assertEquals(List.of(
                "0:2 syntax macro", "0:9 docker/dockerfile:1 string",
                "1:0 # note comment",
                "2:0 ARG keyword", "2:4 V variable/1", "2:5 = operator", "2:6 1 string",
                "3:0 FROM keyword", "3:5 alpine: namespace", "3:12 $V variable", "3:15 AS keyword",
                "3:18 base class/1",
                "4:0 ENV keyword", "4:4 HOME property/1", "4:8 = operator", "4:9 \"/h/ string", "4:13 $V variable",
                "4:15 \" string", "4:17 X property/1", "4:18 = operator", "4:19 1 string",
                "5:0 RUN keyword", "5:4 --mount parameter", "5:12 type property", "5:17 cache string",
                "5:23 target property", "5:30 /c string", "5:38 $HOME variable",
                "6:0 COPY keyword", "6:5 --from parameter", "6:12 base string", // its own stage: not a reference
                "6:17 <<EOF operator",
                "7:0 hi  string", "7:3 ${X} variable",
                "8:0 EOF operator",
                "9:0 EXPOSE keyword", "9:7 80/tcp number",
                "10:0 MAINTAINER keyword/2"), tokens);
    }

    @Test
    void bigFileIsSortedNonOverlappingAndRangeMatchesFull() {
        StringBuilder sb = new StringBuilder("ARG BASE=alpine\n");
        for (int i = 0; sb.toString().split("\n").length < 4000; i++) {
            sb.append("FROM ${BASE} AS s").append(i).append('\n');
            sb.append("ENV VAR_").append(i).append("=v").append(i).append('\n');
            sb.append("RUN echo $VAR_").append(i).append(" ${OTHER} && \\\n    echo more\n");
            sb.append("COPY --from=s").append(i).append(" /a /b\n");
        }
        DocumentSnapshot doc = Cursor.doc(sb.toString());
        SemanticTokensProvider provider = new SemanticTokensProvider();
        SemanticTokens full = provider.full(doc);
        List<String> decoded = decode(doc, full.getData());
        assertTrue(decoded.size() > 10_000, "tokens: " + decoded.size());
        // a range in the middle decodes to the same tokens as the full result's lines there
        SemanticTokens range = provider.range(doc, new Range(new Position(2000, 0), new Position(2010, 0)));
        List<String> part = decode(doc, range.getData()).stream().map(s -> s.substring(s.indexOf(' '))).toList();
        List<String> expected = decoded.stream().filter(s -> {
            int line = Integer.parseInt(s.substring(0, s.indexOf(':')));
            return line >= 2000 && line < 2010;
        }).map(s -> s.substring(s.indexOf(' '))).toList();
        assertEquals(expected, part);
        assertTrue(!part.isEmpty());
    }

    @Test
    void deltaAgainstThePreviousResult() {
        SemanticTokensProvider provider = new SemanticTokensProvider();
        DocumentSnapshot v1 = DocumentSnapshot.parse(Cursor.URI, 1, "FROM alpine\nENV A=1\nRUN echo $A\n");
        SemanticTokens first = provider.full(v1);
        DocumentSnapshot v2 = DocumentSnapshot.parse(Cursor.URI, 2, "FROM alpine\nENV A=1 B=2\nRUN echo $A\n");
        Either<SemanticTokens, SemanticTokensDelta> delta = provider.delta(v2, first.getResultId());
        assertTrue(delta.isRight());
        List<Integer> patched = new ArrayList<>(first.getData());
        for (var edit : delta.getRight().getEdits()) {
            for (int k = 0; k < edit.getDeleteCount(); k++) {
                patched.remove(edit.getStart());
            }
            patched.addAll(edit.getStart(), edit.getData());
        }
        assertEquals(provider.full(v2).getData(), patched);
        assertTrue(provider.delta(v2, "unknown").isLeft(), "an unknown result id gets full tokens");
        assertEquals(provider.full(v2).getResultId(), provider.full(v2).getResultId(), "same snapshot, same result");
    }
}
