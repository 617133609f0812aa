package dev.dftools.lint.rules.copy;

import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;
import dev.dftools.grammar.expand.Env;
import dev.dftools.grammar.expand.Expansion;
import dev.dftools.grammar.expand.ExpansionException;
import dev.dftools.grammar.expand.ShellLex;
import dev.dftools.lint.Analysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jdt.annotation.Nullable;

/** What the COPY/ADD rules need to know about an instruction's sources and destination. */
final class CopySources {

    /** Extensions BuildKit's ADD (and hadolint) treat as local archives. */
    static final List<String> ARCHIVE_EXTENSIONS = List.of(".tar", ".gz", ".bz2", ".xz", ".tgz", ".Z", ".lz",
            ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tlz", ".tpz", ".txz");

    enum Kind { LOCAL, REMOTE, HEREDOC }

    /**
     * One source word.
     *
     * @param value the path as the builder sees it: quotes removed; null when it uses variables
     *              (we do not guess their build-time value) or does not parse
     */
    record Source(Word word, Kind kind, @Nullable String value) {

        boolean isLocal() {
            return kind == Kind.LOCAL;
        }

        /** The text with quotes removed, variables left as written (for messages and heuristics). */
        String text() {
            return value != null ? value : unquote(word.value());
        }
    }

    private CopySources() {
    }

    /** COPY and ADD; null for other instructions. */
    static @Nullable List<Word> rawSources(Instruction instruction) {
        if (instruction instanceof Instruction.Copy copy) {
            return copy.sources();
        }
        if (instruction instanceof Instruction.Add add) {
            return add.sources();
        }
        return null;
    }

    static @Nullable Word destination(Instruction instruction) {
        if (instruction instanceof Instruction.Copy copy) {
            return copy.destination();
        }
        if (instruction instanceof Instruction.Add add) {
            return add.destination();
        }
        return null;
    }

    /** {@code COPY --from=...}: the sources are in another stage or image, not in the context. */
    static boolean fromElsewhere(Instruction instruction) {
        return instruction.flag("from").isPresent();
    }

    /** A COPY or ADD whose sources come from the build context (not {@code --from} another stage or image). */
    static boolean readsContext(Instruction instruction) {
        return rawSources(instruction) != null && !fromElsewhere(instruction);
    }

    static List<Source> sources(Instruction instruction, Analysis analysis) {
        List<Word> raw = rawSources(instruction);
        if (raw == null) {
            return List.of();
        }
        ShellLex lex = new ShellLex(analysis.dockerfile().escape());
        List<Source> result = new ArrayList<>();
        for (Word word : raw) {
            if (isHeredoc(word, instruction)) {
                result.add(new Source(word, Kind.HEREDOC, null));
                continue;
            }
            String value = expand(lex, word.value());
            String text = value != null ? value : unquote(word.value());
            result.add(new Source(word, isRemote(text) ? Kind.REMOTE : Kind.LOCAL, value));
        }
        return result;
    }

    /** The word with quotes removed, or null when it refers to variables or does not parse. */
    static @Nullable String expand(ShellLex lex, String word) {
        try {
            Expansion expansion = lex.processWord(word, Env.empty());
            return expansion.referenced().isEmpty() ? expansion.value() : null;
        } catch (ExpansionException e) {
            return null;
        }
    }

    private static boolean isHeredoc(Word word, Instruction instruction) {
        for (Heredoc heredoc : instruction.heredocs()) {
            if (heredoc.opener().range().equals(word.range())) {
                return true;
            }
        }
        return false;
    }

    /** URLs and git sources, which ADD fetches instead of reading the context. */
    static boolean isRemote(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("git@")
                || lower.startsWith("git://") || lower.startsWith("ssh://");
    }

    static boolean isArchive(String path) {
        return ARCHIVE_EXTENSIONS.stream().anyMatch(path::endsWith);
    }

    /** Surrounding quotes stripped, the rest kept: what hadolint compares. */
    static String unquote(String text) {
        String t = text;
        if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.charAt(t.length() - 1) == t.charAt(0)) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    /** The last path component, with {@code /} or {@code \} as separator (Windows images too). */
    static String basename(String path) {
        String p = path;
        while (p.length() > 1 && (p.endsWith("/") || p.endsWith("\\"))) {
            p = p.substring(0, p.length() - 1);
        }
        int cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        return p.substring(cut + 1);
    }

    /** The raw source text of a word (quotes and all), from the Dockerfile. */
    static String rawText(Word word, Analysis analysis) {
        return analysis.dockerfile().text().substring(word.range().start().offset(), word.range().end().offset());
    }

    /** The keyword's case, applied to another keyword: {@code add} becomes {@code copy}. */
    static String sameCase(String keyword, String replacement) {
        return keyword.equals(keyword.toLowerCase(Locale.ROOT)) ? replacement.toLowerCase(Locale.ROOT)
                : replacement.toUpperCase(Locale.ROOT);
    }
}
