package dev.dftools.grammar.expand;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Runs BuildKit's own shell lexer data (shared/conformance/buildkit-parser/shell-lexer) the way
 * BuildKit's lex_test.go does, as described in the shared README. Every case must pass.
 */
class ShellLexConformanceTest {

    private static final Path DIR = Path.of(System.getProperty("dftools.shared", "../../shared"))
            .resolve("conformance/buildkit-parser/shell-lexer");

    private static Env envVarTestEnv() {
        return Env.builder().put("PWD", "/home").put("SHELL", "bash").put("KOREAN", "한국어").put("NULL", "").build();
    }

    @Test
    void envVarTestUnix() throws IOException {
        runEnvVarTest(false);
    }

    /** Windows: W and A lines with case-insensitive names (BuildKit runs these on Windows). */
    @Test
    void envVarTestWindows() throws IOException {
        runEnvVarTest(true);
    }

    private static void runEnvVarTest(boolean windows) throws IOException {
        Path file = DIR.resolve("envVarTest");
        assertTrue(Files.isRegularFile(file), "missing conformance data " + file.toAbsolutePath());
        ShellLex lex = new ShellLex('\\', windows);
        Env env = envVarTestEnv();
        List<String> failures = new ArrayList<>();
        int total = 0;
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\|", -1);
            if (f.length != 3) {
                failures.add("line " + lineNo + ": malformed " + line);
                continue;
            }
            String platform = f[0].trim();
            String source = f[1].trim();
            String expected = f[2].trim();
            boolean run = platform.equals("A") || platform.equals(windows ? "W" : "U");
            if (!run) {
                continue;
            }
            total++;
            String got;
            try {
                got = lex.processWord(source, env).value();
            } catch (ExpansionException e) {
                got = null;
                if (!expected.equals("error")) {
                    failures.add("line " + lineNo + ": " + source + " -> error " + e.getMessage()
                            + ", expected '" + expected + "'");
                }
                continue;
            }
            if (expected.equals("error")) {
                failures.add("line " + lineNo + ": " + source + " -> '" + got + "', expected an error");
            } else if (!expected.equals(got)) {
                failures.add("line " + lineNo + ": " + source + " -> '" + got + "', expected '" + expected + "'");
            }
        }
        report("shell-lexer envVarTest (" + (windows ? "A+W, Windows names" : "A+U") + ")", total, failures);
    }

    @Test
    void wordsTest() throws IOException {
        Path file = DIR.resolve("wordsTest");
        assertTrue(Files.isRegularFile(file), "missing conformance data " + file.toAbsolutePath());
        ShellLex lex = new ShellLex('\\');
        Env.Builder env = Env.builder();
        List<String> failures = new ArrayList<>();
        int total = 0;
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("ENV ")) {
                String kv = stripLeading(line.substring(3));
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    env.put(kv, "");
                } else {
                    env.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (f.length != 2) {
                failures.add("line " + lineNo + ": malformed " + line);
                continue;
            }
            total++;
            String input = f[0].trim();
            // Only left-trimmed: trailing spaces on the expected side are significant.
            List<String> expected = Arrays.asList(stripLeading(f[1]).split(",", -1));
            List<String> got;
            try {
                got = lex.processWords(input, env.build()).words();
            } catch (ExpansionException e) {
                got = List.of("error");
            }
            if (!expected.equals(got)) {
                failures.add("line " + lineNo + ": " + input + " -> " + quoted(got) + ", expected " + quoted(expected));
            }
        }
        report("shell-lexer wordsTest", total, failures);
    }

    /** Go's strings.TrimLeft(s, " "): spaces only. */
    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return s.substring(i);
    }

    private static String quoted(List<String> words) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < words.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(words.get(i)).append('"');
        }
        return b.append(']').toString();
    }

    private static void report(String what, int total, List<String> failures) {
        System.out.println(what + ": " + (total - failures.size()) + "/" + total + " passed");
        if (!failures.isEmpty()) {
            fail(what + ": " + failures.size() + " failing case(s):\n  " + String.join("\n  ", failures));
        }
        assertTrue(total > 0, what + ": no cases found");
    }
}
