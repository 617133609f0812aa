package dev.dftools.grammar.internal;

import dev.dftools.grammar.ast.Comment;
import dev.dftools.grammar.ast.Directive;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.Node;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.SourceText;
import dev.dftools.grammar.ast.SyntaxError;
import dev.dftools.grammar.ast.Word;
import dev.dftools.grammar.internal.SplitInstruction.Part;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * Builds the typed AST from what the parser recognises (directives, comments, instructions, in
 * order; see {@link DockerfileParsing}). Each instruction's tokens are joined into its logical
 * line (with the source offset of every char), which is then split the way BuildKit splits it.
 */
final class DockerfileAstBuilder {

    /** BuildKit's bufio.Scanner refuses longer lines (64 KiB buffer minus one). */
    private static final int MAX_LINE_BYTES = 65_535;

    private final String text;
    private final LineIndex lines;
    private final List<Token> tokens;
    private final int[] charStart;
    /** Token texts, fetched once: ANTLR builds a new String from code points on every getText(). */
    private final String[] texts;
    private final char escape;
    private final InstructionSplitter splitter;
    private final List<SyntaxError> errors = new ArrayList<>();
    private final List<Directive> directives = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private final List<Instruction> instructions = new ArrayList<>();
    private List<Comment> pendingComments = new ArrayList<>();

    DockerfileAstBuilder(String text, LineIndex lines, List<Token> tokens, char escape) {
        this.text = text;
        this.lines = lines;
        this.tokens = tokens;
        this.escape = escape;
        this.splitter = new InstructionSplitter(escape);
        this.charStart = new int[tokens.size() + 1];
        this.texts = new String[tokens.size()];
        int offset = 0;
        for (int i = 0; i < tokens.size(); i++) {
            charStart[i] = offset;
            Token t = tokens.get(i);
            texts[i] = t.getType() == Token.EOF ? "" : t.getText();
            offset += texts[i].length();
        }
        charStart[tokens.size()] = offset;
    }

    /** The AST, once every directive, comment and instruction has been handed over. */
    Dockerfile finish(List<SyntaxError> parserErrors) {
        errors.addAll(parserErrors);
        checkLineLengths();
        if (instructions.isEmpty()) {
            errors.add(new SyntaxError("file with no instructions", lines.range(text.length(), text.length())));
        }
        errors.sort((a, b) -> Integer.compare(a.range().start().offset(), b.range().start().offset()));
        return new Dockerfile(text, lines, escape, directives, comments, instructions, errors);
    }

    // ---- directives and comments

    private final Set<String> seenDirectives = new HashSet<>();

    void directive(Token token) {
        int start = start(token);
        String line = text(token);
        DirectiveLine d = DirectiveLine.parse(line);
        if (d == null) {
            return;
        }
        SourceRange range = lines.range(start + GoText.skipSpace(line, 0, line.length()), start + contentLength(line));
        SourceRange valueRange = lines.range(start + d.valueStart(), start + d.valueEnd());
        if (!seenDirectives.add(d.name())) {
            errors.add(new SyntaxError("only one " + d.name() + " parser directive can be used", range));
            return;
        }
        if (d.name().equals("escape") && !d.value().equals("\\") && !d.value().equals("`")) {
            errors.add(new SyntaxError("invalid escape token '" + d.value() + "' does not match ` or \\", valueRange));
        }
        directives.add(new Directive(d.name(), d.value(), range, lines.range(start + d.keyStart(), start + d.keyEnd()),
                valueRange));
    }

    void comment(Token token) {
        comment(token, true);
    }

    private Comment comment(Token token, boolean topLevel) {
        int start = start(token);
        String line = text(token);
        int hash = line.indexOf('#');
        int end = contentLength(line);
        String body = line.substring(hash + 1, end).strip();
        Comment comment = new Comment(body, lines.range(start + hash, start + end));
        comments.add(comment);
        if (topLevel) {
            if (body.isEmpty()) {
                pendingComments = new ArrayList<>(); // an empty '#' line resets BuildKit's PrevComment
            } else {
                pendingComments.add(comment);
            }
        }
        return comment;
    }

