package dev.dftools.bench;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.internal.DockerfileLexer;
import dev.dftools.grammar.internal.DockerfileParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Parser throughput benchmark (not a test). Subcommands:
 *
 * <pre>
 * prepare CORPUS_DIR OUT_DIR        write OUT_DIR/files.txt (the corpus, sorted) and OUT_DIR/big.Dockerfile
 * corpus FILES_TXT [options]        parse every listed file per pass: warm up, then measure passes
 *     --warmup-passes N (20)  --warmup-seconds S (10)  --passes N (30)
 *     --phases                     also time lexing / lexing+parse tree / full parse separately
 * big FILE [--runs N (6)] [--max-seconds S (120)]
 *                                   parse one big file N times in this (fresh) process: first = cold;
 *                                   no new run starts after S seconds (at least 2 runs)
 * </pre>
 *
 * Every result is one JSON object on a line of its own; human-readable lines start with '#'.
 * The Node.js counterpart (dockerfile-ast-bench.js) takes the same arguments and prints the same
 * JSON keys.
 */
public final class ParserBench {

    private static final Pattern ESCAPE = Pattern.compile("(?i)^[ \\t]*#[ \\t]*escape[ \\t]*=[ \\t]*(\\S*)[ \\t]*$");
    private static final Pattern DIRECTIVE = Pattern.compile("(?i)^[ \\t]*#[ \\t]*(syntax|escape|check)[ \\t]*=.*$");
    private static final long BIG_TARGET = 10L * 1024 * 1024;

    private static volatile long sink;

