package dev.dftools.grammar.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.dftools.grammar.shell.internal.ShellSyntax;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every RUN body of the real-world corpus parses without a syntax error. RUN lines are joined
 * naively (drop backslash-newline, skip comment lines inside); Dockerfile heredoc bodies are
 * appended after a newline so the shell parser reads them as here-documents.
 */
class ShellCorpusTest {

    private static final Pattern RUN = Pattern.compile("^\\s*RUN\\s+(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FLAG = Pattern.compile("^--[a-z-]+(=\\S*)?\\s+");
    private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\1");

    record Body(String where, String text) {
    }

    @Test
    void corpusRunBodiesParse() throws IOException {
        Path corpus = Path.of(System.getProperty("dftools.shared", "../../shared"), "corpus", "real-world");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus);
        Set<String> known = knownFailures();
        List<Body> bodies = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals("MANIFEST.tsv") || name.equals("README.md")) {
                    continue;
                }
                bodies.addAll(runBodies(corpus.relativize(file).toString(),
                        new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
            }
        }
        List<String> failures = new ArrayList<>();
        Set<String> unexpected = new TreeSet<>();
        int commands = 0;
        int sameTree = 0;
        for (Body body : bodies) {
            // the two-stage (SLL, then LL on an error) parse must build exactly the LL parse's tree
            assertEquals(ShellSyntax.parse(body.text(), false), ShellSyntax.parse(body.text(), true), body.where());
            sameTree++;
            ShellScript script = ShellParser.parse(body.text());
            commands += script.commands().size();
            for (SimpleCommand c : script.commands()) {
                // a reserved word taken for a command name means the lexer lost track
                if (c.isNamed("if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until",
                        "for", "in", "{", "}", "!", "]]")) {
                    unexpected.add(body.where() + ": reserved word as command name: " + c.range() + "\n"
                            + body.text());
                }
            }
            if (script.hasErrors()) {
                ShellSyntaxError e = script.errors().get(0);
                failures.add(body.where() + " " + e.message() + " at " + e.range());
                if (!known.contains(body.where())) {
                    unexpected.add(body.where() + ": " + e.message() + " at " + e.range() + "\n" + body.text());
                }
            }
        }
        System.out.println("shell corpus: " + bodies.size() + " RUN bodies, " + failures.size() + " with errors ("
                + commands + " simple commands); two-stage parse == LL parse for " + sameTree);
        failures.forEach(f -> System.out.println("  " + f));
        assertTrue(bodies.size() > 1000, "corpus scan found too few RUN bodies: " + bodies.size());
        assertEquals(Set.of(), unexpected);
    }

    /** "file:line" of RUN bodies that are legitimately not sh, with a reason after " # ". */
    private static Set<String> knownFailures() throws IOException {
        Set<String> known = new TreeSet<>();
        try (InputStream in = ShellCorpusTest.class.getResourceAsStream("/shell-corpus-known-failures.txt")) {
            if (in == null) {
                return known;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.replaceAll("#.*", "").trim();
                if (!entry.isEmpty()) {
                    known.add(entry);
                }
            }
        }
        return known;
    }

    static List<Body> runBodies(String fileName, String content) {
        List<Body> out = new ArrayList<>();
        if (content.contains("# escape=`") || Pattern.compile("(?im)^\\s*SHELL\\s*\\[\\s*\"(powershell|pwsh|cmd)")
                .matcher(content).find()) {
            return out; // Windows images: RUN bodies are PowerShell or cmd, not sh
        }
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = RUN.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            int startLine = i + 1;
            StringBuilder joined = new StringBuilder();
            String line = stripCr(m.group(1));
            while (true) {
                String trimmed = line.stripTrailing();
                if (trimmed.endsWith("\\") && i + 1 < lines.length) {
                    joined.append(trimmed, 0, trimmed.length() - 1);
                    i++;
                    while (i + 1 < lines.length && lines[i].stripLeading().startsWith("#")) {
                        i++;
                    }
                    line = stripCr(lines[i]);
                } else {
                    joined.append(line);
                    break;
                }
            }
            String text = joined.toString().strip();
            Matcher flag;
            while ((flag = FLAG.matcher(text)).find()) {
                text = text.substring(flag.end());
            }
            if (text.startsWith("[")) {
                continue; // exec form
            }
            // Dockerfile heredocs: append their bodies, as the shell would read them
            Matcher h = HEREDOC.matcher(text);
            List<String> delimiters = new ArrayList<>();
            while (h.find()) {
                delimiters.add(h.group(2));
            }
            StringBuilder full = new StringBuilder(text);
            for (String delimiter : delimiters) {
                while (i + 1 < lines.length) {
                    String bodyLine = stripCr(lines[++i]);
                    full.append('\n').append(bodyLine);
                    if (bodyLine.strip().equals(delimiter)) {
                        break;
                    }
                }
            }
            out.add(new Body(fileName + ":" + startLine, full.toString()));
            if (text.startsWith("<<") && delimiters.size() == 1) {
                // RUN <<EOF: the heredoc body is the script
                String script = full.toString();
                int from = script.indexOf('\n') + 1;
                int to = script.lastIndexOf('\n');
                if (from > 0 && to >= from) {
                    out.add(new Body(fileName + ":" + startLine + "(heredoc)", script.substring(from, to)));
                }
            }
        }
        return out;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
