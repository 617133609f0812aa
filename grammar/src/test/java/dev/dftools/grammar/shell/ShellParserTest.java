package dev.dftools.grammar.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.SourceText;

class ShellParserTest {

    private static ShellScript ok(String script) {
        ShellScript s = ShellParser.parse(script);
        assertEquals(List.of(), s.errors(), () -> "errors in: " + script);
        return s;
    }

    private static List<String> names(ShellScript s) {
        return s.commands().stream().map(SimpleCommand::nameValue).toList();
    }

    /** The range of [from, to) of a one-line script. */
    private static String span(SourceRange r) {
        return r.start().offset() + ".." + r.end().offset();
    }

    @Test
    void aptGetChain() {
        String text = "apt-get update && apt-get install -y --no-install-recommends curl ca-certificates"
                + " && rm -rf /var/lib/apt/lists/*";
        ShellScript s = ok(text);
        assertEquals(List.of("apt-get", "apt-get", "rm"), names(s));
        SimpleCommand install = s.commands().get(1);
        assertEquals(List.of("install", "-y", "--no-install-recommends", "curl", "ca-certificates"),
                install.argValues());
        assertTrue(install.hasFlag("-y"));
        assertTrue(install.hasFlag("--no-install-recommends"));
        assertFalse(install.hasFlag("-q", "--quiet"));
        assertEquals(List.of("curl", "ca-certificates"),
                install.argsAfter("install").stream().filter(w -> !w.startsWith("-")).map(Word::value).toList());
        assertEquals(ControlOperator.AND, install.before());
        assertEquals(ControlOperator.AND, install.after());
        assertNull(s.commands().get(0).before());
        assertNull(s.commands().get(2).after());

        SimpleCommand rm = s.commands().get(2);
        int rmAt = text.indexOf("rm -rf");
        assertEquals(rmAt + ".." + text.length(), span(rm.range()));
        Word lists = rm.args().get(1);
        assertEquals("/var/lib/apt/lists/*", lists.value());
        assertFalse(lists.hasExpansion());
        assertFalse(lists.quoted());
        assertEquals((rmAt + 7) + ".." + text.length(), span(lists.range()));
        assertEquals(1, lists.range().start().line());
        assertEquals(rmAt + 8, lists.range().start().column());

        assertEquals(1, s.body().size());
        AndOrList list = assertInstanceOf(AndOrList.class, s.body().get(0));
        assertEquals(List.of(ControlOperator.AND, ControlOperator.AND), list.operators());
        assertEquals(span(s.range()), span(list.range()));
    }

    @Test
    void setEuxAndSemicolons() {
        ShellScript s = ok("set -eux; apt-get update; apt-get -qy upgrade");
        assertEquals(List.of("set", "apt-get", "apt-get"), names(s));
        assertTrue(s.commands().get(0).hasFlag("-e"));
        assertTrue(s.commands().get(0).hasFlag("-x"));
        assertTrue(s.commands().get(2).hasFlag("-y"));
        assertTrue(s.commands().get(2).hasArg("upgrade"));
        assertEquals(ControlOperator.SEQUENCE, s.commands().get(1).before());
        assertEquals(ControlOperator.SEQUENCE, s.commands().get(1).after());
        assertEquals(3, s.body().size());
    }

    @Test
    void pipelinesAndOrOperators() {
        ShellScript s = ok("curl -fsSL https://example.com/x.sh | sh - || true; wget -qO- u |& tee log");
        assertEquals(List.of("curl", "sh", "true", "wget", "tee"), names(s));
        assertEquals(ControlOperator.PIPE, s.commands().get(0).after());
        assertEquals(ControlOperator.PIPE, s.commands().get(1).before());
        assertEquals(ControlOperator.OR, s.commands().get(1).after());
        assertEquals(ControlOperator.PIPE_STDERR, s.commands().get(3).after());
        AndOrList first = assertInstanceOf(AndOrList.class, s.body().get(0));
        Pipeline pipe = assertInstanceOf(Pipeline.class, first.items().get(0));
        assertEquals(2, pipe.commands().size());
        assertEquals(List.of(ControlOperator.OR), first.operators());
        assertEquals("0..42", span(pipe.range()));
        Pipeline second = assertInstanceOf(Pipeline.class, s.body().get(1));
        assertEquals(List.of(ControlOperator.PIPE_STDERR), second.operators());
    }

