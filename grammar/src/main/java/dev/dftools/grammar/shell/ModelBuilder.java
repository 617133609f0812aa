package dev.dftools.grammar.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.SourceText;
import dev.dftools.grammar.shell.internal.ShellLexerBase.HeredocSpan;
import dev.dftools.grammar.shell.internal.ShellSyntax;
import dev.dftools.grammar.shell.internal.ShellSyntax.Node;
import dev.dftools.grammar.shell.internal.ShellSyntax.NodeKind;
import dev.dftools.grammar.shell.internal.ShellSyntax.Tok;
import dev.dftools.grammar.shell.internal.ShellSyntax.TokenKind;

/** Turns the syntax tree of {@link ShellSyntax} into the public model. One use per parse. */
final class ModelBuilder {

    private final SourceText text;
    private final ShellSyntax.Result syntax;
    private final List<Tok> tokens;
    private final List<SimpleCommand> commands = new ArrayList<>();
    private final List<ShellSyntaxError> errors = new ArrayList<>();

    private ModelBuilder(SourceText text, ShellSyntax.Result syntax) {
        this.text = text;
        this.syntax = syntax;
        this.tokens = syntax.tokens();
    }

    static ShellScript build(SourceText text) {
        ShellSyntax.Result syntax = ShellSyntax.parse(text.text());
        ModelBuilder builder = new ModelBuilder(text, syntax);
        Node root = syntax.root();
        List<ShellNode> body = root == null ? builder.flat() : builder.script(root);
        for (ShellSyntax.Problem p : syntax.problems()) {
            builder.error(p.message(), p.start(), p.end());
        }
        // a plain lambda: Comparator.comparingInt spins a class the CDS archive does not hold
        builder.errors.sort((a, b) -> Integer.compare(a.range().start().offset(), b.range().start().offset()));
        // error recovery may report the same token twice (in a nested rule and again above)
        List<ShellSyntaxError> errors = new ArrayList<>(new LinkedHashSet<>(builder.errors));
        return new ShellScript(text, body, builder.commands, errors);
    }

    private void error(String message, int start, int end) {
        int n = text.length();
        int s = Math.max(0, Math.min(start, n));
        errors.add(new ShellSyntaxError(message, text.range(s, Math.max(s, Math.min(end, n)))));
    }

    // ---- tree ----

    private List<ShellNode> script(Node root) {
        List<ShellNode> body = new ArrayList<>();
        for (Node child : root.children()) {
            if (child.kind() == NodeKind.SEQUENCE) {
                sequence(child, body);
            } else if (child.kind() == NodeKind.STRAY) {
                Tok t = firstToken(child);
                if (t != null) {
                    error("syntax error near unexpected token '" + text.text().substring(t.start(), t.end()) + "'",
                            t.start(), t.end());
                }
            }
        }
        return body;
    }

    private void sequence(Node sequence, List<ShellNode> out) {
        for (Node child : sequence.children()) {
            if (child.kind() == NodeKind.AND_OR) {
                ShellNode item = andOr(child);
                if (item != null) {
                    out.add(item);
                }
            }
        }
    }

    private List<ShellNode> sequences(Node node) {
        List<ShellNode> out = new ArrayList<>();
        for (Node child : node.children()) {
            if (child.kind() == NodeKind.SEQUENCE) {
                sequence(child, out);
            } else if (child.kind() == NodeKind.ELIF_PART || child.kind() == NodeKind.ELSE_PART
                    || child.kind() == NodeKind.DO_GROUP || child.kind() == NodeKind.CASE_ITEM) {
                out.addAll(sequences(child));
            }
        }
        return out;
    }

    /** Null when error recovery left nothing (here and below). */
    private @Nullable ShellNode andOr(Node node) {
        List<ShellNode> items = new ArrayList<>();
        List<ControlOperator> operators = new ArrayList<>();
        for (Node child : node.children()) {
            if (child.kind() == NodeKind.PIPELINE) {
                ShellNode item = pipeline(child);
                if (item != null) {
                    items.add(item);
                }
            } else if (isToken(child, TokenKind.AND_IF)) {
                operators.add(ControlOperator.AND);
            } else if (isToken(child, TokenKind.OR_IF)) {
                operators.add(ControlOperator.OR);
            }
        }
        if (items.size() <= 1) {
            return items.isEmpty() ? null : items.get(0);
        }
        // error recovery may leave an operator without its right side
        while (operators.size() >= items.size() && !operators.isEmpty()) {
            operators.remove(operators.size() - 1);
        }
        return new AndOrList(items, operators, range(node));
    }

