package dev.dftools.grammar.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.dftools.grammar.ast.SourceRange;

/** parse never throws, never overflows the stack and stays linear on hostile input. */
class ShellRobustnessTest {

    private static final String[] SEEDS = {
        "apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*",
        "set -eux; savedAptMark=\"$(apt-mark showmanual)\"; dpkgArch=\"$(dpkg --print-architecture)\"; "
                + "case \"${dpkgArch##*-}\" in amd64) a=x ;; *) echo >&2 \"no $dpkgArch\"; exit 1 ;; esac",
        "if [ -f x ]; then echo yes; elif test -d y; then :; else echo no >&2; fi",
        "for f in a \"b c\" $(ls); do rm -f \"$f\"; done && echo done",
        "cat <<'EOF' > /etc/x\nline $a\nEOF\nwhile read l; do echo `echo $l`; done < /x",
        "(cd /src && make -j\"$(nproc)\") && { echo a; echo b; } > log 2>&1 || true",
        "f() { echo in f; }; f && [[ -f a && ! -d b ]] && echo $((1 + (2 * 3))) ${V:-{x}} $'a\\tb'",
        "wget -O- https://x | tar -xz -C /opt; pip install --no-cache-dir -r req.txt; cd /opt \\\n && ls",
    };
    private static final String[] INSERTS = {
        "(", ")", "'", "\"", "$", "`", "{", "}", "\\", "\n", ";", ";;", "&", "&&", "|", "||", "<", ">", "<<", "<<-",
        "#", " ", "$(", "${", "$((", "if ", "then ", "fi ", "do ", "done ", "case ", "esac ", " in ", "[[ ", " ]]",
        "\r", "\t", "\0", "\uD83D", "\uDE00", "=", "!", "2>&1", "<(", "a=(",
    };

    @Test
    void randomMutationsNeverBreakTheParser() {
        Random random = new Random(20240601L);
        int withErrors = 0;
        for (int round = 0; round < 4000; round++) {
            StringBuilder text = new StringBuilder(SEEDS[random.nextInt(SEEDS.length)]);
            int mutations = 1 + random.nextInt(6);
            for (int m = 0; m < mutations; m++) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(4)) {
                    case 0 -> text.insert(at, INSERTS[random.nextInt(INSERTS.length)]);
                    case 1 -> {
                        if (at < text.length()) {
                            text.deleteCharAt(at);
                        }
                    }
                    case 2 -> text.insert(at, (char) random.nextInt(128));
                    default -> {
                        int end = Math.min(text.length(), at + random.nextInt(20));
                        text.insert(at, text.substring(at, end));
                    }
                }
            }
            String input = text.toString();
            ShellScript script = ShellParser.parse(input);
            if (script.hasErrors()) {
                withErrors++;
            }
            checkInvariants(input, script);
        }
        assertTrue(withErrors > 100, "mutations should break some scripts: " + withErrors);
    }

    private static void checkInvariants(String input, ShellScript script) {
        for (ShellSyntaxError e : script.errors()) {
            assertFalse(e.message().startsWith("internal"), () -> e.message() + " for: " + input);
            within(input, e.range());
        }
        int previousStart = -1;
        for (SimpleCommand c : script.commands()) {
            within(input, c.range());
            assertTrue(c.range().start().offset() >= previousStart, () -> "commands out of order: " + input);
            previousStart = c.range().start().offset();
            for (Word w : c.words()) {
                within(input, w.range());
                assertTrue(c.range().containsRange(w.range()), () -> "word outside its command: " + input);
                assertEquals(w.value().length(), w.valueText().length());
            }
        }
        List<SimpleCommand> fromTree = new ArrayList<>();
        for (ShellNode node : script.body()) {
            fromTree.addAll(node.simpleCommands());
        }
        assertTrue(script.commands().containsAll(fromTree), () -> "tree and flat list disagree: " + input);
    }

    private static void within(String input, SourceRange r) {
        assertTrue(r.start().offset() >= 0 && r.end().offset() <= input.length(), () -> r + " outside: " + input);
    }

    @Test
    void deepNestingNeitherOverflowsNorHangs() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            int depth = 100_000;
            String parens = "(".repeat(depth) + "echo hi" + ")".repeat(depth);
            ShellScript script = ShellParser.parse(parens);
            assertTrue(script.hasErrors());
            assertTrue(script.errors().get(0).message().contains("nested"), script.errors().get(0).message());
            assertEquals(List.of("echo"), script.commands().stream().map(SimpleCommand::nameValue).toList());

            String unbalanced = "(".repeat(depth) + "echo";
            assertTrue(ShellParser.parse(unbalanced).hasErrors());

            String groups = "{ ".repeat(depth) + "true;" + " }".repeat(depth);
            assertTrue(ShellParser.parse(groups).hasErrors());

            String ifs = "if a; then ".repeat(depth) + "b; " + "fi; ".repeat(depth);
            ShellScript nestedIfs = ShellParser.parse(ifs);
            assertTrue(nestedIfs.hasErrors());
            assertEquals(depth + 1, nestedIfs.commands().size());

            // substitutions nest inside one word: scanned with an explicit stack, no error
            String subst = "echo " + "$(".repeat(depth) + "x" + ")".repeat(depth) + " && rm y";
            ShellScript words = ShellParser.parse(subst);
            assertEquals(List.of(), words.errors());
            assertEquals(List.of("echo", "rm"), words.commands().stream().map(SimpleCommand::nameValue).toList());
            assertTrue(words.commands().get(0).args().get(0).hasExpansion());

            String quotes = "echo " + "\"$(".repeat(depth) + "x" + ")\"".repeat(depth);
            assertEquals(List.of(), ShellParser.parse(quotes).errors());

            // nesting within the cap still gets a tree
            String ok = "(".repeat(50) + "echo" + ")".repeat(50);
            ShellScript shallow = ShellParser.parse(ok);
            assertEquals(List.of(), shallow.errors());
            assertTrue(shallow.body().get(0) instanceof Subshell);
        });
    }

    @Test
    void largeAndHostileInputsStayLinear() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            int n = 20_000;
            String chain = "apt-get install -y \"pkg$i\" 'x' $(echo y) && ".repeat(n) + "true";
            ShellScript script = ShellParser.parse(chain);
            assertEquals(List.of(), script.errors());
            assertEquals(n + 1, script.commands().size());

            String lines = "echo a | grep b > /dev/null 2>&1\n".repeat(n);
            assertEquals(2 * n, ShellParser.parse(lines).commands().size());

            // many here-document operators and no delimiter anywhere
            String heredocs = "cat" + " <<EOF".repeat(n) + "\n" + "line\n".repeat(n);
            ShellScript docs = ShellParser.parse(heredocs);
            assertEquals(1, docs.commands().size());
            assertEquals(n, docs.commands().get(0).redirects().size());

            String unterminated = "echo \"" + "a b ".repeat(50_000);
            assertEquals(1, ShellParser.parse(unterminated).errors().size());

            String strays = ") fi done ;; } esac then ".repeat(n);
            assertTrue(ShellParser.parse(strays).hasErrors());

            String separators = "a" + "\n".repeat(100_000) + "b" + ";".repeat(10_000) + "c";
            ShellScript sep = ShellParser.parse(separators);
            assertTrue(sep.hasErrors(), "';;' is only valid in case");
            String newlines = "for x" + "\n".repeat(100_000) + "do y; done";
            assertEquals(List.of(), ShellParser.parse(newlines).errors());
        });
    }
}