    @Test
    void ifThenElse() {
        String text = "if [ -f x ]; then echo yes; elif test -d y; then :; else echo no >&2; fi";
        ShellScript s = ok(text);
        assertEquals(List.of("[", "echo", "test", ":", "echo"), names(s));
        assertEquals(List.of("-f", "x", "]"), s.commands().get(0).argValues());
        CompoundCommand c = assertInstanceOf(CompoundCommand.class, s.body().get(0));
        assertEquals(CompoundCommand.Kind.IF, c.kind());
        assertEquals(5, c.body().size());
        assertEquals("0.." + text.length(), span(c.range()));
        SimpleCommand no = s.commands().get(4);
        assertEquals(1, no.redirects().size());
        assertEquals(RedirectOperator.DUP_OUTPUT, no.redirects().get(0).operator());
        assertEquals("2", no.redirects().get(0).target().value());
        int at = text.indexOf("echo no");
        assertEquals(at + ".." + text.indexOf("; fi"), span(no.range()));
    }

    @Test
    void forLoop() {
        String text = "for f in a \"b c\" $(ls); do rm -f \"$f\"; done && echo done";
        ShellScript s = ok(text);
        assertEquals(List.of("rm", "echo"), names(s));
        assertEquals(List.of("done"), s.commands().get(1).argValues());
        AndOrList list = assertInstanceOf(AndOrList.class, s.body().get(0));
        CompoundCommand loop = assertInstanceOf(CompoundCommand.class, list.items().get(0));
        assertEquals(CompoundCommand.Kind.FOR, loop.kind());
        assertEquals("f", loop.subject().value());
        assertEquals(List.of("a", "b c", "$(ls)"), loop.words().stream().map(Word::value).toList());
        assertTrue(loop.words().get(2).hasExpansion());
        Word f = s.commands().get(0).args().get(1);
        assertEquals("\"$f\"", f.raw());
        assertEquals("$f", f.value());
        assertTrue(f.hasExpansion());
        assertTrue(f.quoted());
        // the operator right after rm is the ';' before done
        assertEquals(ControlOperator.SEQUENCE, s.commands().get(0).after());
        assertEquals(ControlOperator.AND, s.commands().get(1).before());
    }

    @Test
    void whileUntilCase() {
        ShellScript s = ok("while read -r line; do echo \"$line\"; done < file\n"
                + "until false; do break; done\n"
                + "case \"$arch\" in\n  amd64|x86_64) a=x86_64 ;;\n  arm64) a=aarch64; echo arm ;;\n"
                + "  *) echo >&2 \"unsupported\"; exit 1 ;;\nesac");
        assertEquals(List.of("read", "echo", "false", "break", "", "", "echo", "echo", "exit"), names(s));
        CompoundCommand loop = assertInstanceOf(CompoundCommand.class, s.body().get(0));
        assertEquals(CompoundCommand.Kind.WHILE, loop.kind());
        assertEquals(RedirectOperator.INPUT, loop.redirects().get(0).operator());
        assertEquals(CompoundCommand.Kind.UNTIL, ((CompoundCommand) s.body().get(1)).kind());
        CompoundCommand c = assertInstanceOf(CompoundCommand.class, s.body().get(2));
        assertEquals(CompoundCommand.Kind.CASE, c.kind());
        assertEquals("$arch", c.subject().value());
        assertEquals(List.of("amd64", "x86_64", "arm64", "*"), c.words().stream().map(Word::value).toList());
        SimpleCommand assign = s.commands().get(4);
        assertEquals("a", assign.assignments().get(0).name());
        assertEquals("x86_64", assign.assignments().get(0).value().value());
        assertEquals(ControlOperator.CASE_END, assign.after());
        assertEquals(6, s.commands().get(8).range().start().line());
    }

    @Test
    void keywordsAreArgumentsOutsideCommandPosition() {
        ShellScript s = ok("echo if then fi done { } ! esac in");
        assertEquals(List.of("echo"), names(s));
        assertEquals(List.of("if", "then", "fi", "done", "{", "}", "!", "esac", "in"),
                s.commands().get(0).argValues());
    }

