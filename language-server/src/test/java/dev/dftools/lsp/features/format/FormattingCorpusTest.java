package dev.dftools.lsp.features.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lsp.Cursor;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Formats every file of the real-world corpus ({@code shared/corpus/real-world}): formatting must
 * be idempotent and must not change the parse (same instructions, flags, arguments and heredocs,
 * white space in continuations aside). Known failures are listed with a reason in
 * {@code format-corpus-known-failures.txt}; any other failure fails the test.
 */
class FormattingCorpusTest {

    @Test
    void everyCorpusFileFormatsIdempotentlyWithoutChangingItsParse() throws IOException {
        Path corpus = SharedCorpus.realWorld();
        assumeTrue(corpus != null, "the shared corpus (../shared/corpus/real-world from the repository root) is missing");
        Map<String, String> known = knownFailures();
        List<String> files = Files.readAllLines(corpus.resolve("MANIFEST.tsv")).stream().skip(1)
                .map(l -> l.split("\t")[0]).toList();
        FormattingProvider formatter = new FormattingProvider();
        Map<String, String> failures = new TreeMap<>();
        int changed = 0;
        int edits = 0;
        for (String file : files) {
            String text = Files.readString(corpus.resolve(file), StandardCharsets.UTF_8);
            DocumentSnapshot doc = Cursor.doc(text);
            var firstEdits = formatter.format(doc, FormatterOptions.defaults());
            String once = Cursor.apply(doc, firstEdits);
            edits += firstEdits.size();
            if (!once.equals(text)) {
                changed++;
            }
            DocumentSnapshot formatted = Cursor.doc(once);
            String twice = Cursor.apply(formatted, formatter.format(formatted, FormatterOptions.defaults()));
            if (!twice.equals(once)) {
                failures.put(file, "not idempotent");
                continue;
            }
            String difference = parseDifference(doc, formatted);
            if (difference != null) {
                failures.put(file, "parse changed: " + difference);
            }
        }
        System.out.printf("format corpus: %d files, %d changed by formatting (%d edits), %d failures (%d known)%n",
                files.size(), changed, edits, failures.size(), known.size());
        Map<String, String> unexpected = new LinkedHashMap<>(failures);
        unexpected.keySet().removeAll(known.keySet());
        assertTrue(unexpected.isEmpty(), "unexpected formatting failures: " + unexpected);
        assertTrue(files.size() > 500, "the whole corpus was read: " + files.size());
        assertTrue(changed > 0, "formatting changed something in the corpus");
    }

    private static Map<String, String> knownFailures() throws IOException {
        Map<String, String> known = new TreeMap<>();
        try (var in = FormattingCorpusTest.class.getResourceAsStream("/format-corpus-known-failures.txt")) {
            if (in == null) {
                return known;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("\t", 2);
                    known.put(parts[0], parts.length > 1 ? parts[1] : "");
                }
            }
        }
        return known;
    }

    /** Null when both parses are the same instruction for instruction; else what differs. */
    static String parseDifference(DocumentSnapshot a, DocumentSnapshot b) {
        List<Instruction> x = a.ast().instructions();
        List<Instruction> y = b.ast().instructions();
        if (x.size() != y.size()) {
            return "instruction count " + x.size() + " -> " + y.size();
        }
        if (a.ast().errors().size() != b.ast().errors().size()) {
            return "syntax errors " + a.ast().errors().size() + " -> " + b.ast().errors().size();
        }
        for (int k = 0; k < x.size(); k++) {
            String d = describe(x.get(k));
            String e = describe(y.get(k));
            if (!d.equals(e)) {
                return "line " + x.get(k).range().startLine() + ": " + d + " -> " + e;
            }
        }
        return null;
    }

    private static String describe(Instruction i) {
        List<String> parts = new ArrayList<>();
        parts.add(i.getClass().getSimpleName() + ":" + i.name());
        if (i.node().trigger() != null) {
            parts.add("trigger:" + i.node().trigger().name());
        }
        for (Flag f : i.flags()) {
            parts.add(f.text());
        }
        for (Word w : i.node().args()) {
            // AS is a keyword: formatting may change its case
            boolean as = i instanceof Instruction.From from && w.equals(from.asKeyword());
            parts.add(as ? w.value().toUpperCase(java.util.Locale.ROOT) : w.value().replaceAll("\\s+", " ").trim());
        }
        for (Heredoc h : i.heredocs()) {
            parts.add("<<" + h.name() + ":" + h.content());
        }
        parts.add("json:" + i.node().json());
        return String.join(" | ", parts);
    }

    @Test
    void parseDifferenceSeesRealChanges() {
        assertEquals(null, parseDifference(Cursor.doc("FROM a\nRUN x \\\n  y\n"), Cursor.doc("from a\nRUN x \\\n y\n")));
        assertTrue(parseDifference(Cursor.doc("FROM a\nRUN x y\n"), Cursor.doc("FROM a\nRUN x z\n")) != null);
    }
}
