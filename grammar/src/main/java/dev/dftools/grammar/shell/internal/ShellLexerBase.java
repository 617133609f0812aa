package dev.dftools.grammar.shell.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The lexer's state. A shell lexer depends on the parse: {@code if} is a reserved word only in
 * command position, {@code in} only after {@code for x} or {@code case w}, {@code esac} also
 * in pattern position, and a here-document body starts at the next newline. Like real shells,
 * we track that from the tokens already emitted, which keeps the parser grammar simple and
 * LL(1) almost everywhere.
 */
public abstract class ShellLexerBase extends Lexer {

    /** A here-document found by the lexer, as spans of the text. */
    public record HeredocSpan(int delimiterStart, int delimiterEnd, String delimiter, boolean quoted, boolean stripTabs,
            int bodyStart, int bodyEnd, boolean terminated) {
    }

    private enum Expect { NONE, REDIRECT_TARGET, HEREDOC_DELIMITER, FOR_NAME, FOR_IN, CASE_SUBJECT, CASE_IN, PATTERN }

    private final String source;
    private final List<WordScanner.Problem> problems = new ArrayList<>();
    private final List<HeredocSpan> heredocs = new ArrayList<>();
    private final Map<Integer, HeredocSpan> heredocsByDelimiter = new HashMap<>();
    /** Here-documents whose delimiter was read and whose body starts at the next newline. */
    private final Deque<HeredocSpan> pending = new ArrayDeque<>();

    private boolean commandPosition = true;
    private Expect expect = Expect.NONE;
    private boolean nextHeredocStripsTabs;

    protected ShellLexerBase(CharStream input) {
        super(input);
        this.source = input.getText(org.antlr.v4.runtime.misc.Interval.of(0, input.size() - 1));
    }

    public List<WordScanner.Problem> problems() {
        return problems;
    }

    public List<HeredocSpan> heredocs() {
        return heredocs;
    }

    /** Action of WORD: the rule matched the first char(s); read the rest of the word by hand. */
    protected void scanWord() {
        int start = _tokenStartCharIndex;
        int end = WordScanner.scan(source, start, source.length(), WordScanner.Mode.NORMAL, null, problems);
        _input.seek(Math.max(end, _input.index()));
        if (end < source.length() && (source.charAt(end) == '<' || source.charAt(end) == '>')
                && isDigits(start, end) && expect != Expect.HEREDOC_DELIMITER) {
            setType(ShellLexer.IO_NUMBER);
        }
    }

    /** Action of TEST_WORD: a word inside [[ ]]; ]] ends the test. */
    protected void scanTestWord() {
        int start = _tokenStartCharIndex;
        int end = WordScanner.scan(source, start, source.length(), WordScanner.Mode.TEST, null, problems);
        _input.seek(Math.max(end, _input.index()));
        setType(ShellLexer.WORD);
        if (end - start == 2 && source.startsWith("]]", start)) {
            popMode();
        }
    }

    protected void onHeredocOperator(boolean stripTabs) {
        nextHeredocStripsTabs = stripTabs;
    }