    private @Nullable ShellNode pipeline(Node node) {
        List<ShellNode> commandsInPipe = new ArrayList<>();
        List<ControlOperator> operators = new ArrayList<>();
        boolean negated = false;
        for (Node child : node.children()) {
            if (child.kind() == NodeKind.COMMAND) {
                ShellNode command = command(child);
                if (command != null) {
                    commandsInPipe.add(command);
                }
            } else if (isToken(child, TokenKind.BANG)) {
                negated = true;
            } else if (isToken(child, TokenKind.PIPE)) {
                operators.add(ControlOperator.PIPE);
            } else if (isToken(child, TokenKind.PIPE_AMP)) {
                operators.add(ControlOperator.PIPE_STDERR);
            }
        }
        if (commandsInPipe.isEmpty()) {
            return null;
        }
        if (commandsInPipe.size() == 1 && !negated) {
            return commandsInPipe.get(0);
        }
        while (operators.size() >= commandsInPipe.size() && !operators.isEmpty()) {
            operators.remove(operators.size() - 1);
        }
        return new Pipeline(commandsInPipe, operators, negated, range(node));
    }

    private @Nullable ShellNode command(Node node) {
        Node first = node.children().isEmpty() ? node : node.children().get(0);
        return switch (first.kind()) {
            case SIMPLE_COMMAND -> simpleCommand(first);
            case FUNCTION_DEF -> functionDef(first);
            case COMPOUND -> compound(first, redirects(node), range(node));
            default -> null;
        };
    }

    private @Nullable ShellNode functionDef(Node node) {
        Word name = null;
        Node body = null;
        for (Node child : node.children()) {
            if (name == null && isToken(child, TokenKind.WORD)) {
                name = word(child.token());
            } else if (child.kind() == NodeKind.COMPOUND) {
                body = child;
            }
        }
        if (name == null) {
            name = Words.word(text, startOf(node), startOf(node));
        }
        ShellNode compound = body == null ? null : compound(body, redirects(node), range(node));
        return compound == null ? null : new FunctionDefinition(name, compound, range(node));
    }

    private @Nullable ShellNode compound(Node node, List<Redirect> redirects, SourceRange outer) {
        Node inner = node.children().isEmpty() ? node : node.children().get(0);
        SourceRange r = outer;
        return switch (inner.kind()) {
            case SUBSHELL -> new Subshell(sequences(inner), redirects, r);
            case BRACE_GROUP -> new BraceGroup(sequences(inner), redirects, r);
            case IF_CLAUSE -> new CompoundCommand(CompoundCommand.Kind.IF, null, List.of(), sequences(inner),
                    redirects, r);
            case WHILE_CLAUSE -> {
                Tok keyword = firstToken(inner);
                CompoundCommand.Kind kind = keyword != null && keyword.kind() == TokenKind.UNTIL
                        ? CompoundCommand.Kind.UNTIL : CompoundCommand.Kind.WHILE;
                yield new CompoundCommand(kind, null, List.of(), sequences(inner), redirects, r);
            }
            case FOR_CLAUSE -> forClause(inner, redirects, r);
            case CASE_CLAUSE -> caseClause(inner, redirects, r);
            default -> null;
        };
    }

    private ShellNode forClause(Node node, List<Redirect> redirects, SourceRange r) {
        Word variable = null;
        List<Word> words = new ArrayList<>();
        for (Node child : node.children()) {
            if (isToken(child, TokenKind.WORD)) {
                Word w = word(child.token());
                if (variable == null) {
                    variable = w;
                } else {
                    words.add(w);
                }
            }
        }
        return new CompoundCommand(CompoundCommand.Kind.FOR, variable, words, sequences(node), redirects, r);
    }

    private ShellNode caseClause(Node node, List<Redirect> redirects, SourceRange r) {
        Word subject = null;
        List<Word> patterns = new ArrayList<>();
        for (Node child : node.children()) {
            if (subject == null && isToken(child, TokenKind.WORD)) {
                subject = word(child.token());
            } else if (child.kind() == NodeKind.CASE_ITEM) {
                for (Node part : child.children()) {
                    if (isToken(part, TokenKind.WORD)) {
                        patterns.add(word(part.token()));
                    }
                }
            }
        }
        return new CompoundCommand(CompoundCommand.Kind.CASE, subject, patterns, sequences(node), redirects, r);
    }

    private List<Redirect> redirects(Node node) {
        List<Redirect> out = new ArrayList<>();
        for (Node child : node.children()) {
            if (child.kind() == NodeKind.REDIRECT) {
                out.add(redirect(child.children()));
            }
        }
        return out;
    }