    @Test
    void substitutionsAreOneWordPart() {
        String text = "echo \"$(dpkg --print-architecture | awk -F- '{ print $NF }')\" $(uname -m | tr a \"b)\")"
                + " `date +%s` $((1 + (2 * 3))) ${VAR:-{x}} x$HOME/y";
        ShellScript s = ok(text);
        SimpleCommand echo = s.commands().get(0);
        assertEquals(1, s.commands().size());
        assertEquals(6, echo.args().size());
        Word first = echo.args().get(0);
        assertEquals(1, first.parts().size());
        assertEquals(WordPart.Kind.DOUBLE_QUOTED, first.parts().get(0).kind());
        assertEquals("$(dpkg --print-architecture | awk -F- '{ print $NF }')", first.value());
        assertTrue(first.hasExpansion());
        Word second = echo.args().get(1);
        assertEquals(WordPart.Kind.COMMAND_SUBSTITUTION, second.parts().get(0).kind());
        assertEquals("$(uname -m | tr a \"b)\")", second.raw());
        assertEquals(WordPart.Kind.BACKTICK, echo.args().get(2).parts().get(0).kind());
        assertEquals(WordPart.Kind.ARITHMETIC, echo.args().get(3).parts().get(0).kind());
        assertEquals("$((1 + (2 * 3)))", echo.args().get(3).value());
        assertEquals("${VAR:-{x}}", echo.args().get(4).value());
        Word mixed = echo.args().get(5);
        assertEquals(List.of(WordPart.Kind.LITERAL, WordPart.Kind.PARAMETER, WordPart.Kind.LITERAL),
                mixed.parts().stream().map(WordPart::kind).toList());
        assertFalse(mixed.startsWith("x$"));
        assertTrue(mixed.startsWith("x"));
        int at = text.indexOf("x$HOME");
        assertEquals((at + 1) + ".." + (at + 6), span(mixed.parts().get(1).range()));
    }

    @Test
    void quotingAndEscapes() {
        ShellScript s = ok("echo 'a b' \"c \\\"d\\\" \\$x \\n\" e\\ f $'t\\tu' ''");
        List<Word> args = s.commands().get(0).args();
        assertEquals(List.of("a b", "c \"d\" $x \\n", "e f", "t\tu", ""), args.stream().map(Word::value).toList());
        assertTrue(args.stream().allMatch(Word::quoted));
        assertTrue(args.stream().noneMatch(Word::hasExpansion));
        assertEquals("\"c \\\"d\\\" \\$x \\n\"", args.get(1).raw());
        // value chars map to their source chars: the d of \"d\" is at offset 16
        assertEquals(16, args.get(1).valueText().sourceOffset(3));
    }

    @Test
    void commentsEndAtNewlineAndOnlyAtWordStart() {
        ShellScript s = ok("echo a#b # rm -rf / && x\napt-get clean # done");
        assertEquals(List.of("echo", "apt-get"), names(s));
        assertEquals(List.of("a#b"), s.commands().get(0).argValues());
        assertEquals(ControlOperator.NEWLINE, s.commands().get(0).after());
        assertEquals(ControlOperator.NEWLINE, s.commands().get(1).before());
    }

    @Test
    void continuationsInsideTheShellText() {
        String text = "apt-get install -y \\\n    curl \\\n && ec\\\nho x";
        ShellScript s = ok(text);
        assertEquals(List.of("apt-get", "echo"), names(s));
        assertEquals(List.of("install", "-y", "curl"), s.commands().get(0).argValues());
        Word echo = s.commands().get(1).name();
        assertEquals("ec\\\nho", echo.raw());
        assertEquals(3, echo.range().start().line());
        assertEquals(4, echo.range().end().line());
    }

