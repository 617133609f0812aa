package dev.dftools.grammar.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Token;

/**
 * The state behind DockerfileLexer: the escape character (set by {@code # escape=}), whether
 * parser directives may still appear, whether the current line follows a continuation, which
 * heredoc delimiters are still to be read, and the mode switches between them. Grammar actions
 * and predicates are one-line calls into this class.
 */
public abstract class DockerfileLexerBase extends Lexer {

    private char escape = '\\';
    private boolean directivesOpen = true;
    private final Set<String> seenDirectives = new HashSet<>();
    private int lastType = Token.INVALID_TYPE;
    /** The logical line of the current instruction, for heredoc detection at its end. */
    private final StringBuilder logicalLine = new StringBuilder();
    private final Deque<HeredocDetector.Opener> pendingHeredocs = new ArrayDeque<>();
    private Token pendingEof;
    private int onbuildDepth;

    protected DockerfileLexerBase(CharStream input) {
        super(input);
    }

    /** The escape character in force (after any {@code # escape=} directive). */
    public char escapeChar() {
        return escape;
    }

    // ---- predicates

    protected boolean atFileStart() {
        return _input.index() == 0;
    }

    /** A parser directive line (known key, shape BuildKit accepts) while directives are still allowed. */
    protected boolean directiveAhead() {
        if (!directivesOpen) {
            return false;
        }
        DirectiveLine directive = DirectiveLine.parse(restOfLine());
        return directive != null && directive.isKnown();
    }

    /**
     * The escape character ending the physical line (only blanks after it), not itself escaped
     * by the char before it: BuildKit's {@code ([^\\])\\[ \t]*$|^\\[ \t]*$}.
     */
    protected boolean continuationAhead() {
        if (_input.LA(1) != escape) {
            return false;
        }
        int before = _input.LA(-1);
        if (before == escape && _input.index() > 0) {
            return false;
        }
        int i = 2;
        while (_input.LA(i) == ' ' || _input.LA(i) == '\t') {
            i++;
        }
        while (_input.LA(i) == '\r') {
            i++;
        }
        return _input.LA(i) == '\n' || _input.LA(i) == IntStream.EOF;
    }

    /** At the start of a line that follows a continuation (comments and blank lines are skipped there). */
    protected boolean afterContinuation() {
        return lastType == DockerfileLexer.CONTINUATION || lastType == DockerfileLexer.CONT_COMMENT
                || lastType == DockerfileLexer.CONT_EMPTY;
    }

    /** ONBUILD nests at most this deep in the token stream, so the parser's recursion stays shallow. */
    protected boolean onbuildAllowed() {
        return onbuildDepth < InstructionSplitter.MAX_ONBUILD_DEPTH && keywordEnds();
    }

    /** A keyword is a whole word: BuildKit splits the keyword off at [\t\v\f\r ]. */
    protected boolean keywordEnds() {
        int next = _input.LA(1);
        return next == IntStream.EOF || next == '\n' || GoText.isTokenSpace(next) || next == escape;
    }

    // ---- token stream

    @Override
    public Token nextToken() {
        if (pendingEof != null) {
            return pendingEof;
        }
        if (_mode == DEFAULT_MODE && startsInstruction(_input.LA(1))) {
            mode(DockerfileLexer.KEYWORD);
        }
        Token token = super.nextToken();
        if (token.getType() == Token.EOF && (_mode == DockerfileLexer.KEYWORD || _mode == DockerfileLexer.ARGS)) {
            // every instruction ends with INSTRUCTION_END, also the last one of a file without a final newline
            pendingEof = token;
            CommonToken end = new CommonToken(_tokenFactorySourcePair, DockerfileLexer.INSTRUCTION_END,
                    Token.DEFAULT_CHANNEL, token.getStartIndex(), token.getStartIndex() - 1);
            end.setLine(token.getLine());
            end.setCharPositionInLine(token.getCharPositionInLine());
            end.setText("");
            endInstruction();
            return end;
        }
        return token;
    }

