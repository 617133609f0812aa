package dev.dftools.lsp.features.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lint.Finding;
import dev.dftools.lint.Fix;
import dev.dftools.lint.RuleMeta;
import dev.dftools.lint.Severity;
import dev.dftools.lint.TextEdit;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellCheckCarryOverTest {

    private static final RuleMeta SC2086 = new RuleMeta("SC2086", "SC2086", Severity.INFO,
            "Double quote to prevent globbing and word splitting.", List.of(), List.of(), true);

    private static final String TEXT = """
            FROM alpine:3.19 AS build
            RUN echo $1
            FROM build
            RUN echo $2
            """;

    /** A SC2086 finding on {@code $N} of the text, with the quoting fix. */
    private static Finding on(Dockerfile file, String variable) {
        int at = file.text().indexOf(variable);
        SourceRange range = file.lines().range(at, at + variable.length());
        return new Finding(SC2086, Severity.INFO, "Double quote", range,
                Fix.of("quote", new TextEdit(range, "\"" + variable + "\"")));
    }

    private static String textAt(Dockerfile file, SourceRange range) {
        return file.text().substring(range.start().offset(), range.end().offset());
    }

    @Test
    void aFindingInAnUnchangedStageMovesWithItAndOneInTheEditedStageIsLeftOut() {
        Dockerfile old = Dockerfiles.parse(TEXT);
        ShellCheckCarryOver last = new ShellCheckCarryOver(1, 1, old, List.of(on(old, "$1"), on(old, "$2")));
        Dockerfile edited = Dockerfiles.parse(TEXT.replace("RUN echo $1", "RUN apk add curl\nRUN echo $1"));

        List<Finding> carried = last.onto(edited);

        assertEquals(1, carried.size(), carried.toString());
        Finding moved = carried.get(0);
        assertEquals("$2", textAt(edited, moved.range()));
        assertEquals(5, moved.range().start().line(), "one line further down (lines count from 1)");
        assertEquals(10, moved.range().start().column());
        TextEdit fix = moved.fix().edits().get(0);
        assertEquals(moved.range(), fix.range());
    }

    @Test
    void nothingIsCarriedWhenEveryStageChangedAndEverythingWhenNoneDid() {
        Dockerfile old = Dockerfiles.parse(TEXT);
        ShellCheckCarryOver last = new ShellCheckCarryOver(1, 1, old, List.of(on(old, "$1"), on(old, "$2")));

        assertEquals(List.of(), last.onto(Dockerfiles.parse(TEXT.replace("echo", "printf"))));
        assertEquals(last.findings(), last.onto(Dockerfiles.parse(TEXT)));
    }

    @Test
    void identicalStagesArePairedInFileOrder() {
        String twice = "FROM alpine:3.19\nRUN echo $1\nFROM alpine:3.19\nRUN echo $1\n";
        Dockerfile old = Dockerfiles.parse(twice);
        int second = twice.lastIndexOf("$1");
        Finding inSecond = new Finding(SC2086, Severity.INFO, "Double quote", old.lines().range(second, second + 2), null);
        ShellCheckCarryOver last = new ShellCheckCarryOver(1, 1, old, List.of(on(old, "$1"), inSecond));
        Dockerfile edited = Dockerfiles.parse("ARG V=1\n" + twice);

        List<Finding> carried = last.onto(edited);

        assertEquals(List.of(3, 5), carried.stream().map(f -> f.range().start().line()).toList());
    }
}
