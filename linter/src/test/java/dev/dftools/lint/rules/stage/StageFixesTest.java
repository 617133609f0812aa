package dev.dftools.lint.rules.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.lint.Finding;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.Linter;
import dev.dftools.lint.TextEdit;
import dev.dftools.lint.rules.Rules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixes of the stage rules produce the intended text, and their findings the intended messages. */
class StageFixesTest {

    private static final Linter LINTER = new Linter(Rules.registry());

    private static List<Finding> findings(String text, String code) {
        return LINTER.lint(Dockerfiles.parse(text), LintConfig.defaults().withAllRulesEnabled(), null).stream()
                .filter(f -> f.code().equals(code)).toList();
    }

    private static String applyFix(String text, String code) {
        List<Finding> found = findings(text, code);
        assertEquals(1, found.size(), found.toString());
        List<TextEdit> edits = new ArrayList<>(found.get(0).fix().edits());
        edits.sort(Comparator.comparingInt((TextEdit e) -> e.range().start().offset()).reversed());
        StringBuilder result = new StringBuilder(text);
        for (TextEdit edit : edits) {
            result.replace(edit.range().start().offset(), edit.range().end().offset(), edit.newText());
        }
        return result.toString();
    }

    @Test
    void stageNameCasingLowerCasesTheNameAndItsReferences() {
        String text = """
                FROM golang:1.22 AS Build
                FROM Build AS test
                FROM alpine:3.20
                COPY --from=BUILD /app /app
                COPY --from="Build" /app /app2
                RUN --mount=type=bind,from=Build,target=/src true
                """;
        assertEquals("""
                FROM golang:1.22 AS build
                FROM build AS test
                FROM alpine:3.20
                COPY --from=build /app /app
                COPY --from="build" /app /app2
                RUN --mount=type=bind,from=build,target=/src true
                """, applyFix(text, "DF2010"));
    }

    @Test
    void fromAsCasingFollowsTheFromKeyword() {
        assertEquals("FROM debian:12 AS build\n", applyFix("FROM debian:12 as build\n", "DF2011"));
        assertEquals("from debian:12 as build\n", applyFix("from debian:12 As build\n", "DF2011"));
    }

    @Test
    void redundantTargetPlatformFixRemovesTheFlag() {
        assertEquals("FROM alpine:3.20 AS a\n",
                applyFix("FROM --platform=$TARGETPLATFORM alpine:3.20 AS a\n", "DF2008"));
    }

    @Test
    void undefinedArgInFromPointsAtTheVariableAndSuggests() {
        List<Finding> found = findings("ARG VERSION=3\nFROM alpine:${VERSON}\n", "DF2012");
        assertEquals(1, found.size());
        assertEquals("FROM argument 'VERSON' is not declared (did you mean VERSION?)", found.get(0).message());
        assertEquals(13, found.get(0).range().start().column()); // 1-based: the $
        assertEquals("${VERSON".length(), found.get(0).range().length());
    }

    @Test
    void invalidDefaultArgInFromSaysWhatItExpandedTo() {
        List<Finding> found = findings("ARG NAME=Alpine\nFROM ${NAME}:3\n", "DF2014");
        assertEquals(1, found.size());
        assertEquals("Default value for ARG ${NAME}:3 results in empty or invalid base image name 'Alpine:3': "
                + "repository name (Alpine) must be lowercase", found.get(0).message());
    }
}
