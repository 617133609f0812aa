package dev.dftools.grammar.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.dftools.grammar.ast.SourcePosition;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.SourceText;
import dev.dftools.grammar.shell.internal.WordScanner;

/** Builds {@link Word}s from spans of the shell text: quote removal with source offsets. */
final class Words {

    private Words() {
    }

    /** Collects value chars and, for each, the index in the shell text it came from. */
    private static final class ValueBuilder {
        final StringBuilder chars = new StringBuilder();
        int[] indexes = new int[16];

        void add(char c, int index) {
            if (chars.length() == indexes.length) {
                indexes = Arrays.copyOf(indexes, indexes.length * 2);
            }
            indexes[chars.length()] = index;
            chars.append(c);
        }

        void addRaw(String s, int from, int to) {
            for (int k = from; k < to; k++) {
                add(s.charAt(k), k);
            }
        }
    }

    /** The word at [start, end) of the text. */
    static Word word(SourceText text, int start, int end) {
        String s = text.text();
        while (start < end && WordScanner.isContinuation(s, start)) {
            start += s.charAt(start + 1) == '\n' ? 2 : 3;
        }
        List<WordScanner.Part> scanned = WordScanner.parts(s, start, end);
        ValueBuilder all = new ValueBuilder();
        List<WordPart> parts = new ArrayList<>(scanned.size());
        boolean expands = false;
        boolean quoted = false;
        for (WordScanner.Part p : scanned) {
            if (p.kind() == WordScanner.PartKind.CONTINUATION) {
                continue;
            }
            ValueBuilder value = new ValueBuilder();
            boolean partExpands = partValue(s, p, value);
            WordPart.Kind kind = WordPart.Kind.valueOf(p.kind().name());
            WordPart part = new WordPart(kind, s.substring(p.start(), p.end()), value.chars.toString(),
                    text.range(p.start(), p.end()), partExpands);
            parts.add(part);
            expands |= partExpands;
            quoted |= part.isQuoted();
            for (int k = 0; k < value.chars.length(); k++) {
                all.add(value.chars.charAt(k), value.indexes[k]);
            }
        }
        String value = all.chars.toString();
        int[] offsets = new int[value.length() + 1];
        for (int k = 0; k < value.length(); k++) {
            offsets[k] = text.sourceOffset(all.indexes[k]);
        }
        offsets[value.length()] = value.isEmpty() ? text.sourceOffset(start) : offsets[value.length() - 1] + 1;
        SourceText valueText = SourceText.of(value, offsets, text.lines());
        return new Word(s.substring(start, end), value, text.range(start, end), parts, expands, quoted, valueText);
    }

    /** Appends the part's value; returns whether it expands at run time. */
    private static boolean partValue(String s, WordScanner.Part p, ValueBuilder out) {
        int ps = p.start();
        int pe = p.end();
        switch (p.kind()) {
            case ESCAPE -> {
                out.add(s.charAt(pe - 1), pe - 1);
                return false;
            }
            case SINGLE_QUOTED -> {
                out.addRaw(s, ps + 1, closed(s, ps, pe, '\'') ? pe - 1 : pe);
                return false;
            }
            case ANSI_C_QUOTED -> {
                ansiC(s, ps + 2, closed(s, ps + 1, pe, '\'') ? pe - 1 : pe, out);
                return false;
            }
            case DOUBLE_QUOTED -> {
                return doubleQuoted(s, ps + 1, closed(s, ps, pe, '"') ? pe - 1 : pe, out);
            }
            case LITERAL -> {
                out.addRaw(s, ps, pe);
                return false;
            }
            default -> {
                // expansions and substitutions stay as written
                out.addRaw(s, ps, pe);
                return p.kind() != WordScanner.PartKind.CONTINUATION;
            }
        }
    }

    private static boolean closed(String s, int open, int end, char quote) {
        return end - open >= 2 && s.charAt(end - 1) == quote;
    }

    private static boolean doubleQuoted(String s, int from, int to, ValueBuilder out) {
        boolean expands = false;
        int k = from;
        while (k < to) {
            char c = s.charAt(k);
            if (c == '\\' && k + 1 < to) {
                char next = s.charAt(k + 1);
                if (next == '$' || next == '`' || next == '"' || next == '\\') {
                    out.add(next, k + 1);
                    k += 2;
                } else if (WordScanner.isContinuation(s, k)) {
                    k += next == '\n' ? 2 : 3;
                } else {
                    out.add(c, k);
                    k++;
                }
            } else if ((c == '$' && WordScanner.isExpansionStart(s, k)) || c == '`') {
                int end = Math.min(to, WordScanner.expansionEnd(s, k));
                out.addRaw(s, k, end);
                expands = true;
                k = Math.max(end, k + 1);
            } else {
                out.add(c, k);
                k++;
            }
        }
        return expands;
    }

    private static void ansiC(String s, int from, int to, ValueBuilder out) {
        int k = from;
        while (k < to) {
            char c = s.charAt(k);
            if (c == '\\' && k + 1 < to) {
                char next = s.charAt(k + 1);
                char resolved = switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'a' -> '\u0007';
                    case 'b' -> '\b';
                    case 'e', 'E' -> '\u001b';
                    case 'f' -> '\f';
                    case 'v' -> '\u000b';
                    case '\\', '\'', '"', '?' -> next;
                    default -> '\0';
                };
                if (resolved == '\0') {
                    out.add(c, k);
                    out.add(next, k + 1);
                } else {
                    out.add(resolved, k + 1);
                }
                k += 2;
            } else {
                out.add(c, k);
                k++;
            }
        }
    }

    /** The word as {@code NAME=value} or {@code NAME+=value}, or null if it is not one. */
    static @Nullable Assignment asAssignment(Word w) {
        String raw = w.raw();
        int i = 0;
        while (i < raw.length() && isNameChar(raw.charAt(i))) {
            i++;
        }
        if (i == 0 || Character.isDigit(raw.charAt(0)) || i >= raw.length()) {
            return null;
        }
        boolean append = raw.charAt(i) == '+';
        int eq = append ? i + 1 : i;
        if (eq >= raw.length() || raw.charAt(eq) != '=' || w.parts().isEmpty()) {
            return null;
        }
        WordPart first = w.parts().get(0);
        if (first.kind() != WordPart.Kind.LITERAL || first.raw().length() <= eq) {
            return null;
        }
        // name chars and '=' are plain, so raw and value agree up to the '='
        SourceText vt = w.valueText();
        SourcePosition start = vt.lines().position(vt.sourceOffset(eq) + 1);
        SourcePosition end = w.range().end();
        if (end.offset() < start.offset()) {
            start = end;
        }
        List<WordPart> parts = new ArrayList<>(w.parts().size());
        if (first.raw().length() > eq + 1) {
            parts.add(new WordPart(WordPart.Kind.LITERAL, first.raw().substring(eq + 1),
                    first.value().substring(eq + 1), new SourceRange(start, first.range().end()), false));
        }
        parts.addAll(w.parts().subList(1, w.parts().size()));
        boolean expands = false;
        boolean quoted = false;
        for (WordPart p : parts) {
            expands |= p.expands();
            quoted |= p.isQuoted();
        }
        Word value = new Word(raw.substring(eq + 1), w.value().substring(eq + 1), new SourceRange(start, end), parts,
                expands, quoted, vt.slice(eq + 1, vt.length()));
        return new Assignment(raw.substring(0, i), value, w, append);
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