    private boolean startsInstruction(int c) {
        if (c == IntStream.EOF || c == '\n' || c == '#' || GoText.isSpace(c)) {
            return false;
        }
        return !(c == '\uFEFF' && _input.index() == 0);
    }

    @Override
    public Token emit() {
        Token token = super.emit();
        onToken(token);
        return token;
    }

    private void onToken(Token token) {
        int type = token.getType();
        lastType = type;
        if (type != DockerfileLexer.DIRECTIVE && type != DockerfileLexer.BOM) {
            directivesOpen = false;
        }
        switch (type) {
            case DockerfileLexer.DIRECTIVE -> onDirective(token.getText());
            case DockerfileLexer.INSTRUCTION_END -> endInstruction();
            case DockerfileLexer.HEREDOC_LINE -> onHeredocLine(token);
            case DockerfileLexer.CONTINUATION, DockerfileLexer.CONT_COMMENT, DockerfileLexer.CONT_EMPTY -> {
                // not part of the logical line
            }
            case DockerfileLexer.ONBUILD -> {
                logicalLine.append(token.getText());
                onbuildDepth++;
            }
            default -> {
                if (_mode == DockerfileLexer.KEYWORD || _mode == DockerfileLexer.ARGS) {
                    logicalLine.append(token.getText());
                    if (_mode == DockerfileLexer.KEYWORD && isKeyword(type)) {
                        mode(DockerfileLexer.ARGS);
                    }
                }
            }
        }
    }

    private static boolean isKeyword(int type) {
        return type >= DockerfileLexer.ADD && type <= DockerfileLexer.UNKNOWN_KEYWORD
                && type != DockerfileLexer.ONBUILD;
    }

    private void onDirective(String text) {
        DirectiveLine directive = DirectiveLine.parse(text);
        if (directive == null || !seenDirectives.add(directive.name())) {
            return; // the AST builder reports the repeated directive
        }
        if (directive.name().equals("escape") && (directive.value().equals("\\") || directive.value().equals("`"))) {
            escape = directive.value().charAt(0);
        }
    }

    private void endInstruction() {
        String line = logicalLine.toString();
        logicalLine.setLength(0);
        onbuildDepth = 0;
        pendingHeredocs.clear();
        if (line.contains("<<")) {
            SplitInstruction split = new InstructionSplitter(escape).split(line);
            if (split.canContainHeredoc()) {
                try {
                    List<HeredocDetector.Opener> openers = HeredocDetector.detect(line);
                    pendingHeredocs.addAll(openers);
                } catch (HeredocDetector.HeredocError e) {
                    // reported by the AST builder
                }
            }
        }
        mode(pendingHeredocs.isEmpty() ? DEFAULT_MODE : DockerfileLexer.HEREDOC);
    }

    private void onHeredocLine(Token token) {
        HeredocDetector.Opener current = pendingHeredocs.peekFirst();
        if (current == null) {
            mode(DEFAULT_MODE);
            return;
        }
        if (isTerminator(token.getText(), current)) {
            ((CommonToken) token).setType(DockerfileLexer.HEREDOC_END);
            pendingHeredocs.removeFirst();
            if (pendingHeredocs.isEmpty()) {
                mode(DEFAULT_MODE);
            }
        }
    }

    /** BuildKit compares the line without its trailing CR/LF (and leading tabs with {@code <<-}). */
    static boolean isTerminator(String line, HeredocDetector.Opener opener) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        int start = 0;
        if (opener.chomp()) {
            while (start < end && line.charAt(start) == '\t') {
                start++;
            }
        }
        return line.regionMatches(start, opener.name(), 0, opener.name().length())
                && end - start == opener.name().length();
    }

    private String restOfLine() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; ; i++) {
            int c = _input.LA(i);
            if (c == IntStream.EOF || c == '\n') {
                return sb.toString();
            }
            sb.appendCodePoint(c);
        }
    }
}
