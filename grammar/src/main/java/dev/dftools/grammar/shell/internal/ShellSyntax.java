package dev.dftools.grammar.shell.internal;

import dev.dftools.grammar.internal.Utf16CharStream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Runs the ANTLR lexer and parser and hands back an ANTLR-free concrete syntax tree, so that
 * the public model package needs no ANTLR type (and no package cycle arises: the public
 * package depends on this one, never the reverse).
 */
public final class ShellSyntax {

    /**
     * Deeper nesting than this is not parsed as a tree: recursive descent would need a Java
     * frame per level (real RUN bodies nest a handful of levels).
     */
    public static final int MAX_NESTING = 100;

    /** Token kinds, by the lexer's symbolic names. */
    public enum TokenKind {
        WORD("a word"), IO_NUMBER("a file descriptor"), NEWLINE("newline"), AND_IF("'&&'"), OR_IF("'||'"),
        DSEMI("';;'"), SEMI("';'"), PIPE_AMP("'|&'"), PIPE("'|'"), AND_DGREAT("'&>>'"), AND_GREAT("'&>'"),
        AMP("'&'"), LPAREN("'('"), RPAREN("')'"), TLESS("'<<<'"), DLESSDASH("'<<-'"), DLESS("'<<'"),
        LESSAND("'<&'"), LESSGREAT("'<>'"), LESS("'<'"), DGREAT("'>>'"), GREATAND("'>&'"), CLOBBER("'>|'"),
        GREAT("'>'"), IF("'if'"), THEN("'then'"), ELSE("'else'"), ELIF("'elif'"), FI("'fi'"), FOR("'for'"),
        IN("'in'"), DO("'do'"), DONE("'done'"), WHILE("'while'"), UNTIL("'until'"), CASE("'case'"),
        ESAC("'esac'"), LBRACE("'{'"), RBRACE("'}'"), BANG("'!'"), EOF("end of input"), OTHER("a token");

        private final String display;

        TokenKind(String display) {
            this.display = display;
        }

        public String display() {
            return display;
        }
    }

    /** Parser rules; {@link #TOKEN} marks a leaf. */
    public enum NodeKind {
        SCRIPT, STRAY, SEQUENCE, SEPARATOR, AND_OR, PIPELINE, COMMAND, FUNCTION_DEF, SIMPLE_COMMAND, REDIRECT,
        REDIRECT_OP, COMPOUND, SUBSHELL, BRACE_GROUP, IF_CLAUSE, ELIF_PART, ELSE_PART, FOR_CLAUSE, WHILE_CLAUSE,
        DO_GROUP, CASE_CLAUSE, CASE_ITEM, TOKEN
    }

    /** A default-channel token: [start, end) of the text, and its index in {@link Result#tokens()}. */
    public record Tok(TokenKind kind, int start, int end, int index) {
    }

    /** A tree node: a rule with children, or a leaf token. */
    public record Node(NodeKind kind, List<Node> children, @Nullable Tok token) {
    }

    /** A syntax problem: message and [start, end) of the text. */
    public record Problem(String message, int start, int end) {
    }

    /**
     * @param root null when the tree was not built (nesting too deep); the caller then works
     *             from the tokens alone
     */
    public record Result(List<Tok> tokens, @Nullable Node root, List<Problem> problems,
            Map<Integer, ShellLexerBase.HeredocSpan> heredocsByDelimiter) {
    }

    private static final TokenKind[] KIND_BY_TYPE = kindsByType();
    private static final NodeKind[] KIND_BY_RULE = kindsByRule();

    private ShellSyntax() {
    }

    public static Result parse(String text) {
        return parse(text, true);
    }