    /** A redirect from its parts: IO_NUMBER? operator WORD?. */
    private Redirect redirect(List<Node> parts) {
        int fd = -1;
        Tok op = null;
        Tok target = null;
        for (Node part : parts) {
            Tok t = part.kind() == NodeKind.REDIRECT_OP ? firstToken(part) : part.token();
            if (t == null) {
                continue;
            }
            if (t.kind() == TokenKind.IO_NUMBER) {
                fd = parseFd(t);
            } else if (t.kind() == TokenKind.WORD) {
                target = t;
            } else {
                op = t;
            }
        }
        return redirect(fd, op, target, parts.isEmpty() ? null : firstToken(parts.get(0)));
    }

    private Redirect redirect(int fd, @Nullable Tok op, @Nullable Tok target, @Nullable Tok first) {
        RedirectOperator operator = op == null ? RedirectOperator.OUTPUT : redirectOperator(op.kind());
        Word targetWord = target == null ? null : word(target);
        Heredoc heredoc = null;
        if (operator.isHeredoc() && target != null && targetWord != null) {
            HeredocSpan span = syntax.heredocsByDelimiter().get(target.start());
            String delimiter = span != null ? span.delimiter() : targetWord.value();
            boolean quoted = span != null ? span.quoted() : targetWord.quoted();
            SourceText body = span == null ? null : text.slice(span.bodyStart(), span.bodyEnd());
            heredoc = new Heredoc(delimiter, quoted, operator == RedirectOperator.HEREDOC_STRIP_TABS, body,
                    span != null && span.terminated());
        }
        int start = first != null ? first.start() : op != null ? op.start() : target != null ? target.start() : 0;
        int end = target != null ? target.end() : op != null ? op.end() : start;
        return new Redirect(fd, operator, targetWord, heredoc, text.range(start, Math.max(start, end)));
    }

