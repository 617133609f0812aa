package dev.dftools.grammar.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the heredocs opened on a RUN/COPY/ADD line, as BuildKit's heredocsFromLine does: the
 * line is split into shell-like words (quotes and escapes kept), and each word of the shape
 * {@code [fd]<<[-]DELIM} whose delimiter is exactly one word opens a heredoc. Quoting any part
 * of the delimiter turns off expansion of the body.
 */
final class HeredocDetector {

    private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)([^<]*)$");

    /** A heredoc opener; {@code start..end} is the span of its word in the line. */
    record Opener(String name, boolean expand, boolean chomp, int fileDescriptor, int start, int end) {
    }

    /** BuildKit rejects a heredoc word with unbalanced quotes. */
    static final class HeredocError extends Exception {
        private static final long serialVersionUID = 1L;
        final int start;
        final int end;

        HeredocError(String message, int start, int end) {
            super(message, null, false, false);
            this.start = start;
            this.end = end;
        }
    }

    private HeredocDetector() {
    }

    static List<Opener> detect(String line) throws HeredocError {
        List<Opener> openers = new ArrayList<>();
        if (!line.contains("<<")) {
            return openers;
        }
        List<int[]> spans = new ArrayList<>();
        List<String> words;
        try {
            words = ShellWords.split(line, true, true, spans);
        } catch (ShellWords.UnterminatedQuote e) {
            return openers; // BuildKit ignores lexing errors of the whole line here
        }
        for (int i = 0; i < words.size(); i++) {
            Matcher m = HEREDOC.matcher(words.get(i));
            if (!m.matches() || m.group(3).isEmpty()) {
                continue;
            }
            int[] span = spans.get(i);
            String rest = m.group(3);
            List<String> plain;
            List<String> raw;
            try {
                plain = ShellWords.split(rest, false, false, null);
                if (plain.size() != 1) {
                    continue;
                }
                raw = ShellWords.split(rest, true, false, null);
            } catch (ShellWords.UnterminatedQuote e) {
                throw new HeredocError("unexpected end of statement while looking for matching "
                        + e.quote, span[0], span[1]);
            }
            String name = plain.get(0);
            boolean expand = quoteCount(name) == quoteCount(raw.get(0));
            int fd = m.group(1).isEmpty() ? 0 : parseFd(m.group(1));
            openers.add(new Opener(name, expand, m.group(2).equals("-"), fd, span[0], span[1]));
        }
        return openers;
    }

    private static int parseFd(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int quoteCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                n++;
            }
        }
        return n;
    }

    /** The subset of BuildKit's shell lexer heredoc detection needs: no variables are set. */
    static final class ShellWords {

        static final class UnterminatedQuote extends Exception {
            private static final long serialVersionUID = 1L;
            final char quote;

            UnterminatedQuote(char quote) {
                super(null, null, false, false);
                this.quote = quote;
            }
        }

        private ShellWords() {
        }

        /**
         * @param spans when not null, receives {start, end} of each word in {@code s}
         */
        static List<String> split(String s, boolean rawQuotes, boolean rawEscapes, List<int[]> spans)
                throws UnterminatedQuote {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean inWord = false;
            int start = 0;
            int i = 0;
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (GoText.isSpace(c)) {
                    if (inWord) {
                        words.add(word.toString());
                        if (spans != null) {
                            spans.add(new int[] {start, i});
                        }
                        word.setLength(0);
                        inWord = false;
                    }
                    i++;
                    continue;
                }
                if (!inWord) {
                    inWord = true;
                    start = i;
                }
                if (c == '\\') {
                    if (i + 1 >= n) {
                        i++;
                        continue;
                    }
                    if (rawEscapes) {
                        word.append(c);
                    }
                    word.append(s.charAt(i + 1));
                    i += 2;
                } else if (c == '\'') {
                    int close = s.indexOf('\'', i + 1);
                    if (close < 0) {
                        throw new UnterminatedQuote('\'');
                    }
                    word.append(s, rawQuotes ? i : i + 1, rawQuotes ? close + 1 : close);
                    i = close + 1;
                } else if (c == '"') {
                    if (rawQuotes) {
                        word.append(c);
                    }
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char d = s.charAt(i);
                        if (d == '"') {
                            closed = true;
                            i++;
                            break;
                        }
                        if (d == '\\' && i + 1 < n && "\"$\\".indexOf(s.charAt(i + 1)) >= 0) {
                            if (rawEscapes) {
                                word.append(d);
                            }
                            word.append(s.charAt(i + 1));
                            i += 2;
                            continue;
                        }
                        word.append(d);
                        i++;
                    }
                    if (!closed) {
                        throw new UnterminatedQuote('"');
                    }
                    if (rawQuotes) {
                        word.append('"');
                    }
                } else {
                    word.append(c);
                    i++;
                }
            }
            if (inWord) {
                words.add(word.toString());
                if (spans != null) {
                    spans.add(new int[] {start, n});
                }
            }
            return words;
        }
    }
}