    /**
     * @param twoStage parse with SLL prediction first and again with full LL only on a syntax
     *                 error (ANTLR's two-stage strategy: SLL is much cheaper, and when it succeeds
     *                 the tree is the one LL builds); false parses with LL only, for tests that
     *                 check exactly that
     */
    public static Result parse(String text, boolean twoStage) {
        List<Problem> problems = new ArrayList<>();
        ShellLexer lexer = new ShellLexer(new Utf16CharStream(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, @Nullable Object offendingSymbol, int line,
                    int charPositionInLine, String msg, @Nullable RecognitionException e) {
                int at = lexer._tokenStartCharIndex;
                problems.add(new Problem("unexpected character", at, Math.min(text.length(), at + 1)));
            }
        });
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();

        List<Tok> tokens = new ArrayList<>();
        int depth = 0;
        int maxDepth = 0;
        for (Token t : stream.getTokens()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            TokenKind kind = kindOf(t.getType());
            tokens.add(new Tok(kind, t.getStartIndex(), Math.max(t.getStartIndex(), t.getStopIndex() + 1),
                    tokens.size()));
            switch (kind) {
                case LPAREN, LBRACE, IF, FOR, WHILE, UNTIL, CASE -> maxDepth = Math.max(maxDepth, ++depth);
                case RPAREN, RBRACE, FI, DONE, ESAC -> depth = Math.max(0, depth - 1);
                default -> {
                    // not nesting
                }
            }
        }
        for (WordScanner.Problem p : lexer.problems()) {
            problems.add(new Problem(p.message(), p.start(), p.end()));
        }
        Map<Integer, ShellLexerBase.HeredocSpan> heredocs = new HashMap<>();
        for (ShellLexerBase.HeredocSpan h : lexer.heredocs()) {
            heredocs.put(h.delimiterStart(), h);
        }
        if (maxDepth > MAX_NESTING) {
            problems.add(new Problem("commands nested more than " + MAX_NESTING + " levels deep", 0, 0));
            return new Result(tokens, null, problems, heredocs);
        }