    private ParserBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            usage();
        }
        List<String> rest = Arrays.asList(args).subList(2, args.length);
        switch (args[0]) {
            case "prepare" -> prepare(Path.of(args[1]), Path.of(rest.isEmpty() ? usage() : rest.get(0)));
            case "corpus" -> corpus(Path.of(args[1]), rest);
            case "big" -> big(Path.of(args[1]), rest);
            default -> usage();
        }
    }

    private static String usage() {
        System.err.println("usage: ParserBench prepare CORPUS_DIR OUT_DIR | corpus FILES_TXT [--warmup-passes N]"
                + " [--warmup-seconds S] [--passes N] [--phases] | big FILE [--runs N]");
        System.exit(2);
        return null;
    }

    // ---------------------------------------------------------------- prepare

    private static void prepare(Path corpusDir, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpusDir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("README.md")
                            && !p.getFileName().toString().equals("MANIFEST.tsv"))
                    .map(Path::toAbsolutePath)
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no corpus files under " + corpusDir);
        }
        List<String> lines = files.stream().map(Path::toString).toList();
        Files.write(outDir.resolve("files.txt"), lines, StandardCharsets.UTF_8);

        // The big file: corpus files concatenated in the same order, round after round, until
        // it reaches 10 MiB. Parser directives only count at the very top of a file, so they
        // are stripped from each piece (they would be plain comments further down); files that
        // change the escape character are left out, since without their directive they would
        // be read with the wrong escape. Each piece ends with a newline.
        StringBuilder big = new StringBuilder(12 * 1024 * 1024);
        long expectedInstructions = 0;
        int pieces = 0;
        int skipped = 0;
        long bytes = 0;
        outer:
        while (true) {
            for (Path file : files) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                String piece = stripDirectives(text);
                if (piece == null) {
                    skipped++;
                    continue;
                }
                if (!piece.endsWith("\n")) {
                    piece = piece + "\n";
                }
                expectedInstructions += Dockerfiles.parse(piece).instructions().size();
                big.append(piece);
                bytes += piece.getBytes(StandardCharsets.UTF_8).length;
                pieces++;
                if (bytes >= BIG_TARGET) {
                    break outer;
                }
            }
        }
        Path bigFile = outDir.resolve("big.Dockerfile");
        Files.writeString(bigFile, big, StandardCharsets.UTF_8);
        Dockerfile parsed = Dockerfiles.parse(big.toString());
        long actual = parsed.instructions().size();
        System.out.printf(Locale.ROOT, "{\"tool\":\"prepare\",\"files\":%d,\"big_bytes\":%d,\"big_pieces\":%d,"
                + "\"skipped_escape_files\":%d,\"big_expected_instructions\":%d,\"big_instructions\":%d,"
                + "\"big_errors\":%d}%n", files.size(), bytes, pieces, skipped, expectedInstructions, actual,
                parsed.errors().size());
        if (actual != expectedInstructions) {
            System.out.printf("# WARNING: big file parses into %d instructions, its pieces into %d%n", actual,
                    expectedInstructions);
        }
    }

    /** The text without its parser directive lines, or null if it sets a non-default escape. */
    private static String stripDirectives(String text) {
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(pos, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (!DIRECTIVE.matcher(line).matches()) {
                break;
            }
            Matcher escape = ESCAPE.matcher(line);
            if (escape.matches() && !escape.group(1).equals("\\")) {
                return null;
            }
            pos = nl < 0 ? text.length() : nl + 1;
        }
        return text.substring(pos);
    }

    // ---------------------------------------------------------------- corpus

    private static void corpus(Path filesTxt, List<String> options) throws IOException {
        int warmupPasses = intOption(options, "--warmup-passes", 20);
        double warmupSeconds = Double.parseDouble(option(options, "--warmup-seconds", "10"));
        int passes = intOption(options, "--passes", 30);
        boolean phases = options.contains("--phases");

        List<String> paths = Files.readAllLines(filesTxt, StandardCharsets.UTF_8).stream()
                .filter(s -> !s.isBlank()).toList();
        String[] texts = new String[paths.size()];
        long bytes = 0;
        for (int i = 0; i < texts.length; i++) {
            byte[] raw = Files.readAllBytes(Path.of(paths.get(i)));
            bytes += raw.length;
            texts[i] = new String(raw, StandardCharsets.UTF_8);
        }

        long instructions = 0;
        long errorFiles = 0;
        for (String text : texts) {
            Dockerfile d = Dockerfiles.parse(text);
            instructions += d.instructions().size();
            errorFiles += d.errors().isEmpty() ? 0 : 1;
        }

        long start = System.nanoTime();
        int warm = 0;
        while (warm < warmupPasses || System.nanoTime() - start < (long) (warmupSeconds * 1e9)) {
            pass(texts);
            warm++;
        }
        double warmSeconds = (System.nanoTime() - start) / 1e9;

        double[] ms = new double[passes];
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            pass(texts);
            ms[p] = (System.nanoTime() - t0) / 1e6;
        }
        report("dftools", texts.length, bytes, instructions, errorFiles, warm, warmSeconds, ms);

        if (phases) {
            phases(texts, bytes, passes);
        }
    }

    private static void pass(String[] texts) {
        long n = 0;
        for (String text : texts) {
            Dockerfile d = Dockerfiles.parse(text);
            n += d.instructions().size() + d.comments().size();
        }
        sink += n;
    }

    static void report(String tool, int files, long bytes, long instructions, long errorFiles, int warm,
            double warmSeconds, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = median(sorted);
        double min = sorted[0];
        double mb = bytes / 1e6;
        System.out.printf(Locale.ROOT, "{\"tool\":\"%s\",\"bench\":\"corpus\",\"files\":%d,\"bytes\":%d,"
                + "\"instructions\":%d,\"files_with_errors\":%d,\"warmup_passes\":%d,\"warmup_s\":%.1f,"
                + "\"passes\":%d,\"median_ms\":%.3f,\"min_ms\":%.3f,\"median_files_per_s\":%.1f,"
                + "\"median_mb_per_s\":%.3f,\"best_files_per_s\":%.1f,\"best_mb_per_s\":%.3f}%n",
                tool, files, bytes, instructions, errorFiles, warm, warmSeconds, ms.length, median, min,
                files / (median / 1e3), mb / (median / 1e3), files / (min / 1e3), mb / (min / 1e3));
        System.out.printf(Locale.ROOT, "# %s corpus: %d files, %.2f MB, %d passes after %d warm-up passes"
                + " (%.1f s): median %.1f ms/pass = %.0f files/s, %.2f MB/s; best %.1f ms = %.0f files/s, %.2f MB/s%n",
                tool, files, mb, ms.length, warm, warmSeconds, median, files / (median / 1e3),
                mb / (median / 1e3), min, files / (min / 1e3), mb / (min / 1e3));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    // ---------------------------------------------------------------- phases

    /**
     * Splits a parse into what DockerfileParsing.parse does, step by step, using the public
     * generated lexer and parser: line index; lexing (lexer + token stream fill); lexing and
     * parse tree (SLL, as the real parse); the full Dockerfiles.parse. The AST building cost is
     * full minus (lexing + parse tree). Each phase runs the whole corpus per pass, phases
     * interleaved pass by pass so they see the same machine noise.
     */
    private static void phases(String[] texts, long bytes, int passes) {
        String[] names = {"line_index", "lex", "lex_parse", "full"};
        double[][] ms = new double[names.length][passes];
        for (int w = 0; w < 5; w++) {
            for (int ph = 0; ph < names.length; ph++) {
                phase(ph, texts);
            }
        }
        for (int p = 0; p < passes; p++) {
            for (int ph = 0; ph < names.length; ph++) {
                long t0 = System.nanoTime();
                phase(ph, texts);
                ms[ph][p] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double[] med = new double[names.length];
        StringBuilder json = new StringBuilder("{\"tool\":\"dftools\",\"bench\":\"phases\",\"passes\":" + passes);
        for (int ph = 0; ph < names.length; ph++) {
            double[] sorted = ms[ph].clone();
            Arrays.sort(sorted);
            med[ph] = median(sorted);
            json.append(String.format(Locale.ROOT, ",\"%s_median_ms\":%.3f", names[ph], med[ph]));
        }
        json.append('}');
        System.out.println(json);
        double full = med[3];
        double lex = med[1];
        double tree = med[2] - med[1];
        double ast = med[3] - med[2];
        System.out.printf(Locale.ROOT, "# dftools phases (median ms per corpus pass): full %.1f = lexing %.1f (%.0f%%)"
                + " + parse tree %.1f (%.0f%%) + AST building %.1f (%.0f%%); line index alone %.1f%n",
                full, lex, 100 * lex / full, tree, 100 * tree / full, ast, 100 * ast / full, med[0]);
        // tokens per pass, for scale
        long tokens = 0;
        for (String text : texts) {
            DockerfileLexer lexer = new DockerfileLexer(CharStreams.fromString(text));
            lexer.removeErrorListeners();
            CommonTokenStream stream = new CommonTokenStream(lexer);
            stream.fill();
            tokens += stream.size();
        }
        // how often the lexer's DFA cache is bypassed (see CountingLexer)
        for (String text : texts) {
            CountingLexer lexer = new CountingLexer(CharStreams.fromString(text));
            lexer.removeErrorListeners();
            new CommonTokenStream(lexer).fill();
        }
        long chars = 0;
        for (String text : texts) {
            chars += text.length();
        }
        System.out.printf(Locale.ROOT, "{\"tool\":\"dftools\",\"bench\":\"tokens\",\"tokens_per_pass\":%d,"
                + "\"bytes_per_pass\":%d,\"chars_per_pass\":%d,\"lexer_matches\":%d,\"lexer_start_state_misses\":%d,"
                + "\"lexer_edge_misses\":%d,\"lexer_predicate_evals\":%d}%n", tokens, bytes, chars,
                CountingLexer.tokens, CountingLexer.startStateMisses, CountingLexer.edgeMisses, CountingLexer.predicates);
        System.out.printf(Locale.ROOT, "# dftools lexer, one warm pass: %d token matches, %d (%.0f%%) started from a full"
                + " ATN closure (no cached DFA start state), %d ATN (non-DFA) steps for %d chars, %d predicate calls%n",
                CountingLexer.tokens, CountingLexer.startStateMisses,
                100.0 * CountingLexer.startStateMisses / Math.max(1, CountingLexer.tokens), CountingLexer.edgeMisses,
                chars, CountingLexer.predicates);
    }

    private static void phase(int ph, String[] texts) {
        long n = 0;
        for (String text : texts) {
            switch (ph) {
                case 0 -> n += LineIndex.of(text).hashCode();
                case 1 -> {
                    DockerfileLexer lexer = new DockerfileLexer(CharStreams.fromString(text));
                    lexer.removeErrorListeners();
                    CommonTokenStream stream = new CommonTokenStream(lexer);
                    stream.fill();
                    n += stream.size();
                }
                case 2 -> {
                    DockerfileLexer lexer = new DockerfileLexer(CharStreams.fromString(text));
                    lexer.removeErrorListeners();
                    CommonTokenStream stream = new CommonTokenStream(lexer);
                    stream.fill();
                    DockerfileParser parser = new DockerfileParser(stream);
                    parser.removeErrorListeners();
                    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
                    n += parser.dockerfile().getChildCount();
                }
                default -> {
                    Dockerfile d = Dockerfiles.parse(text);
                    n += d.instructions().size();
                }
            }
        }
        sink += n;
    }

    // ---------------------------------------------------------------- big

    private static void big(Path file, List<String> options) throws IOException {
        int runs = intOption(options, "--runs", 6);
        byte[] raw = Files.readAllBytes(file);
        String text = new String(raw, StandardCharsets.UTF_8);
        double[] ms = new double[runs];
        long instructions = 0;
        long errors = 0;
        double maxSeconds = Double.parseDouble(option(options, "--max-seconds", "120"));
        long begin = System.nanoTime();
        int done = 0;
        while (done < runs && (done < 2 || System.nanoTime() - begin < maxSeconds * 1e9)) {
            long t0 = System.nanoTime();
            Dockerfile d = Dockerfiles.parse(text);
            ms[done++] = (System.nanoTime() - t0) / 1e6;
            instructions = d.instructions().size();
            errors = d.errors().size();
        }
        bigReport("dftools", raw.length, instructions, errors, Arrays.copyOf(ms, done));
    }

    static void bigReport(String tool, long bytes, long instructions, long errors, double[] ms) {
        double[] warm = Arrays.copyOfRange(ms, 1, ms.length);
        Arrays.sort(warm);
        double median = warm.length == 0 ? Double.NaN : median(warm);
        double min = warm.length == 0 ? Double.NaN : warm[0];
        StringBuilder all = new StringBuilder();
        for (double m : ms) {
            all.append(all.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", m));
        }
        System.out.printf(Locale.ROOT, "{\"tool\":\"%s\",\"bench\":\"big\",\"bytes\":%d,\"instructions\":%d,"
                + "\"errors\":%d,\"runs\":%d,\"cold_ms\":%.1f,\"warm_median_ms\":%.1f,\"warm_min_ms\":%.1f,"
                + "\"all_ms\":[%s]}%n", tool, bytes, instructions, errors, ms.length, ms[0], median, min, all);
        System.out.printf(Locale.ROOT, "# %s big file: %.2f MB, %d instructions: cold %.0f ms, warm median %.0f ms,"
                + " best %.0f ms%n", tool, bytes / 1e6, instructions, ms[0], median, min);
    }

    // ---------------------------------------------------------------- options

    private static String option(List<String> options, String name, String dflt) {
        int i = options.indexOf(name);
        return i >= 0 && i + 1 < options.size() ? options.get(i + 1) : dflt;
    }

    private static int intOption(List<String> options, String name, int dflt) {
        return Integer.parseInt(option(options, name, Integer.toString(dflt)));
    }
}
