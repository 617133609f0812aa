package dev.dftools.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Comment;
import dev.dftools.grammar.ast.Directive;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.SourceText;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.ast.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact source ranges of every kind of AST element. Expected positions were counted by hand
 * from the source text; {@link #assertRange} also recomputes the offsets independently of
 * LineIndex and checks the text under the range, so a wrong column cannot hide behind a
 * consistent-but-wrong offset.
 */
class AstRangesTest {

    private static final String MAIN = String.join("\n",
            "# syntax=docker/dockerfile:1",                                     // 1
            "# check=skip=JSONArgsRecommended;error=true",                      // 2
            "",                                                                 // 3
            "# the base stage",                                                 // 4
            "FROM --platform=$BUILDPLATFORM golang:1.22 AS Builder",            // 5
            "RUN --mount=type=cache,target=/root/.cache go build \\",           // 6
            "    -o /out/app",                                                  // 7
            "COPY --from=builder --chmod=755 a b /dst/",                        // 8
            "ENV A=1 B=\"x y\"",                                                // 9
            "ARG V=1.0 W",                                                      // 10
            "CMD [\"run\", \"--fast\"]",                                        // 11
            "RUN cat <<EOF >/x",                                                // 12
            "hello",                                                            // 13
            "EOF",                                                              // 14
            "FROM scratch",                                                     // 15
            "COPY --from=Builder /out/app /app",                                // 16
            "");

    private Dockerfile df;

    private Dockerfile parse(String text) {
        df = Dockerfiles.parse(text);
        return df;
    }

    @Test
    void directives() {
        parse(MAIN);
        assertEquals(List.of(), df.errors());
        List<Directive> ds = df.directives();
        assertEquals(2, ds.size());
        Directive syntax = ds.get(0);
        assertEquals("syntax", syntax.name());
        assertEquals("docker/dockerfile:1", syntax.value());
        assertRange(syntax.range(), "1:1-1:29", "# syntax=docker/dockerfile:1");
        assertRange(syntax.nameRange(), "1:3-1:9", "syntax");
        assertRange(syntax.valueRange(), "1:10-1:29", "docker/dockerfile:1");
        Directive check = ds.get(1);
        assertEquals("check", check.name());
        assertEquals("skip=JSONArgsRecommended;error=true", check.value());
        assertRange(check.nameRange(), "2:3-2:8", "check");
        assertRange(check.valueRange(), "2:9-2:44", "skip=JSONArgsRecommended;error=true");
        // directives are not comments of the first instruction; the comment after the blank line is
        assertEquals(List.of("the base stage"), df.instructions().get(0).comments().stream().map(Comment::text).toList());
    }

    @Test
    void directiveValueWithCrlfAndTrailingBlanks() {
        parse("# syntax = docker/dockerfile:1  \r\nFROM a\r\n");
        Directive d = df.directives().get(0);
        assertEquals("docker/dockerfile:1", d.value());
        assertRange(d.valueRange(), "1:12-1:31", "docker/dockerfile:1");
    }

    @Test
    void fromWithPlatformFlagAndStageName() {
        parse(MAIN);
        Instruction.From from = assertInstanceOf(Instruction.From.class, df.instructions().get(0));
        assertRange(from.node().keyword(), "5:1-5:5", "FROM");
        Flag platform = from.flag("platform").orElseThrow();
        assertEquals("$BUILDPLATFORM", platform.value());
        assertRange(platform.range(), "5:6-5:31", "--platform=$BUILDPLATFORM");
        assertRange(platform.nameRange(), "5:8-5:16", "platform");
        assertRange(platform.valueRange(), "5:17-5:31", "$BUILDPLATFORM");
        assertRange(from.image(), "5:32-5:43", "golang:1.22");
        assertRange(from.asKeyword(), "5:44-5:46", "AS");
        assertRange(from.stageName(), "5:47-5:54", "Builder");
        Comment comment = from.comments().get(0);
        assertRange(comment.range(), "4:1-4:17", "# the base stage");
        assertRange(from.range(), "5:1-5:54", null);
    }

    @Test
    void stages() {
        parse(MAIN);
        List<Stage> stages = df.stages();
        assertEquals(2, stages.size());
        Stage builder = stages.get(0);
        assertEquals(0, builder.index());
        assertEquals("builder", builder.name().orElseThrow(), "stage names are lower-cased");
        assertEquals(List.of("run", "copy", "env", "arg", "cmd", "run"),
                builder.instructions().stream().map(Instruction::name).toList());
        assertRange(builder.range(), "5:1-14:4", null);
        Stage last = stages.get(1);
        assertEquals(1, last.index());
        assertTrue(last.name().isEmpty());
        assertRange(last.from().image(), "15:6-15:13", "scratch");
        assertRange(last.range(), "15:1-16:34", null);
        Instruction.Copy copy = assertInstanceOf(Instruction.Copy.class, last.instructions().get(0));
        assertEquals("Builder", copy.flag("from").orElseThrow().value());
        assertTrue(df.preamble().isEmpty());
    }

    @Test
    void runFlagAndScriptAcrossContinuation() {
        parse(MAIN);
        Instruction.Run run = assertInstanceOf(Instruction.Run.class, df.instructions().get(1));
        assertRange(run.node().keyword(), "6:1-6:4", "RUN");
        Flag mount = run.flag("mount").orElseThrow();
        assertRange(mount.range(), "6:5-6:43", "--mount=type=cache,target=/root/.cache");
        assertRange(mount.nameRange(), "6:7-6:12", "mount");
        assertRange(mount.valueRange(), "6:13-6:43", "type=cache,target=/root/.cache");
        Command.ShellForm shell = assertInstanceOf(Command.ShellForm.class, run.command());
        assertEquals("go build     -o /out/app", shell.script().value());
        // the script starts on line 6 and ends on line 7: the range spans the continuation
        assertRange(shell.script().range(), "6:44-7:16", null);
        assertRange(run.range(), "6:1-7:16", null);
        // the shell source maps each char of the joined text back to the file
        SourceText source = shell.source();
        assertEquals(shell.script().value(), source.text());
        int dashO = source.text().indexOf("-o");
        assertEquals(offsetOf(MAIN, 7, 5), source.sourceOffset(dashO));
        assertEquals(offsetOf(MAIN, 6, 44), source.sourceOffset(0));
        assertEquals(offsetOf(MAIN, 6, 52), source.sourceOffset(source.text().indexOf(' ', 3)),
                "the blank before the escape char is kept, from line 6");
        assertRange(source.range(dashO, dashO + 2), "7:5-7:7", "-o");
        assertRange(source.range(0, dashO + 2), "6:44-7:7", null);
    }

    @Test
    void copyFlagsSourcesAndDestination() {
        parse(MAIN);
        Instruction.Copy copy = assertInstanceOf(Instruction.Copy.class, df.instructions().get(2));
        assertRange(copy.flags().get(0).range(), "8:6-8:20", "--from=builder");
        assertRange(copy.flags().get(0).valueRange(), "8:13-8:20", "builder");
        Flag chmod = copy.flags().get(1);
        assertRange(chmod.range(), "8:21-8:32", "--chmod=755");
        assertRange(chmod.nameRange(), "8:23-8:28", "chmod");
        assertRange(chmod.valueRange(), "8:29-8:32", "755");
        assertEquals(2, copy.sources().size());
        assertRange(copy.sources().get(0), "8:33-8:34", "a");
        assertRange(copy.sources().get(1), "8:35-8:36", "b");
        assertRange(copy.destination(), "8:37-8:42", "/dst/");
    }

    @Test
    void envKeyValues() {
        parse(MAIN);
        Instruction.Env env = assertInstanceOf(Instruction.Env.class, df.instructions().get(3));
        List<KeyValue> pairs = env.pairs();
        assertEquals(2, pairs.size());
        assertRange(pairs.get(0).key(), "9:5-9:6", "A");
        assertRange(pairs.get(0).value(), "9:7-9:8", "1");
        assertRange(pairs.get(1).key(), "9:9-9:10", "B");
        assertRange(pairs.get(1).value(), "9:11-9:16", "\"x y\"");
        assertEquals("\"x y\"", pairs.get(1).value().value(), "the parser keeps the quotes");
        assertFalse(pairs.get(1).legacy());
    }

    @Test
    void legacyEnvAndLabel() {
        parse("FROM a\nENV PATH /usr/bin:$PATH\nLABEL description  two words\n");
        KeyValue env = ((Instruction.Env) df.instructions().get(1)).pairs().get(0);
        assertTrue(env.legacy());
        assertRange(env.key(), "2:5-2:9", "PATH");
        assertRange(env.value(), "2:10-2:24", "/usr/bin:$PATH");
        KeyValue label = ((Instruction.Label) df.instructions().get(2)).pairs().get(0);
        assertTrue(label.legacy());
        assertRange(label.value(), "3:20-3:29", "two words");
    }

    @Test
    void argDeclarations() {
        parse(MAIN);
        Instruction.Arg arg = assertInstanceOf(Instruction.Arg.class, df.instructions().get(4));
        List<ArgDeclaration> decls = arg.declarations();
        assertEquals(2, decls.size());
        assertRange(decls.get(0).name(), "10:5-10:6", "V");
        assertRange(decls.get(0).defaultValue(), "10:7-10:10", "1.0");
        assertRange(decls.get(1).name(), "10:11-10:12", "W");
        assertNull(decls.get(1).defaultValue());
        parse("ARG e= f=\"a b\"\nFROM x\n");
        Instruction.Arg meta = assertInstanceOf(Instruction.Arg.class, df.preamble().get(0));
        assertRange(meta.declarations().get(0).defaultValue(), "1:7-1:7", ""); // empty default: a position
        assertRange(meta.declarations().get(1).defaultValue(), "1:10-1:15", "\"a b\"");
    }

    @Test
    void jsonElements() {
        parse(MAIN);
        Instruction.Cmd cmd = assertInstanceOf(Instruction.Cmd.class, df.instructions().get(5));
        Command.ExecForm exec = assertInstanceOf(Command.ExecForm.class, cmd.command());
        assertTrue(cmd.node().json());
        assertTrue(cmd.flags().isEmpty(), "--fast inside the JSON array is not a flag");
        assertEquals(List.of("run", "--fast"), exec.args().stream().map(Word::value).toList());
        // an element's range covers its quotes
        assertRange(exec.args().get(0), "11:6-11:11", "\"run\"");
        assertRange(exec.args().get(1), "11:13-11:21", "\"--fast\"");
        assertRange(exec.range(), "11:5-11:22", "[\"run\", \"--fast\"]");
    }

    @Test
    void heredocOpenerBodyAndTerminator() {
        parse(MAIN);
        Instruction.Run run = assertInstanceOf(Instruction.Run.class, df.instructions().get(6));
        Heredoc h = run.heredocs().get(0);
        assertEquals("EOF", h.name());
        assertTrue(h.expand());
        assertRange(h.opener(), "12:9-12:14", "<<EOF");
        assertEquals("hello\n", h.content());
        assertRange(h.bodyRange(), "13:1-14:1", "hello\n");
        assertRange(h.terminator(), "14:1-14:4", "EOF");
        assertRange(run.range(), "12:1-14:4", null);
        Command.ShellForm shell = assertInstanceOf(Command.ShellForm.class, run.command());
        assertEquals("cat <<EOF >/x", shell.script().value());
    }

    @Test
    void chompedAndQuotedHeredocs() {
        parse("FROM a\nRUN <<-'EOF'\n\techo $x\n\tEOF\nCOPY <<A <<B /d/\nB\nA\nA\nB\n");
        Heredoc chomp = df.instructions().get(1).heredocs().get(0);
        assertTrue(chomp.chomp());
        assertFalse(chomp.expand());
        assertEquals("\techo $x\n", chomp.content(), "the AST keeps the tabs");
        assertEquals("echo $x\n", chomp.effectiveContent());
        assertRange(chomp.opener(), "2:5-2:13", "<<-'EOF'");
        assertRange(chomp.terminator(), "4:1-4:5", "\tEOF");
        List<Heredoc> two = df.instructions().get(2).heredocs();
        assertRange(two.get(0).opener(), "5:6-5:9", "<<A");
        assertRange(two.get(0).bodyRange(), "6:1-7:1", "B\n");
        assertRange(two.get(0).terminator(), "7:1-7:2", "A");
        assertRange(two.get(1).opener(), "5:10-5:13", "<<B");
        assertRange(two.get(1).bodyRange(), "8:1-9:1", "A\n");
        assertRange(two.get(1).terminator(), "9:1-9:2", "B");
        assertRange(df.instructions().get(2).range(), "5:1-9:2", null);
    }

    @Test
    void wordSpanningAContinuation() {
        parse("FROM a\nCOPY sr\\\nc /dst\n");
        Instruction.Copy copy = assertInstanceOf(Instruction.Copy.class, df.instructions().get(1));
        Word src = copy.sources().get(0);
        assertEquals("src", src.value());
        assertRange(src, "2:6-3:2", null); // starts on line 2, ends on line 3
        assertRange(copy.destination(), "3:3-3:7", "/dst");
    }

    @Test
    void quotedFlagValue() {
        parse("FROM a\nRUN --mount=\"type=bind,source=a b\" ls\n");
        Flag mount = df.instructions().get(1).flags().get(0);
        assertEquals("type=bind,source=a b", mount.value());
        assertEquals("--mount=type=bind,source=a b", mount.text());
        assertRange(mount.range(), "2:5-2:35", "--mount=\"type=bind,source=a b\"");
        assertRange(mount.valueRange(), "2:13-2:35", "\"type=bind,source=a b\""); // raw, quotes included
        assertRange(((Instruction.Run) df.instructions().get(1)).command().range(), "2:36-2:38", "ls");
    }

    @Test
    void healthcheckFlagsTypeAndCommand() {
        parse("FROM a\nHEALTHCHECK --interval=30s --retries=3 CMD curl -f http://x/ || exit 1\n");
        Instruction.Healthcheck hc = assertInstanceOf(Instruction.Healthcheck.class, df.instructions().get(1));
        assertRange(hc.flag("interval").orElseThrow().range(), "2:13-2:27", "--interval=30s");
        assertRange(hc.flag("retries").orElseThrow().valueRange(), "2:38-2:39", "3");
        assertRange(hc.type(), "2:40-2:43", "CMD");
        assertRange(hc.command().range(), "2:44-2:71", "curl -f http://x/ || exit 1");
    }

    @Test
    void commentsAttachToTheInstructionBelow() {
        parse("FROM a\n# one\n# two\nRUN x\n\n# after blank\nRUN y\n#\nRUN z\nRUN w\n");
        assertEquals(List.of("one", "two"), texts(df.instructions().get(1).comments()));
        assertRange(df.instructions().get(1).comments().get(1).range(), "3:1-3:6", "# two");
        assertEquals(List.of("after blank"), texts(df.instructions().get(2).comments()));
        assertEquals(List.of(), texts(df.instructions().get(3).comments()), "an empty # line resets them");
        assertEquals(List.of(), texts(df.instructions().get(4).comments()));
        assertEquals(List.of("one", "two", "after blank", ""), texts(df.comments()), "every comment line");
        // BuildKit's code (unlike its docs) does not reset PrevComment at a blank line; indented comments count
        parse("FROM a\n# one\n\nRUN x\n  # indented\nRUN y\n");
        assertEquals(List.of("one"), texts(df.instructions().get(1).comments()));
        assertRange(df.instructions().get(2).comments().get(0).range(), "5:3-5:13", "# indented");
    }

    @Test
    void crlfBomAndUtf16Columns() {
        parse("\uFEFFFROM a\r\nRUN x\r\n");
        assertRange(df.instructions().get(0).node().keyword(), "1:2-1:6", "FROM");
        assertRange(df.instructions().get(1).range(), "2:1-2:6", "RUN x"); // the CR is not part of it
        // columns count UTF-16 units: the emoji takes two
        parse("FROM a\nLABEL a=\uD83D\uDE00 b=1\n");
        List<KeyValue> pairs = ((Instruction.Label) df.instructions().get(1)).pairs();
        assertRange(pairs.get(0).value(), "2:9-2:11", "\uD83D\uDE00");
        assertRange(pairs.get(1).key(), "2:12-2:13", "b");
    }

    @Test
    void onbuildTrigger() {
        parse("FROM a\nONBUILD  RUN --network=none echo hi\n");
        Instruction.Onbuild onbuild = assertInstanceOf(Instruction.Onbuild.class, df.instructions().get(1));
        assertRange(onbuild.node().keyword(), "2:1-2:8", "ONBUILD");
        Instruction.Run trigger = assertInstanceOf(Instruction.Run.class, onbuild.trigger());
        assertRange(trigger.node().keyword(), "2:10-2:13", "RUN");
        assertRange(trigger.flags().get(0).range(), "2:14-2:28", "--network=none");
        assertRange(trigger.range(), "2:10-2:36", "RUN --network=none echo hi");
        assertRange(trigger.command().range(), "2:29-2:36", "echo hi");
    }

    // ---- helpers

    private static List<String> texts(List<Comment> comments) {
        return comments.stream().map(Comment::text).toList();
    }

    private void assertRange(Word word, String expected, String text) {
        assertNotNull(word, "missing word, expected at " + expected);
        assertRange(word.range(), expected, text);
    }

    /**
     * @param expected {@code line:col-line:col}
     * @param text     the source text under the range, or null to skip that check
     */
    private void assertRange(SourceRange range, String expected, String text) {
        assertNotNull(range, "missing range, expected " + expected);
        assertEquals(expected, range.toString());
        String[] ends = expected.split("-");
        String[] s = ends[0].split(":");
        String[] e = ends[1].split(":");
        String src = df.text();
        int start = offsetOf(src, Integer.parseInt(s[0]), Integer.parseInt(s[1]));
        int end = offsetOf(src, Integer.parseInt(e[0]), Integer.parseInt(e[1]));
        assertEquals(start, range.start().offset(), "start offset of " + expected);
        assertEquals(end, range.end().offset(), "end offset of " + expected);
        if (text != null) {
            assertEquals(text, src.substring(start, end), "text under " + expected);
        }
    }

    /** Offset of a 1-based line/column, counted directly on the text. */
    private static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            offset = text.indexOf('\n', offset) + 1;
            assertTrue(offset > 0, "no line " + line);
        }
        return offset + column - 1;
    }
}