        ShellParser parser = new ShellParser(stream);
        parser.removeErrorListeners();
        Node root;
        try {
            ShellParser.ScriptContext script = twoStage ? parseSll(parser) : null;
            if (script == null) {
                stream.seek(0);
                parser.reset();
                parser.setErrorHandler(new DefaultErrorStrategy());
                parser.getInterpreter().setPredictionMode(PredictionMode.LL);
                parser.addErrorListener(new BaseErrorListener() {
                    @Override
                    public void syntaxError(Recognizer<?, ?> recognizer, @Nullable Object offendingSymbol, int line,
                            int charPositionInLine, String msg, @Nullable RecognitionException e) {
                        problems.add(parserProblem(parser, offendingSymbol, text.length()));
                    }
                });
                script = parser.script();
            }
            List<Tok> byIndex = tokenIndexMap(stream, tokens);
            root = convert(script, byIndex);
        } catch (StackOverflowError e) {
            // cannot happen below MAX_NESTING; kept so that parse never throws
            problems.add(new Problem("input too deeply nested", 0, 0));
            root = null;
        }
        return new Result(tokens, root, problems, heredocs);
    }

    /** The SLL stage: the script, or null at the first syntax error (the LL stage then reports it). */
    private static ShellParser.@Nullable ScriptContext parseSll(ShellParser parser) {
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.script();
        } catch (ParseCancellationException e) {
            return null;
        }
    }

    private static Problem parserProblem(ShellParser parser, @Nullable Object offendingSymbol, int textLength) {
        if (!(offendingSymbol instanceof Token token) || token.getType() == Token.EOF || token.getStartIndex() < 0) {
            String expected = "";
            try {
                expected = describe(parser.getExpectedTokens());
            } catch (RuntimeException e) {
                // expected set unavailable in some recovery states; the message stays generic
            }
            return new Problem("unexpected end of input" + expected, textLength, textLength);
        }
        String shown = token.getText() == null ? "?" : token.getText().replace("\n", "\\n");
        return new Problem("syntax error near unexpected token '" + shown + "'", token.getStartIndex(),
                token.getStopIndex() + 1);
    }

    private static String describe(IntervalSet expected) {
        List<String> names = new ArrayList<>();
        for (int type : expected.toArray()) {
            TokenKind kind = kindOf(type);
            if (kind != TokenKind.EOF && kind != TokenKind.OTHER) {
                names.add(kind.display());
            }
        }
        if (names.isEmpty() || names.size() > 4) {
            return "";
        }
        return ", expected " + String.join(" or ", names);
    }

    /** ANTLR token index (all channels) to our token, for the default channel ones. */
    private static List<Tok> tokenIndexMap(CommonTokenStream stream, List<Tok> tokens) {
        List<Tok> byIndex = new ArrayList<>(Collections.nCopies(stream.size(), (Tok) null));
        int k = 0;
        for (Token t : stream.getTokens()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                byIndex.set(t.getTokenIndex(), tokens.get(k++));
            }
        }
        return byIndex;
    }

    private static Node convert(ParserRuleContext ctx, List<Tok> byIndex) {
        List<Node> children = new ArrayList<>(ctx.getChildCount());
        for (int c = 0; c < ctx.getChildCount(); c++) {
            ParseTree child = ctx.getChild(c);
            if (child instanceof ErrorNode) {
                continue; // tokens skipped by error recovery are reported, not modelled
            }
            if (child instanceof TerminalNode terminal) {
                int index = terminal.getSymbol().getTokenIndex();
                Tok tok = index >= 0 && index < byIndex.size() ? byIndex.get(index) : null;
                if (tok != null && tok.kind() != TokenKind.EOF) {
                    children.add(new Node(NodeKind.TOKEN, List.of(), tok));
                }
            } else if (child instanceof ParserRuleContext rule) {
                children.add(convert(rule, byIndex));
            }
        }
        return new Node(KIND_BY_RULE[ctx.getRuleIndex()], List.copyOf(children), null);
    }

    private static TokenKind kindOf(int type) {
        if (type == Token.EOF) {
            return TokenKind.EOF;
        }
        return type >= 0 && type < KIND_BY_TYPE.length ? KIND_BY_TYPE[type] : TokenKind.OTHER;
    }

    // Both tables are built by comparing names (no exceptions, no regex): this runs in every cold
    // dflint process, under the interpreter.
    private static TokenKind[] kindsByType() {
        Map<String, TokenKind> byName = new HashMap<>();
        for (TokenKind kind : TokenKind.values()) {
            byName.put(kind.name(), kind);
        }
        TokenKind[] kinds = new TokenKind[ShellLexer.VOCABULARY.getMaxTokenType() + 1];
        for (int type = 0; type < kinds.length; type++) {
            String name = ShellLexer.VOCABULARY.getSymbolicName(type);
            // hidden-channel tokens (WS, COMMENT, TEST_*) have no kind: they never reach the model
            kinds[type] = name == null ? TokenKind.OTHER : byName.getOrDefault(name, TokenKind.OTHER);
        }
        return kinds;
    }

    /** Rule {@code andOr} is NodeKind {@code AND_OR}: the same letters without the underscores. */
    private static NodeKind[] kindsByRule() {
        Map<String, NodeKind> byLetters = new HashMap<>();
        for (NodeKind kind : NodeKind.values()) {
            byLetters.put(kind.name().replace("_", "").toLowerCase(Locale.ROOT), kind);
        }
        String[] rules = ShellParser.ruleNames;
        NodeKind[] kinds = new NodeKind[rules.length];
        for (int r = 0; r < rules.length; r++) {
            NodeKind kind = byLetters.get(rules[r].toLowerCase(Locale.ROOT));
            if (kind == null) {
                throw new IllegalStateException("no NodeKind for the shell grammar's rule " + rules[r]);
            }
            kinds[r] = kind;
        }
        return kinds;
    }
}