    /** A Dockerfile continuation removed by the Dockerfile parser: offsets jump over it. */
    @Test
    void wordSpanningTwoSourceLines() {
        String source = "RUN apt-get ins\\\ntall -y curl\n";
        String logical = "apt-get install -y curl";
        int[] offsets = new int[logical.length() + 1];
        int k = 0;
        for (int i = 4; i < source.length() - 1; i++) {
            if (source.charAt(i) == '\\' && source.charAt(i + 1) == '\n') {
                i++;
                continue;
            }
            offsets[k++] = i;
        }
        offsets[k] = source.length() - 1;
        assertEquals(logical.length(), k);
        SourceText text = SourceText.of(logical, offsets, LineIndex.of(source));
        ShellScript s = ShellParser.parse(text);
        assertEquals(List.of(), s.errors());
        Word install = s.commands().get(0).args().get(0);
        assertEquals("install", install.value());
        assertEquals(1, install.range().start().line());
        assertEquals(13, install.range().start().column());
        assertEquals(2, install.range().end().line());
        assertEquals(5, install.range().end().column());
        assertEquals(12, install.range().start().offset());
        assertEquals(21, install.range().end().offset());
        Word curl = s.commands().get(0).args().get(2);
        assertEquals(2, curl.range().start().line());
        assertEquals(9, curl.range().start().column());
        assertEquals(source.indexOf("curl"), curl.range().start().offset());
        SimpleCommand command = s.commands().get(0);
        assertEquals(4, command.range().start().offset());
        assertEquals(source.length() - 1, command.range().end().offset());
    }

    @Test
    void subshellsAndGroups() {
        String text = "(cd /src && make) && { echo a; echo b; } > log 2>&1";
        ShellScript s = ok(text);
        assertEquals(List.of("cd", "make", "echo", "echo"), names(s));
        AndOrList list = assertInstanceOf(AndOrList.class, s.body().get(0));
        Subshell sub = assertInstanceOf(Subshell.class, list.items().get(0));
        assertEquals("0..17", span(sub.range()));
        assertInstanceOf(AndOrList.class, sub.body().get(0));
        BraceGroup group = assertInstanceOf(BraceGroup.class, list.items().get(1));
        assertEquals(2, group.body().size());
        assertEquals(2, group.redirects().size());
        assertEquals(2, group.redirects().get(1).fd());
        assertEquals(RedirectOperator.DUP_OUTPUT, group.redirects().get(1).operator());
        assertEquals(text.indexOf("{") + ".." + text.length(), span(group.range()));
        assertEquals(ControlOperator.AND, s.commands().get(1).after());
        assertEquals(ControlOperator.AND, s.commands().get(2).before());
        assertEquals(List.of("make"), sub.simpleCommands().subList(1, 2).stream().map(SimpleCommand::nameValue)
                .toList());
    }

    @Test
    void redirections() {
        ShellScript s = ok("make 2>&1 >/dev/null; cmd &> log; cmd &>> log; cat < in >> out; x 3<> f; y >| z; "
                + "tr a b <<< \"$v\"");
        SimpleCommand make = s.commands().get(0);
        assertEquals(List.of(), make.args());
        assertEquals(2, make.redirects().get(0).fd());
        assertEquals(RedirectOperator.DUP_OUTPUT, make.redirects().get(0).operator());
        assertEquals("5..9", span(make.redirects().get(0).range()));
        assertEquals(-1, make.redirects().get(1).fd());
        assertEquals("/dev/null", make.redirects().get(1).target().value());
        assertEquals(RedirectOperator.OUTPUT_ALL, s.commands().get(1).redirects().get(0).operator());
        assertEquals(RedirectOperator.APPEND_ALL, s.commands().get(2).redirects().get(0).operator());
        assertEquals(List.of(RedirectOperator.INPUT, RedirectOperator.APPEND),
                s.commands().get(3).redirects().stream().map(Redirect::operator).toList());
        assertEquals(3, s.commands().get(4).redirects().get(0).fd());
        assertEquals(RedirectOperator.READ_WRITE, s.commands().get(4).redirects().get(0).operator());
        assertEquals(RedirectOperator.CLOBBER, s.commands().get(5).redirects().get(0).operator());
        assertEquals(RedirectOperator.HERE_STRING, s.commands().get(6).redirects().get(0).operator());
        assertEquals(List.of("a", "b"), s.commands().get(6).argValues());
    }