    private boolean isDigits(int from, int to) {
        for (int k = from; k < to; k++) {
            char c = source.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return to > from;
    }

    @Override
    public Token nextToken() {
        Token token = super.nextToken();
        if (token.getChannel() != Token.DEFAULT_CHANNEL) {
            return token;
        }
        int type = token.getType();
        if (type == ShellLexer.WORD) {
            onWord((WritableToken) token);
        } else if (type == ShellLexer.NEWLINE) {
            commandPosition = true;
            if (expect != Expect.PATTERN && expect != Expect.FOR_IN && expect != Expect.CASE_IN) {
                expect = Expect.NONE;
            }
            readHeredocBodies();
        } else if (type == ShellLexer.DLESS || type == ShellLexer.DLESSDASH) {
            expect = Expect.HEREDOC_DELIMITER;
        } else if (isRedirectOperator(type)) {
            expect = Expect.REDIRECT_TARGET;
        } else if (type == ShellLexer.DSEMI) {
            expect = Expect.PATTERN;
            commandPosition = false;
        } else if (type == ShellLexer.RPAREN) {
            if (expect == Expect.PATTERN) {
                expect = Expect.NONE;
            }
            commandPosition = true;
        } else if (expect == Expect.PATTERN && (type == ShellLexer.PIPE || type == ShellLexer.LPAREN)) {
            commandPosition = false;
        } else if (type != ShellLexer.IO_NUMBER && type != Token.EOF) {
            // ; & && || | |& ( : a command may start next
            expect = Expect.NONE;
            commandPosition = true;
        }
        if (type == Token.EOF) {
            // a here-document operator on the last line: its body was given elsewhere (a
            // Dockerfile heredoc) or is missing; either way there is nothing to read
            pending.clear();
        }
        return token;
    }

    private static boolean isRedirectOperator(int type) {
        return switch (type) {
            case ShellLexer.LESS, ShellLexer.GREAT, ShellLexer.DGREAT, ShellLexer.LESSAND, ShellLexer.GREATAND,
                    ShellLexer.LESSGREAT, ShellLexer.CLOBBER, ShellLexer.AND_GREAT, ShellLexer.AND_DGREAT,
                    ShellLexer.TLESS -> true;
            default -> false;
        };
    }

    private void onWord(WritableToken token) {
        String text = source.substring(token.getStartIndex(), token.getStopIndex() + 1);
        switch (expect) {
            case HEREDOC_DELIMITER -> {
                pending.add(heredocDelimiter(token.getStartIndex(), text));
                expect = Expect.NONE;
                commandPosition = false;
            }
            case REDIRECT_TARGET -> {
                expect = Expect.NONE;
                commandPosition = false;
            }
            case FOR_NAME -> {
                expect = Expect.FOR_IN;
                commandPosition = false;
            }
            case FOR_IN -> {
                expect = Expect.NONE;
                if (text.equals("in")) {
                    token.setType(ShellLexer.IN);
                    commandPosition = false;
                } else if (text.equals("do")) {
                    token.setType(ShellLexer.DO);
                    commandPosition = true;
                } else {
                    commandPosition = false;
                }
            }
            case CASE_SUBJECT -> {
                expect = Expect.CASE_IN;
                commandPosition = false;
            }
            case CASE_IN -> {
                if (text.equals("in")) {
                    token.setType(ShellLexer.IN);
                    expect = Expect.PATTERN;
                } else {
                    expect = Expect.NONE;
                }
                commandPosition = false;
            }
            case PATTERN -> {
                if (text.equals("esac")) {
                    token.setType(ShellLexer.ESAC);
                    expect = Expect.NONE;
                    commandPosition = true;
                }
            }
            case NONE -> {
                int keyword = commandPosition ? reservedWord(text) : -1;
                if (keyword < 0) {
                    if (commandPosition && text.equals("[[") && _mode == DEFAULT_MODE) {
                        pushMode(ShellLexer.TEST);
                    }
                    commandPosition = false;
                    return;
                }
                token.setType(keyword);
                if (keyword == ShellLexer.FOR) {
                    expect = Expect.FOR_NAME;
                    commandPosition = false;
                } else if (keyword == ShellLexer.CASE) {
                    expect = Expect.CASE_SUBJECT;
                    commandPosition = false;
                } else {
                    commandPosition = true;
                }
            }
        }
    }

    private static int reservedWord(String text) {
        return switch (text) {
            case "if" -> ShellLexer.IF;
            case "then" -> ShellLexer.THEN;
            case "else" -> ShellLexer.ELSE;
            case "elif" -> ShellLexer.ELIF;
            case "fi" -> ShellLexer.FI;
            case "for" -> ShellLexer.FOR;
            case "do" -> ShellLexer.DO;
            case "done" -> ShellLexer.DONE;
            case "while" -> ShellLexer.WHILE;
            case "until" -> ShellLexer.UNTIL;
            case "case" -> ShellLexer.CASE;
            case "esac" -> ShellLexer.ESAC;
            case "{" -> ShellLexer.LBRACE;
            case "}" -> ShellLexer.RBRACE;
            case "!" -> ShellLexer.BANG;
            default -> -1;
        };
    }

    private HeredocSpan heredocDelimiter(int start, String word) {
        // quote removal on the delimiter; any quoting disables expansion in the body
        StringBuilder delimiter = new StringBuilder();
        boolean quoted = false;
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (c == '\'' || c == '"') {
                quoted = true;
            } else if (c == '\\' && k + 1 < word.length()) {
                quoted = true;
                delimiter.append(word.charAt(++k));
            } else {
                delimiter.append(c);
            }
        }
        return new HeredocSpan(start, start + word.length(), delimiter.toString(), quoted, nextHeredocStripsTabs, -1, -1, false);
    }

    /** After a newline: consume the bodies of pending here-documents, in order. */
    private void readHeredocBodies() {
        int n = source.length();
        int pos = _input.index();
        while (!pending.isEmpty()) {
            HeredocSpan h = pending.poll();
            int bodyStart = pos;
            int bodyEnd = -1;
            while (pos < n) {
                int eol = source.indexOf('\n', pos);
                int lineEnd = eol < 0 ? n : eol;
                int next = eol < 0 ? n : eol + 1;
                int from = pos;
                if (h.stripTabs()) {
                    while (from < lineEnd && source.charAt(from) == '\t') {
                        from++;
                    }
                }
                int to = lineEnd > from && source.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
                if (source.regionMatches(from, h.delimiter(), 0, h.delimiter().length())
                        && to - from == h.delimiter().length()) {
                    bodyEnd = pos;
                    pos = next;
                    break;
                }
                pos = next;
            }
            boolean terminated = bodyEnd >= 0;
            if (!terminated && bodyStart >= n) {
                // an earlier body already ran to the end: nothing left to scan (keeps a line of
                // many unterminated "<<X" linear)
                bodyEnd = n;
            } else if (!terminated) {
                bodyEnd = n;
                problems.add(new WordScanner.Problem("here-document delimited by end of input (wanted '"
                        + h.delimiter() + "')", h.delimiterStart(), h.delimiterEnd()));
            }
            HeredocSpan read = new HeredocSpan(h.delimiterStart(), h.delimiterEnd(), h.delimiter(), h.quoted(),
                    h.stripTabs(), bodyStart, bodyEnd, terminated);
            heredocs.add(read);
            heredocsByDelimiter.put(read.delimiterStart(), read);
        }
        _input.seek(pos);
    }

    /** The span of the heredoc whose delimiter word starts at {@code delimiterStart}, if read. */
    public @Nullable HeredocSpan heredocAt(int delimiterStart) {
        return heredocsByDelimiter.get(delimiterStart);
    }
}
