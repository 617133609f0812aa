package dev.dftools.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SyntaxError;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Broken lines in the middle of a file: BuildKit stops at the first one, we keep going. Every
 * other instruction must still be in the AST, with its kind and exact range, and every error
 * must have an exact range.
 */
class ErrorRecoveryTest {

    @Test
    void brokenLinesInTheMiddleKeepEverythingElse() {
        String text = String.join("\n",
                "FROM alpine AS base",   // 1
                "RUN echo one",          // 2
                "ENV PATH",              // 3  legacy ENV without a value
                "COPY a /a",             // 4
                "CMD [1, 2]",            // 5  valid JSON, not strings
                "WORKDIR /app",          // 6
                "FOO bar",               // 7  unknown keyword
                "RUN <<'EOF",            // 8  unterminated quote: BuildKit finds no heredoc here
                "echo body",             // 9  ... so this is an instruction of its own
                "USER nobody",           // 10
                "ENV A=1 B",             // 11 a word without '='
                "LABEL x=\"open quote",  // 12 not an error in BuildKit's parser
                "EXPOSE 80",             // 13
                "");
        Dockerfile df = Dockerfiles.parse(text);
        assertEquals(List.of("From 1:1-1:20", "Run 2:1-2:13", "Invalid 3:1-3:9", "Copy 4:1-4:10",
                "Invalid 5:1-5:11", "Workdir 6:1-6:13", "Unknown 7:1-7:8", "Run 8:1-8:11", "Unknown 9:1-9:10",
                "User 10:1-10:12", "Invalid 11:1-11:10", "Label 12:1-12:20", "Expose 13:1-13:10"),
                df.instructions().stream().map(i -> i.getClass().getSimpleName() + " " + i.range()).toList());
        assertEquals(List.of(
                "3:1-3:9 ENV must have two arguments",
                "5:1-5:11 when using JSON array syntax, arrays must be comprised of strings only",
                "7:1-7:4 unknown instruction: FOO",
                "9:1-9:5 unknown instruction: echo",
                "11:1-11:10 Syntax error - can't find = in \"B\". Must be of the form: name=value"),
                errors(df));
        // the broken lines keep what could be read of them, for the editor
        Instruction.Invalid env = assertInstanceOf(Instruction.Invalid.class, df.instructions().get(2));
        assertEquals("env", env.name());
        assertEquals("ENV must have two arguments", env.message());
        Instruction.Run run = assertInstanceOf(Instruction.Run.class, df.instructions().get(7));
        assertTrue(run.heredocs().isEmpty());
        assertEquals("<<'EOF", run.node().args().get(0).value());
        // stages are still built around the broken lines
        assertEquals(1, df.stages().size());
        assertEquals(12, df.stages().get(0).instructions().size());
        assertEquals("1:1-13:10", df.stages().get(0).range().toString());
    }

    @Test
    void unterminatedHeredocSwallowsTheRestButNotWhatCameBefore() {
        String text = "FROM a\nRUN echo one\nCOPY <<EOF /x\nline\nRUN echo never\n";
        Dockerfile df = Dockerfiles.parse(text);
        assertEquals(List.of("From 1:1-1:7", "Run 2:1-2:13", "Copy 3:1-5:15"),
                df.instructions().stream().map(i -> i.getClass().getSimpleName() + " " + i.range()).toList());
        assertEquals(List.of("3:6-3:11 unterminated heredoc"), errors(df));
    }

    @Test
    void overlongLineIsAnErrorOnThatLineOnly() {
        String text = "FROM a\nRUN echo " + "x".repeat(70_000) + "\nRUN echo two\n";
        Dockerfile df = Dockerfiles.parse(text);
        assertEquals(3, df.instructions().size());
        assertEquals("3:1-3:13", df.instructions().get(2).range().toString());
        assertEquals(List.of("2:1-2:70010 dockerfile line greater than max allowed size of 65535"), errors(df));
    }

    @Test
    void invalidOnbuildTriggerAndBadDirective() {
        String text = "# escape=x\nFROM a\nONBUILD ENV K\nRUN ok\n";
        Dockerfile df = Dockerfiles.parse(text);
        assertEquals(List.of("From 2:1-2:7", "Invalid 3:1-3:14", "Run 4:1-4:7"),
                df.instructions().stream().map(i -> i.getClass().getSimpleName() + " " + i.range()).toList());
        assertEquals(List.of("1:10-1:11 invalid escape token 'x' does not match ` or \\",
                "3:1-3:14 ENV must have two arguments"), errors(df));
    }

    private static List<String> errors(Dockerfile df) {
        return df.errors().stream().map(ErrorRecoveryTest::format).toList();
    }

    private static String format(SyntaxError e) {
        return e.range() + " " + e.message();
    }
}