    // ---- instructions

    /**
     * @param first the instruction's first token
     * @param last  its last token: its INSTRUCTION_END, or the last line of its heredoc bodies
     */
    void instruction(int first, int last) {
        int end = first;
        while (tokens.get(end).getType() != DockerfileLexer.INSTRUCTION_END) {
            end++;
        }
        StringBuilder logical = new StringBuilder();
        int[] offsets = new int[16];
        List<SourceRange> emptyLines = new ArrayList<>();
        int lastContent = first;
        for (int i = first; i < end; i++) {
            Token t = tokens.get(i);
            int s = charStart[i];
            String tokenText = texts[i];
            switch (t.getType()) {
                case DockerfileLexer.CONTINUATION -> {
                    // dropped, like the escape and blanks BuildKit strips
                }
                case DockerfileLexer.CONT_COMMENT -> comment(t, false);
                case DockerfileLexer.CONT_EMPTY -> emptyLines.add(lines.range(s, s + contentLength(tokenText)));
                default -> {
                    int at = logical.length();
                    logical.append(tokenText);
                    if (logical.length() + 1 > offsets.length) {
                        offsets = java.util.Arrays.copyOf(offsets, Math.max(offsets.length * 2, logical.length() + 1));
                    }
                    for (int k = 0; k < tokenText.length(); k++) {
                        offsets[at + k] = s + k;
                    }
                }
            }
            lastContent = i;
        }
        int size = logical.length();
        int[] map = java.util.Arrays.copyOf(offsets, size + 1);
        map[size] = size == 0 ? charStart[first] : offsets[size - 1] + 1;
        SourceText logicalText = SourceText.of(logical.toString(), map, lines);

        int rangeStart = charStart[first];
        int rangeEnd = first < end ? charStart[lastContent] + contentLength(texts[lastContent]) : charStart[first];

        SplitInstruction split = splitter.split(logicalText.text());
        List<Token> bodyTokens = new ArrayList<>();
        for (int i = end + 1; i <= last; i++) {
            Token t = tokens.get(i);
            if (t.getType() == DockerfileLexer.HEREDOC_LINE || t.getType() == DockerfileLexer.HEREDOC_END) {
                bodyTokens.add(t);
            }
        }
        String error = split.error();
        SourceRange errorRange = null;
        List<Heredoc> heredocs = new ArrayList<>();
        if (error == null && split.canContainHeredoc() && logicalText.text().contains("<<")) {
            try {
                List<HeredocDetector.Opener> openers = HeredocDetector.detect(logicalText.text());
                int next = 0;
                for (HeredocDetector.Opener opener : openers) {
                    next = heredoc(opener, logicalText, bodyTokens, next, heredocs);
                }
                if (!bodyTokens.isEmpty()) {
                    Token lastBody = bodyTokens.get(bodyTokens.size() - 1);
                    rangeEnd = start(lastBody) + contentLength(text(lastBody));
                }
            } catch (HeredocDetector.HeredocError e) {
                error = e.getMessage();
                errorRange = logicalText.range(e.start, e.end);
            }
        }
        Node node = node(split, logicalText, heredocs, lines.range(rangeStart, rangeEnd), emptyLines);
        Instruction instruction;
        if (error != null) {
            instruction = new Instruction.Invalid(node, error);
            errors.add(new SyntaxError(error, errorRange != null ? errorRange : node.range()));
        } else {
            instruction = create(node, split);
        }
        pendingComments = new ArrayList<>();
        instructions.add(instruction);
    }

    private Instruction create(Node node, SplitInstruction split) {
        if (node.name().equals("onbuild")) {
            Node trigger = node.trigger();
            SplitInstruction triggerSplit = split.trigger();
            return new Instruction.Onbuild(node,
                    trigger == null || triggerSplit == null ? null : create(trigger, triggerSplit));
        }
        Instruction instruction = InstructionFactory.create(node, split);
        if (instruction instanceof Instruction.Unknown) {
            errors.add(new SyntaxError(UnknownInstruction.message(node.keyword().value()), node.keyword().range()));
        }
        return instruction;
    }

