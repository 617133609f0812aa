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
 * heredoc delimiters are still to be read, and the mode switches between them.
 *
 * <p>The tokens whose recognition depends on that state are made here, by plain lookahead,
 * before the grammar's rules run: BOM, DIRECTIVE, CONTINUATION, CONT_COMMENT, CONT_EMPTY and
 * HEREDOC_END. Keeping semantic predicates out of the grammar lets ANTLR cache its DFA.
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

    @Override
    public Token nextToken() {
        if (pendingEof != null) {
            return pendingEof;
        }
        Token stateful = statefulToken();
        if (stateful != null) {
            onToken(stateful);
            return stateful;
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

    /** The next token when it depends on the lexer's state; null to let the grammar's rules run. */
    private Token statefulToken() {
        int c = _input.LA(1);
        if (c == IntStream.EOF) {
            return null;
        }
        if (_mode == DEFAULT_MODE) {
            if (c == '\uFEFF' && _input.index() == 0) {
                return make(DockerfileLexer.BOM, 1, Token.HIDDEN_CHANNEL);
            }
            if (directivesOpen) {
                int length = directiveLength();
                if (length > 0) {
                    return make(DockerfileLexer.DIRECTIVE, length, Token.DEFAULT_CHANNEL);
                }
            }
            if (!startsInstruction(c)) {
                return null;
            }
            mode(DockerfileLexer.KEYWORD);
        }
        if (_mode == DockerfileLexer.KEYWORD || _mode == DockerfileLexer.ARGS) {
            if (afterContinuation()) {
                int comment = commentLineLength();
                if (comment > 0) {
                    return make(DockerfileLexer.CONT_COMMENT, comment, Token.DEFAULT_CHANNEL);
                }
                int empty = emptyLineLength();
                if (empty > 0) {
                    return make(DockerfileLexer.CONT_EMPTY, empty, Token.DEFAULT_CHANNEL);
                }
            }
            int continuation = continuationLength();
            if (continuation > 0) {
                return make(DockerfileLexer.CONTINUATION, continuation, Token.DEFAULT_CHANNEL);
            }
        }
        return null;
    }

    /** Consumes {@code length} chars as one token of {@code type}. */
    private Token make(int type, int length, int channel) {
        int start = _input.index();
        int line = getLine();
        int column = getCharPositionInLine();
        for (int i = 0; i < length; i++) {
            getInterpreter().consume(_input);
        }
        return _factory.create(_tokenFactorySourcePair, type, null, channel, start, _input.index() - 1, line, column);
    }

    // ---- lookahead

    private boolean startsInstruction(int c) {
        return c != '\n' && c != '#' && !GoText.isSpace(c);
    }

    /** A parser directive line (known key, the shape BuildKit accepts): its length with the newline, else 0. */
    private int directiveLength() {
        String line = restOfLine();
        DirectiveLine directive = DirectiveLine.parse(line);
        if (directive == null || !directive.isKnown()) {
            return 0;
        }
        return line.length() + (_input.LA(line.length() + 1) == '\n' ? 1 : 0);
    }

    /**
     * The escape character ending the physical line (only blanks after it), not itself escaped
     * by the char before it: BuildKit's {@code ([^\\])\\[ \t]*$|^\\[ \t]*$}. Returns the length of
     * escape, blanks and line ending, or 0.
     */
    private int continuationLength() {
        if (_input.LA(1) != escape) {
            return 0;
        }
        if (_input.index() > 0 && _input.LA(-1) == escape) {
            return 0;
        }
        int i = 2;
        while (_input.LA(i) == ' ' || _input.LA(i) == '\t') {
            i++;
        }
        while (_input.LA(i) == '\r') {
            i++;
        }
        if (_input.LA(i) == '\n') {
            return i;
        }
        return _input.LA(i) == IntStream.EOF ? i - 1 : 0;
    }

    /** A whole comment line (blanks, then '#'), skipped inside a continuation: its length, else 0. */
    private int commentLineLength() {
        int i = 1;
        while (isBlank(_input.LA(i))) {
            i++;
        }
        if (_input.LA(i) != '#') {
            return 0;
        }
        while (_input.LA(i) != '\n' && _input.LA(i) != IntStream.EOF) {
            i++;
        }
        return _input.LA(i) == '\n' ? i : i - 1;
    }

    /** A line of white space only inside a continuation (BuildKit warns about it): its length, else 0. */
    private int emptyLineLength() {
        int i = 1;
        while (isBlank(_input.LA(i))) {
            i++;
        }
        if (_input.LA(i) == '\n') {
            return i;
        }
        return _input.LA(i) == IntStream.EOF ? i - 1 : 0;
    }

    private static boolean isBlank(int c) {
        return c != '\n' && c != IntStream.EOF && GoText.isSpace(c);
    }

    private boolean afterContinuation() {
        return lastType == DockerfileLexer.CONTINUATION || lastType == DockerfileLexer.CONT_COMMENT
                || lastType == DockerfileLexer.CONT_EMPTY;
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

    // ---- state changes

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
            case DockerfileLexer.ONBUILD -> onOnbuild(token);
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

    /** ONBUILD keeps the keyword mode for its trigger; past the nesting cap it is an ordinary word. */
    private void onOnbuild(Token token) {
        logicalLine.append(token.getText());
        if (onbuildDepth >= InstructionSplitter.MAX_ONBUILD_DEPTH) {
            ((CommonToken) token).setType(DockerfileLexer.UNKNOWN_KEYWORD);
            mode(DockerfileLexer.ARGS);
        } else {
            onbuildDepth++;
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
}
