package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.SourceText;
import java.util.Arrays;

/**
 * A script assembled for an external tool, with the Dockerfile offset of each of its chars, so
 * that line/column positions the tool reports map back to exact source ranges. Synthetic chars
 * (a shebang, exports) carry an anchor offset.
 */
final class MappedScript {

    private final StringBuilder text = new StringBuilder();
    private int[] offsets = new int[256];
    /** Whether each char is synthetic. */
    private boolean[] synthetic = new boolean[256];

    void appendSynthetic(String s, int anchorOffset) {
        for (int i = 0; i < s.length(); i++) {
            add(s.charAt(i), anchorOffset, true);
        }
    }

    /**
     * Appends shell text. Where BuildKit joined continuation lines (the next char comes from a
     * later source line), a {@code \}-newline is put back, so the tool sees the lines as written
     * (joined lines would show it runs of spaces that are not in the file).
     */
    void appendShell(SourceText source, String dockerfileText) {
        for (int i = 0; i < source.length(); i++) {
            int off = source.sourceOffset(i);
            if (i > 0) {
                int prev = source.sourceOffset(i - 1);
                char prevChar = source.text().charAt(i - 1);
                if (off > prev + 1 && prevChar != '\n' && containsNewline(dockerfileText, prev + 1, off)) {
                    add('\\', prev + 1, true);
                    add('\n', prev + 1, true);
                }
            }
            add(source.text().charAt(i), off, false);
        }
    }

    private static boolean containsNewline(String text, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(to, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                return true;
            }
        }
        return false;
    }

    private void add(char c, int offset, boolean isSynthetic) {
        int n = text.length();
        if (n == offsets.length) {
            offsets = Arrays.copyOf(offsets, n * 2);
            synthetic = Arrays.copyOf(synthetic, n * 2);
        }
        offsets[n] = offset;
        synthetic[n] = isSynthetic;
        text.append(c);
    }

    String text() {
        return text.toString();
    }

    /** The script index of a 1-based line and column (columns count chars, tabs as one). */
    int index(LineIndex scriptLines, int line, int column) {
        return scriptLines.offset(line, column);
    }

    /**
     * The source range of the script chars [from, to); null when it lies entirely in synthetic
     * text.
     */
    SourceRange range(LineIndex dockerfileLines, int from, int to) {
        int f = Math.max(0, Math.min(from, text.length()));
        int t = Math.max(f, Math.min(to, text.length()));
        int firstReal = -1;
        int lastReal = -1;
        for (int i = f; i < t; i++) {
            if (!synthetic[i]) {
                if (firstReal < 0) {
                    firstReal = i;
                }
                lastReal = i;
            }
        }
        if (firstReal < 0) {
            // an empty range or synthetic text: the position right after the previous real char,
            // else right before the next one
            if (f > 0 && !synthetic[f - 1]) {
                return dockerfileLines.range(offsets[f - 1] + 1, offsets[f - 1] + 1);
            }
            if (f < text.length() && !synthetic[f]) {
                return dockerfileLines.range(offsets[f], offsets[f]);
            }
            return null;
        }
        return dockerfileLines.range(offsets[firstReal], offsets[lastReal] + 1);
    }

    boolean isSynthetic(int index) {
        return index < text.length() && synthetic[index];
    }
}
