package dev.dftools.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.testing.RandomEdits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Dockerfiles#reparse} must give exactly what a full parse of the new text gives, after any
 * edit, while reusing the stages the edit did not touch: chains of random edits over every corpus
 * file and over a long multi-stage file, each version parsed from the previous one's parse and
 * compared with a fresh parse.
 */
class ReparseTest {

    /** Typed snippets: they open continuations and heredocs, add comments that attach to a FROM or reset, new stages. */
    private static final RandomEdits EDITS = new RandomEdits("x", "#", " ", "\n", "\\", "\\\n", "$", "\"", "# note\n", "#\n",
        "FROM alpine AS b\n", "FROM b\n", "RUN a \\\n", "RUN <<EOF\n", "EOF\n", "<<EOF\nbody\nEOF\n", "ARG V=1\n",
        "# escape=`\n", "# syntax=docker/dockerfile:1\n", "\r\n", "ONBUILD RUN x\n", "COPY <<A /a\nhi\nA\n",
        "RUN --mount=type=cache,target=/c \\\n  true\n", "\t", "ENV A=1 B=2\n", "HEALTHCHECK CMD [\"a\"]\n");

    @Test
    void randomEditsOverTheCorpusParseLikeAFullParse() throws IOException {
        List<Path> files = CorpusParseTest.corpusFiles();
        Random random = new Random(20261123);
        Counts counts = new Counts();
        for (Path file : files) {
            editAndCompare(file.getFileName().toString(), SharedData.read(file), 8, random, counts);
        }
        System.out.printf("reparse, corpus: %d files, %d edits compared, %d reused the previous parse, %d"
                + " instructions reused%n", files.size(), counts.edits, counts.reusing, counts.reused);
        assertTrue(files.size() >= 500, "the whole corpus was read: " + files.size());
        assertTrue(counts.reused > 1000, "stages were reused: " + counts.reused);
    }

    @Test
    void randomEditsOverALongMultiStageFileParseLikeAFullParse() {
        Counts counts = new Counts();
        editAndCompare("multi-stage", multiStage(120), 300, new Random(11), counts);
        System.out.printf("reparse, 120 stages: %d edits compared, %d reused the previous parse, %d instructions"
                + " reused%n", counts.edits, counts.reusing, counts.reused);
        assertTrue(counts.reusing > 300 * 8 / 10, "most edits reused the previous parse: " + counts.reusing);
    }

    @Test
    void aKeystrokeInAStageReusesTheOthersAndMovesTheOnesAfterIt() {
        String text = multiStage(3);
        Dockerfile before = Dockerfiles.parse(text);
        int at = text.indexOf("USER root", text.indexOf("AS stage1"));
        String typed = text.substring(0, at) + "x" + text.substring(at);
        Dockerfile after = Dockerfiles.reparse(before, typed);
        assertEqualParses(Dockerfiles.parse(typed), after, "typed x");
        List<Instruction> old = before.instructions();
        List<Instruction> now = after.instructions();
        Instruction.From stage1 = before.stages().get(1).from();
        Instruction.From stage2 = before.stages().get(2).from();
        int stage1At = old.indexOf(stage1);
        int stage2At = old.indexOf(stage2);
        assertSame(old.get(0), now.get(0), "the part before the edited stage is the same object");
        assertSame(old.get(stage1At - 1), now.get(stage1At - 1));
        assertNotSame(old.get(stage1At), now.get(stage1At), "the edited stage is parsed again");
        assertNotSame(old.get(stage2At), now.get(stage2At), "the stage after it is moved");
        assertEquals(old.get(stage2At).range().start().offset() + 1, now.get(stage2At).range().start().offset());
    }