    @Test
    void heredocBodyIsNotParsedAsCommands() {
        String text = "cat <<'EOF' > /etc/apt/sources.list\ndeb http://x y\nrm -rf /\nEOF\n"
                + "tee /x <<-END && echo after\n\thello $USER\n\tEND\necho last";
        ShellScript s = ok(text);
        assertEquals(List.of("cat", "tee", "echo", "echo"), names(s));
        Redirect h = s.commands().get(0).redirects().get(0);
        assertEquals(RedirectOperator.HEREDOC, h.operator());
        Heredoc doc = h.heredoc();
        assertNotNull(doc);
        assertEquals("EOF", doc.delimiter());
        assertTrue(doc.quoted());
        assertTrue(doc.terminated());
        assertEquals("deb http://x y\nrm -rf /\n", doc.body().text());
        assertEquals(2, doc.body().range().start().line());
        assertEquals("/etc/apt/sources.list", s.commands().get(0).redirects().get(1).target().value());
        Heredoc second = s.commands().get(1).redirects().get(0).heredoc();
        assertEquals("END", second.delimiter());
        assertFalse(second.quoted());
        assertTrue(second.stripTabs());
        assertEquals("\thello $USER\n", second.body().text());
        assertEquals(List.of("after"), s.commands().get(2).argValues());
        assertEquals(8, s.commands().get(3).range().start().line());
    }

    @Test
    void heredocOperatorOnTheLastLineHasNoBody() {
        // a Dockerfile "RUN cat <<EOF > /f": the Dockerfile parser holds the body
        ShellScript s = ok("cat <<EOF > /f");
        Heredoc doc = s.commands().get(0).redirects().get(0).heredoc();
        assertNull(doc.body());
        assertFalse(doc.terminated());
        ShellScript unterminated = ShellParser.parse("cat <<EOF\nline\n");
        assertEquals(1, unterminated.errors().size());
        assertTrue(unterminated.errors().get(0).message().contains("here-document"));
        assertEquals("line\n", unterminated.commands().get(0).redirects().get(0).heredoc().body().text());
    }

    @Test
    void assignments() {
        String text = "DEBIAN_FRONTEND=noninteractive PATH+=\":/x\" apt-get install -y a=1.0; A=b; "
                + "export GOPATH=/go PATH=$GOPATH/bin:$PATH";
        ShellScript s = ok(text);
        SimpleCommand apt = s.commands().get(0);
        assertEquals("apt-get", apt.nameValue());
        assertEquals(List.of("DEBIAN_FRONTEND", "PATH"), apt.assignments().stream().map(Assignment::name).toList());
        Assignment path = apt.assignments().get(1);
        assertTrue(path.append());
        assertEquals(":/x", path.value().value());
        assertEquals("\":/x\"", path.value().raw());
        assertEquals((text.indexOf("PATH+=") + 6) + ".." + (text.indexOf(" apt-get")), span(path.value().range()));
        assertEquals(List.of("install", "-y", "a=1.0"), apt.argValues());
        SimpleCommand bare = s.commands().get(1);
        assertNull(bare.name());
        assertEquals("b", bare.assignments().get(0).value().value());
        SimpleCommand export = s.commands().get(2);
        assertEquals(List.of(), export.assignments());
        List<Assignment> declared = export.declarations();
        assertEquals(List.of("GOPATH", "PATH"), declared.stream().map(Assignment::name).toList());
        assertEquals("/go", declared.get(0).value().value());
        assertTrue(declared.get(1).value().hasExpansion());
        assertFalse(declared.get(0).value().hasExpansion());
    }

    @Test
    void flags() {
        ShellScript s = ok("pip install --no-cache-dir=1 -qr requirements.txt -- -y; "
                + "apt-get -o Dpkg::Options::=--force-confnew install -y x; npm ci --omit=dev");
        SimpleCommand pip = s.commands().get(0);
        assertTrue(pip.hasFlag("--no-cache-dir"));
        assertTrue(pip.hasFlag("-q"));
        assertTrue(pip.hasFlag("-r"));
        assertFalse(pip.hasFlag("-y"), "after --");
        assertFalse(pip.hasFlag("--no-cache"));
        assertEquals(List.of("install", "requirements.txt", "-y"),
                pip.operands().stream().map(Word::value).toList());
        SimpleCommand apt = s.commands().get(1);
        assertFalse(apt.hasFlag("-f"), "letters after a non-alphanumeric char are not flags");
        assertTrue(apt.hasFlag("-o"));
        assertEquals("-y", apt.flagWord("-y", "--yes").value());
        assertTrue(s.commands().get(2).hasFlag("--omit"));
    }