    /** Reads one heredoc's body from the body tokens starting at {@code next}; returns the index after it. */
    private int heredoc(HeredocDetector.Opener opener, SourceText line, List<Token> body, int next,
            List<Heredoc> out) {
        int i = next;
        int bodyStart = i < body.size() ? start(body.get(i)) : (body.isEmpty() ? text.length()
                : start(body.get(body.size() - 1)) + text(body.get(body.size() - 1)).length());
        StringBuilder content = new StringBuilder();
        SourceRange terminator = null;
        int bodyEnd = bodyStart;
        for (; i < body.size(); i++) {
            Token t = body.get(i);
            if (t.getType() == DockerfileLexer.HEREDOC_END) {
                terminator = lines.range(start(t), start(t) + contentLength(text(t)));
                i++;
                break;
            }
            content.append(text(t));
            bodyEnd = start(t) + text(t).length();
        }
        Word openerWord = new Word(line.text().substring(opener.start(), opener.end()),
                line.range(opener.start(), opener.end()));
        if (terminator == null) {
            errors.add(new SyntaxError("unterminated heredoc", openerWord.range()));
        }
        out.add(new Heredoc(opener.name(), opener.expand(), opener.chomp(), opener.fileDescriptor(), openerWord,
                content.toString(), SourceText.contiguous(text, bodyStart, bodyEnd, lines), terminator));
        return i;
    }

    private Node node(SplitInstruction split, SourceText line, List<Heredoc> heredocs, SourceRange range,
            List<SourceRange> emptyLines) {
        Part kw = split.keyword();
        Word keyword = new Word(kw.value(), line.range(kw.start(), kw.end()));
        List<Flag> flags = new ArrayList<>();
        for (Part f : split.flags()) {
            flags.add(flag(f, line));
        }
        List<Word> args = new ArrayList<>();
        for (Part a : split.args()) {
            args.add(new Word(a.value(), line.range(a.start(), a.end())));
        }
        Node trigger = split.trigger() == null ? null
                : node(split.trigger(), line, heredocs, line.range(split.trigger().keyword().start(),
                        Math.max(split.trigger().keyword().start(), split.trigger().restEnd())), List.of());
        return new Node(keyword, flags, args, split.json(), heredocs, range, pendingComments, line, emptyLines, trigger);
    }

    private static Flag flag(Part part, SourceText line) {
        String value = part.value();
        String body = value.startsWith("--") ? value.substring(2) : value;
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        String flagValue = eq < 0 ? null : body.substring(eq + 1);
        SourceRange range = line.range(part.start(), part.end());
        // locate name and value in the raw text (quotes may have been removed from the value)
        String raw = line.text().substring(part.start(), part.end());
        int nameStart = part.start() + Math.min(2, raw.length());
        int rawEq = raw.indexOf('=');
        int nameEnd = rawEq < 0 ? part.end() : part.start() + rawEq;
        SourceRange nameRange = line.range(nameStart, Math.max(nameStart, nameEnd));
        SourceRange valueRange = rawEq < 0 ? null : line.range(part.start() + rawEq + 1, part.end());
        return new Flag(name, flagValue, value, range, nameRange, valueRange);
    }

    // ---- helpers

    private int start(Token token) {
        return charStart[token.getTokenIndex()];
    }

    private String text(Token token) {
        return texts[token.getTokenIndex()];
    }

    /** Length of a line's text without its trailing CR/LF. */
    private static int contentLength(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    private void checkLineLengths() {
        for (int line = 1; line <= lines.lineCount(); line++) {
            int from = lines.lineStart(line);
            int to = line < lines.lineCount() ? lines.lineStart(line + 1) : text.length();
            if ((to - from) * 3 <= MAX_LINE_BYTES) {
                continue; // cannot be too long even if every char took 3 bytes
            }
            int bytes = text.substring(from, to).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_LINE_BYTES + 1) {
                // like every other range, the line's range stops before its line ending
                errors.add(new SyntaxError("dockerfile line greater than max allowed size of " + MAX_LINE_BYTES,
                        lines.range(from, from + contentLength(text.substring(from, to)))));
            }
        }
    }
}
