package dev.dftools.grammar.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class ShellLexTest {

    private static final ShellLex UNIX = new ShellLex('\\');
    private static final Env ENV = Env.builder()
            .put("PWD", "/home").put("NULL", "").put("P", "/usr/local/bin").put("F", "foo.tar.gz")
            .put("NL", "ab\ncd").put("SPACED", " a  b ").put("TPL", "[$0|$$|${0}|$1|$x|${bad]")
            .build();

    private static String expand(String word) throws ExpansionException {
        return UNIX.processWord(word, ENV).value();
    }

    private static ExpansionException error(String word) {
        return assertThrows(ExpansionException.class, () -> UNIX.processWord(word, ENV));
    }

    // --- undefined-variable tracking -------------------------------------------------------

    @Test
    void tracksReferencedAndUnmatchedNamesLikeBuildKitGetEnv() throws ExpansionException {
        Expansion e = UNIX.processWord("$A${PWD}${B:-x}${C-y}${D:+$E}${NULL}$1", ENV);
        assertEquals("/homexy", e.value());
        // ${D:+$E}: the operand is expanded first (E), then D is looked up.
        assertEquals(List.of("A", "PWD", "B", "C", "E", "D", "NULL", "1"), List.copyOf(e.referenced()));
        // BuildKit records every unset lookup, whatever the operator: a default does not hide it.
        assertEquals(List.of("A", "B", "C", "E", "D", "1"), List.copyOf(e.unmatched()));
        assertEquals(Set.of("PWD", "NULL"), e.matched());
    }

    @Test
    void operandIsExpandedEvenWhenNotUsed() throws ExpansionException {
        Expansion e = UNIX.processWord("${PWD:-$UNUSED}", ENV);
        assertEquals("/home", e.value());
        assertEquals(Set.of("UNUSED"), e.unmatched());
    }

    @Test
    void singleQuotedAndEscapedDollarsAreNotReferences() throws ExpansionException {
        Expansion e = UNIX.processWord("'$A'\\$B\"\\$C\"", ENV);
        assertEquals("$A$B$C", e.value());
        assertTrue(e.referenced().isEmpty());
    }

    @Test
    void wordsTrackNamesToo() throws ExpansionException {
        WordsExpansion w = UNIX.processWords("$SPACED \"$SPACED\" $MISSING x", ENV);
        assertEquals(List.of("a", "b", " a  b ", "x"), w.words());
        assertEquals(Set.of("MISSING"), w.unmatched());
        assertEquals(Set.of("SPACED"), w.matched());
    }

    // --- escape token ------------------------------------------------------------------------

    @Test
    void backtickEscapeToken() throws ExpansionException {
        ShellLex lex = new ShellLex('`');
        assertEquals('`', lex.escapeToken());
        assertEquals("C:\\path\\x", lex.processWord("C:\\path\\x", ENV).value());
        assertEquals("he$PWD", lex.processWord("he`$PWD", ENV).value());
        assertEquals("a\"b`c\\d", lex.processWord("\"a`\"b``c\\d\"", ENV).value());
        assertEquals("\\/home", lex.processWord("\\$PWD", ENV).value());
        assertEquals("x", lex.processWord("x`", ENV).value());
        assertEquals(List.of("a b", "c"), lex.processWords("a` b c", ENV).words());
        assertThrows(IllegalArgumentException.class, () -> new ShellLex('^'));
    }

    @Test
    void patternEscapesStayBackslashWithBacktickToken() throws ExpansionException {
        // BuildKit's pattern syntax always uses backslash, whatever the escape token.
        ShellLex lex = new ShellLex('`');
        Env env = Env.of(Map.of("V", "a*b"));
        assertEquals("b", lex.processWord("${V#a\\*}", env).value());
    }

    // --- operators ---------------------------------------------------------------------------

    @Test
    void prefixAndSuffixTrimming() throws ExpansionException {
        assertEquals("usr/local/bin", expand("${P#*/}"));
        assertEquals("bin", expand("${P##*/}"));
        assertEquals("/usr/local", expand("${P%/*}"));
        assertEquals("", expand("${P%%/*}"));
        assertEquals("foo.tar", expand("${F%.*}"));
        assertEquals("foo", expand("${F%%.*}"));
        assertEquals("tar.gz", expand("${F#*.}"));
        assertEquals("gz", expand("${F##*.}"));
        assertEquals("o.tar.gz", expand("${F#f?}"));
        assertEquals("foo.tar.gz", expand("${F#x*}"));
        assertEquals("", expand("${UNSET#*}"));
    }

    @Test
    void replacement() throws ExpansionException {
        assertEquals("/usr/X/bin", expand("${P/local/X}"));
        assertEquals(":usr:local:bin", expand("${P//\\//:}"));
        assertEquals("X", expand("${P//*/X}"));
        assertEquals("f00.tar.gz", expand("${F//o/0}"));
        assertEquals("foo", expand("${F/.*/}"));
        // Empty pattern with //: Go's ReplaceAll inserts at every position.
        Env env = Env.of(Map.of("V", "abc"));
        assertEquals("-a-b-c-", UNIX.processWord("${V///-}", env).value());
        assertEquals("-", UNIX.processWord("${V//*/-}", env).value()); // no second, empty match at the end
    }

    @Test
    void replacementTemplateFollowsGoExpandForReplaceAll() throws ExpansionException {
        Env env = Env.builder().put("V", "fo").putAll(ENV).build();
        // $0/${0} is the match, $$ a dollar, other references empty, malformed ones literal.
        assertEquals("f[o|$|o|||${bad]", UNIX.processWord("${V//o/$TPL}", env).value());
        // single replacement does not expand the template
        assertEquals("f[$0|$$|${0}|$1|$x|${bad]", UNIX.processWord("${V/o/$TPL}", env).value());
    }

    @Test
    void wildcardsDoNotMatchNewlines() throws ExpansionException {
        assertEquals("ab\n", expand("${NL%%*}"));
        assertEquals("\ncd", expand("${NL##*}"));
        assertEquals("X\ncd", expand("${NL/*/X}"));
    }

    @Test
    void defaultsAndAlternatives() throws ExpansionException {
        assertEquals("d", expand("${NULL:-d}"));
        assertEquals("", expand("${NULL-d}"));
        assertEquals("", expand("${NULL:+a}"));
        assertEquals("a", expand("${NULL+a}"));
        assertEquals("d e", expand("${X:-\"d e\"}"));
        assertEquals("}", expand("${X:-\\}}"));
        assertEquals("/home", expand("${PWD:?oops}"));
    }

    // --- errors with index -------------------------------------------------------------------

    @Test
    void errorsCarryBuildKitMessageAndIndex() {
        ExpansionException e = error("he${PWD");
        assertEquals("syntax error: missing '}'", e.reason());
        assertEquals(2, e.index());
        assertEquals("failed to process \"he${PWD\": syntax error: missing '}'", e.getMessage());

        e = error("ab${}");
        assertEquals("syntax error: bad substitution", e.reason());
        assertEquals(4, e.index());

        e = error("${a=b}");
        assertEquals("unsupported modifier (=) in substitution", e.reason());
        assertEquals(3, e.index());

        e = error("${PWD:=000}");
        assertEquals("unsupported modifier (:=) in substitution", e.reason());
        assertEquals(5, e.index());

        assertEquals("unsupported modifier (:1) in substitution", error("${PWD:1}").reason());
        assertEquals("unsupported modifier (:#) in substitution", error("${PWD:#x}").reason());
        assertEquals("unsupported modifier (.) in substitution", error("${.}").reason());

        e = error("x${XXX:?}");
        assertEquals("XXX: is not allowed to be unset", e.reason());
        assertEquals(1, e.index());
        assertEquals("NULL: is not allowed to be empty", error("${NULL:?}").reason());
        assertEquals("NULL: say something", error("${NULL:?say something}").reason());

        e = error("he'llo");
        assertEquals("unexpected end of statement while looking for matching single-quote", e.reason());
        assertEquals(2, e.index());
        e = error("\"hello\\\"");
        assertEquals("unexpected end of statement while looking for matching double-quote", e.reason());
        assertEquals(0, e.index());

        e = error("${P#\\x}");
        assertEquals("invalid pattern (\\x) in substitution: invalid escape '\\x'", e.reason());
        assertEquals(0, e.index());

        e = error("ab${P/x");
        assertEquals("syntax error: missing '/' in ${}", e.reason());
        assertEquals(2, e.index());
        assertEquals("syntax error: missing '}'", error("${P/x/y").reason());
        assertEquals("syntax error: missing '}'", error("${a:-'x}").reason());
        assertEquals("syntax error: bad substitution", error("${a:-${}}").reason());
    }

    // --- robustness --------------------------------------------------------------------------

    private static String nested(int depth) {
        return "${a:-\"".repeat(depth) + "x" + "\"}".repeat(depth);
    }

    @Test
    void absurdNestingIsAnExpansionExceptionNotAStackOverflow() {
        String word = nested(10_000);
        ExpansionException e = assertThrows(ExpansionException.class, () -> UNIX.processWord(word, Env.empty()));
        assertTrue(e.reason().startsWith("too many nested ${} expansions"), e.reason());
        // unterminated deep nesting too
        assertThrows(ExpansionException.class, () -> UNIX.processWord("${a:-".repeat(10_000), Env.empty()));
    }

    @Test
    void maximumNestingWorksEvenOnASmallStack() throws Exception {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(UNIX.processWord(nested(ShellLex.MAX_NESTING), Env.empty()).value());
            } catch (Throwable e) {
                out.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertEquals("x", out.get());
    }

    @Test
    void linearOnLargeInputs() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            String big = "$PWD/${PWD:-x}'q'\"$NULL\"\\x ".repeat(50_000);
            assertEquals(50_000, UNIX.processWords(big, ENV).words().size());
            Env env = Env.of(Map.of("V", "a".repeat(200_000)));
            assertEquals("", UNIX.processWord("${V##*}", env).value());
            assertEquals("", UNIX.processWord("${V%%*a}", env).value());
            assertEquals(200_000 - 8, UNIX.processWord("${V#*a*a*a*a*a*a*a*a}", env).value().length());
            assertEquals("b".repeat(200_000), UNIX.processWord("${V//a/b}", env).value());
            String stars = "*".repeat(10_000);
            assertEquals("", UNIX.processWord("${V##" + stars + "}", env).value());
        });
    }

    // --- Windows -----------------------------------------------------------------------------

    @Test
    void windowsNamesAreCaseInsensitive() throws ExpansionException {
        ShellLex win = new ShellLex('\\', true);
        assertTrue(win.windowsCaseInsensitive());
        Expansion e = win.processWord("$pwd ${Pwd:-x} $nope", ENV);
        assertEquals("/home /home ", e.value());
        assertEquals(Set.of("pwd", "Pwd"), e.matched());
        assertEquals(Set.of("nope"), e.unmatched());

        Expansion u = UNIX.processWord("$pwd", ENV);
        assertEquals("", u.value());
        assertEquals(Set.of("pwd"), u.unmatched());

        // the last of two names differing only in case wins, as in BuildKit's upper-cased map
        Env env = Env.builder().put("path", "a").put("PATH", "b").build();
        assertEquals("b", win.processWord("$Path", env).value());
        assertEquals("a", UNIX.processWord("$path", env).value());
    }

    @Test
    void envIsOrderedAndImmutable() {
        Env env = Env.builder().put("B", "1").put("A", "2").put("B", "3").build();
        assertEquals(List.of("B", "A"), List.copyOf(env.names()));
        assertEquals("3", env.get("B"));
        assertEquals(null, env.get("C"));
        assertThrows(UnsupportedOperationException.class, () -> env.names().add("C"));
    }
}