    private int parseFd(Tok t) {
        String digits = text.text().substring(t.start(), t.end());
        try {
            return digits.length() > 9 ? -1 : Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static RedirectOperator redirectOperator(TokenKind kind) {
        return switch (kind) {
            case LESS -> RedirectOperator.INPUT;
            case DGREAT -> RedirectOperator.APPEND;
            case LESSAND -> RedirectOperator.DUP_INPUT;
            case GREATAND -> RedirectOperator.DUP_OUTPUT;
            case LESSGREAT -> RedirectOperator.READ_WRITE;
            case CLOBBER -> RedirectOperator.CLOBBER;
            case AND_GREAT -> RedirectOperator.OUTPUT_ALL;
            case AND_DGREAT -> RedirectOperator.APPEND_ALL;
            case DLESS -> RedirectOperator.HEREDOC;
            case DLESSDASH -> RedirectOperator.HEREDOC_STRIP_TABS;
            case TLESS -> RedirectOperator.HERE_STRING;
            default -> RedirectOperator.OUTPUT;
        };
    }

    // ---- simple commands ----

    private ShellNode simpleCommand(Node node) {
        List<Tok> words = new ArrayList<>();
        List<Redirect> redirectList = new ArrayList<>();
        for (Node child : node.children()) {
            if (isToken(child, TokenKind.WORD)) {
                words.add(child.token());
            } else if (child.kind() == NodeKind.REDIRECT) {
                redirectList.add(redirect(child.children()));
            }
        }
        Tok first = firstToken(node);
        Tok last = lastToken(node);
        int from = first == null ? 0 : first.index();
        int to = last == null ? from : last.index();
        return simpleCommand(words, redirectList, from, to);
    }

    private SimpleCommand simpleCommand(List<Tok> wordTokens, List<Redirect> redirectList, int firstIndex,
            int lastIndex) {
        List<Assignment> assignments = new ArrayList<>();
        Word name = null;
        List<Word> args = new ArrayList<>();
        for (Tok t : wordTokens) {
            Word w = word(t);
            if (name == null) {
                Assignment a = Words.asAssignment(w);
                if (a != null) {
                    assignments.add(a);
                    continue;
                }
                name = w;
            } else {
                args.add(w);
            }
        }
        Tok first = tokens.get(firstIndex);
        Tok last = tokens.get(lastIndex);
        SourceRange r = text.range(first.start(), Math.max(first.start(), last.end()));
        SimpleCommand command = new SimpleCommand(assignments, name, args, redirectList, r, operatorBefore(firstIndex),
                operatorAfter(lastIndex));
        commands.add(command);
        return command;
    }

    /** The control operator before token {@code index}, looking past openers such as ( { then. */
    private @Nullable ControlOperator operatorBefore(int index) {
        for (int i = index - 1; i >= 0; i--) {
            TokenKind kind = tokens.get(i).kind();
            switch (kind) {
                case LPAREN, LBRACE, IF, THEN, ELSE, ELIF, DO, WHILE, UNTIL, BANG -> {
                    // openers: keep looking
                }
                default -> {
                    return controlOperator(kind);
                }
            }
        }
        return null;
    }

    /** The control operator after token {@code index}, looking past ) } fi done esac. */
    private @Nullable ControlOperator operatorAfter(int index) {
        for (int i = index + 1; i < tokens.size(); i++) {
            TokenKind kind = tokens.get(i).kind();
            switch (kind) {
                case RPAREN, RBRACE, FI, DONE, ESAC -> {
                    // closers: keep looking
                }
                default -> {
                    return controlOperator(kind);
                }
            }
        }
        return null;
    }

    private static @Nullable ControlOperator controlOperator(TokenKind kind) {
        return switch (kind) {
            case AND_IF -> ControlOperator.AND;
            case OR_IF -> ControlOperator.OR;
            case SEMI -> ControlOperator.SEQUENCE;
            case NEWLINE -> ControlOperator.NEWLINE;
            case AMP -> ControlOperator.BACKGROUND;
            case PIPE -> ControlOperator.PIPE;
            case PIPE_AMP -> ControlOperator.PIPE_STDERR;
            case DSEMI -> ControlOperator.CASE_END;
            default -> null;
        };
    }

    // ---- flat fallback (nesting too deep for a tree) ----

    /** Simple commands from the tokens alone: runs of words and redirections. */
    private List<ShellNode> flat() {
        List<ShellNode> body = new ArrayList<>();
        List<Tok> words = new ArrayList<>();
        List<Redirect> redirectList = new ArrayList<>();
        int first = -1;
        int last = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Tok t = tokens.get(i);
            if (t.kind() == TokenKind.WORD || t.kind() == TokenKind.IO_NUMBER || isRedirectOperator(t.kind())) {
                if (first < 0) {
                    first = i;
                }
                if (t.kind() == TokenKind.WORD) {
                    words.add(t);
                    last = i;
                    continue;
                }
                int fd = -1;
                if (t.kind() == TokenKind.IO_NUMBER) {
                    fd = parseFd(t);
                    if (i + 1 >= tokens.size() || !isRedirectOperator(tokens.get(i + 1).kind())) {
                        last = i;
                        continue;
                    }
                    t = tokens.get(++i);
                }
                Tok target = i + 1 < tokens.size() && tokens.get(i + 1).kind() == TokenKind.WORD ? tokens.get(++i)
                        : null;
                redirectList.add(redirect(fd, t, target, tokens.get(first)));
                last = i;
                continue;
            }
            if (first >= 0) {
                body.add(simpleCommand(words, redirectList, first, last));
                words = new ArrayList<>();
                redirectList = new ArrayList<>();
                first = -1;
            }
        }
        if (first >= 0) {
            body.add(simpleCommand(words, redirectList, first, last));
        }
        return body;
    }

    private static boolean isRedirectOperator(TokenKind kind) {
        return switch (kind) {
            case LESS, GREAT, DGREAT, LESSAND, GREATAND, LESSGREAT, CLOBBER, AND_GREAT, AND_DGREAT, DLESS, DLESSDASH,
                    TLESS -> true;
            default -> false;
        };
    }

    // ---- helpers ----

    private Word word(@Nullable Tok t) {
        if (t == null) {
            return Words.word(text, 0, 0);
        }
        return Words.word(text, t.start(), t.end());
    }

    private static boolean isToken(Node node, TokenKind kind) {
        Tok t = node.token();
        return t != null && t.kind() == kind;
    }

    private static @Nullable Tok firstToken(Node node) {
        Tok t = node.token();
        if (t != null) {
            return t;
        }
        for (Node child : node.children()) {
            Tok found = firstToken(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static @Nullable Tok lastToken(Node node) {
        Tok t = node.token();
        if (t != null) {
            return t;
        }
        List<Node> children = node.children();
        for (int i = children.size() - 1; i >= 0; i--) {
            Tok found = lastToken(children.get(i));
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private int startOf(Node node) {
        Tok t = firstToken(node);
        return t == null ? 0 : t.start();
    }

    private SourceRange range(Node node) {
        Tok first = firstToken(node);
        Tok last = lastToken(node);
        if (first == null || last == null) {
            return text.range(0, 0);
        }
        return text.range(first.start(), Math.max(first.start(), last.end()));
    }
}
