package dev.dftools.lsp.model;

import java.util.function.Consumer;

/**
 * Finds {@code $NAME} and {@code ${NAME…}} in a piece of text in one pass. Quoting follows the
 * shell (and BuildKit's lexer): nothing expands inside single quotes, the escape character
 * protects the next char; in heredoc bodies quotes are literal and only the escape counts.
 */
public final class VariableScanner {

    /** A reference found at text indices: {@code [start, end)} whole, {@code [nameStart, nameEnd)} the name. */
    public record Found(String name, int start, int end, int nameStart, int nameEnd) {
    }

    private VariableScanner() {
    }

    public static void scan(CharSequence text, int from, int to, char escape, boolean quotesAreLiteral,
            Consumer<Found> sink) {
        boolean single = false;
        boolean dbl = false;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (single) {
                if (c == '\'') {
                    single = false;
                }
                i++;
            } else if (c == escape) {
                i += 2;
            } else if (c == '\'' && !dbl && !quotesAreLiteral) {
                single = true;
                i++;
            } else if (c == '"' && !quotesAreLiteral) {
                dbl = !dbl;
                i++;
            } else if (c == '$' && i + 1 < to) {
                i = reference(text, i, to, sink);
            } else {
                i++;
            }
        }
    }

    /** Reports the reference at {@code dollar} (if any) and returns where scanning goes on. */
    private static int reference(CharSequence text, int dollar, int to, Consumer<Found> sink) {
        int i = dollar + 1;
        boolean braced = text.charAt(i) == '{';
        if (braced) {
            i++;
        }
        int nameStart = i;
        while (i < to && isNameChar(text.charAt(i))) {
            i++;
        }
        if (i == nameStart || Character.isDigit(text.charAt(nameStart))) {
            return Math.max(i, dollar + 1);
        }
        int end = i;
        if (braced && i < to && text.charAt(i) == '}') {
            end = i + 1;
        }
        sink.accept(new Found(text.subSequence(nameStart, i).toString(), dollar, end, nameStart, i));
        // operator words of ${a:-$b} are scanned by the caller's loop
        return i;
    }

    public static boolean isNameChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** A valid ARG/ENV name for rename: letters, digits and {@code _}, not starting with a digit. */
    public static boolean isValidName(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