    @Test
    void aCommentTypedAboveTheNextFromBelongsToIt() {
        String text = "FROM a AS one\nRUN true\n\nFROM b AS two\nRUN true\n";
        Dockerfile before = Dockerfiles.parse(text);
        String typed = text.replace("RUN true\n\n", "RUN true\n# two builds b\n");
        Dockerfile after = Dockerfiles.reparse(before, typed);
        assertEqualParses(Dockerfiles.parse(typed), after, "comment");
        assertEquals("two builds b", after.stages().get(1).from().comments().get(0).text());
    }

    @Test
    void aContinuationTypedAtTheEndOfAStageRunsIntoTheNext() {
        String text = "FROM a AS one\nRUN true\n\nFROM b AS two\nRUN true\n";
        String typed = text.replace("RUN true\n\n", "RUN true \\\n\n");
        Dockerfile after = Dockerfiles.reparse(Dockerfiles.parse(text), typed);
        assertEqualParses(Dockerfiles.parse(typed), after, "continuation");
        assertEquals(1, after.stages().size(), "BuildKit joins the next FROM line to the RUN");
    }

    private static final class Counts {
        int edits;
        /** Edits whose parse reused at least one instruction object of the previous one. */
        int reusing;
        long reused;
    }

    private static void editAndCompare(String name, String original, int edits, Random random, Counts counts) {
        String text = original;
        Dockerfile parse = Dockerfiles.parse(text);
        for (int i = 0; i < edits; i++) {
            String next = EDITS.edit(text, random);
            Dockerfile reparsed = Dockerfiles.reparse(parse, next);
            assertEqualParses(Dockerfiles.parse(next), reparsed, name + " after " + (i + 1) + " edits:\n" + next);
            Set<Instruction> before = Collections.newSetFromMap(new IdentityHashMap<>());
            before.addAll(parse.instructions());
            long reused = reparsed.instructions().stream().filter(before::contains).count();
            counts.reused += reused;
            counts.reusing += reused > 0 ? 1 : 0;
            counts.edits++;
            parse = reparsed;
            text = next;
        }
    }

    private static void assertEqualParses(Dockerfile full, Dockerfile reparsed, String what) {
        assertEquals(full.text(), reparsed.text(), what);
        assertEquals(full.escape(), reparsed.escape(), what);
        assertEquals(full.directives(), reparsed.directives(), what);
        assertEquals(full.instructions(), reparsed.instructions(), what);
        assertEquals(full.comments(), reparsed.comments(), what);
        assertEquals(full.errors(), reparsed.errors(), what);
        assertEquals(full.lines().lineCount(), reparsed.lines().lineCount(), what);
        for (Instruction instruction : reparsed.instructions()) {
            // every reused or moved instruction maps its logical text through the new version's lines
            var range = instruction.node().text().range();
            assertEquals(full.lines().position(range.start().offset()), range.start(), what);
        }
    }

    /** Chained stages like the language-server benchmark's file, with comments, heredocs and continuations. */
    static String multiStage(int stages) {
        StringBuilder text = new StringBuilder("# syntax=docker/dockerfile:1\nARG GLOBAL_VERSION=1.0\n");
        for (int i = 0; i < stages; i++) {
            text.append(i % 3 == 0 ? "# stage " + i + " builds the tools\n" : "")
                    .append("FROM ").append(i == 0 ? "alpine:3.19" : "stage" + (i - 1)).append(" AS stage").append(i)
                    .append("\nARG VAR_").append(i).append("=value").append(i)
                    .append("\nENV PATH_").append(i).append("=/opt/s").append(i).append(" HOME=/home/s").append(i)
                    .append("\nRUN apk add --no-cache curl git && \\\n    # fetch\n    echo \"building ${VAR_")
                    .append(i).append("}\"\n")
                    .append(i % 4 == 1 ? "RUN <<EOF\nset -e\necho " + i + "\nEOF\n" : "")
                    .append("COPY --from=stage0 /opt /opt/prev\nUSER root\nCMD [\"echo\", \"stage").append(i)
                    .append("\"]\n\n");
        }
        return text.toString();
    }
}