    @Test
    void functionsAndTests() {
        ShellScript s = ok("f() { echo in f; }; f && [[ -f a && ! -d b || $x == \"y z\" ]] && echo ok");
        assertEquals(List.of("echo", "f", "[[", "echo"), names(s));
        assertEquals(List.of("-f", "a", "&&", "!", "-d", "b", "||", "$x", "==", "y z", "]]"),
                s.commands().get(2).argValues());
        FunctionDefinition f = assertInstanceOf(FunctionDefinition.class, s.body().get(0));
        assertEquals("f", f.name().value());
        assertInstanceOf(BraceGroup.class, f.body());
    }

    @Test
    void shDashCContentParsesWithExactRanges() {
        String text = "su -c \"apt-get install -y 'a b'\" root";
        ShellScript s = ok(text);
        Word script = s.commands().get(0).args().get(1);
        ShellScript inner = ShellParser.parse(script.valueText());
        assertEquals(List.of(), inner.errors());
        SimpleCommand apt = inner.commands().get(0);
        assertEquals("apt-get", apt.nameValue());
        assertEquals(List.of("install", "-y", "a b"), apt.argValues());
        assertEquals(text.indexOf("apt-get") + ".." + (text.indexOf("apt-get") + 7), span(apt.name().range()));
        assertEquals(text.indexOf("'a b'") + ".." + (text.indexOf("'a b'") + 5), span(apt.args().get(2).range()));
    }

    @Test
    void errorsKeepTheOtherCommands() {
        ShellScript s = ShellParser.parse("apt-get update && echo \"unterminated");
        assertEquals(List.of("apt-get", "echo"), names(s));
        assertEquals(1, s.errors().size());
        assertEquals("unterminated double quote", s.errors().get(0).message());
        assertEquals("23..36", span(s.errors().get(0).range()));

        ShellScript paren = ShellParser.parse("echo a ) ; rm -rf x; (echo b");
        assertEquals(List.of("echo", "rm", "echo"), names(paren));
        assertEquals(2, paren.errors().size());
        assertEquals("syntax error near unexpected token ')'", paren.errors().get(0).message());
        assertEquals("7..8", span(paren.errors().get(0).range()));
        assertTrue(paren.errors().get(1).message().startsWith("unexpected end of input"),
                paren.errors().get(1).message());

        ShellScript missing = ShellParser.parse("if true; then echo x; done; apt-get clean");
        assertEquals(1, missing.errors().size());
        assertEquals("syntax error near unexpected token 'done'", missing.errors().get(0).message());
        assertEquals("22..26", span(missing.errors().get(0).range()));
        assertTrue(names(missing).contains("echo"));
        assertFalse(names(missing).contains("then"));
    }

    @Test
    void nonBmpCharsKeepUtf16Offsets() {
        ShellScript s = ok("echo \uD83D\uDE00 'x' && rm y");
        SimpleCommand rm = s.commands().get(1);
        assertEquals("15..17", span(rm.name().range()));
        assertEquals("\uD83D\uDE00", s.commands().get(0).args().get(0).value());
    }

    @Test
    void bashismsCommonInDockerfiles() {
        ShellScript s = ok("arr=(1 \"2 3\") cmd \"${arr[@]}\"; x=$(case a in a) echo;; (b) y;; esac) z; "
                + "! grep -q x f & diff <(sort a) <(sort b)");
        assertEquals(List.of("cmd", "z", "grep", "diff"), names(s));
        Assignment arr = s.commands().get(0).assignments().get(0);
        assertEquals("(1 \"2 3\")", arr.value().raw());
        assertEquals(WordPart.Kind.ARRAY, arr.value().parts().get(0).kind());
        Word x = s.commands().get(1).assignments().get(0).value();
        assertEquals("$(case a in a) echo;; (b) y;; esac)", x.raw());
        Pipeline negated = assertInstanceOf(Pipeline.class, s.body().get(2));
        assertTrue(negated.negated());
        assertEquals(ControlOperator.BACKGROUND, s.commands().get(2).after());
        List<Word> diffArgs = s.commands().get(3).args();
        assertEquals(WordPart.Kind.PROCESS_SUBSTITUTION, diffArgs.get(0).parts().get(0).kind());
        assertEquals("<(sort b)", diffArgs.get(1).raw());
    }

    @Test
    void emptyAndBlankScripts() {
        assertEquals(List.of(), ok("").commands());
        assertEquals(List.of(), ok("  \n\t# only a comment\n").commands());
        assertEquals(List.of(), ok(";").commands().stream().filter(c -> c.name() != null).toList());
    }
}
