package dev.dftools.lsp.features.semantic;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Comment;
import dev.dftools.grammar.ast.Directive;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.Node;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.model.StageReference;
import dev.dftools.lsp.model.SymbolModel;
import dev.dftools.lsp.model.VariableKind;
import dev.dftools.lsp.model.VariableReference;
import dev.dftools.lsp.text.LspRanges;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensDelta;
import org.eclipse.lsp4j.SemanticTokensEdit;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Semantic tokens (full, range and delta) computed in one pass over the AST plus a sort:
 * keywords, flags (parameter), mount keys, ENV/LABEL keys (property), ARG names and variable
 * references (variable), values (string), ports (number), images (namespace), stage names
 * (class), comments, directives (macro) and heredoc markers (operator). References split the
 * tokens they lie in, so tokens never overlap; a token never spans lines.
 *
 * <p>Delta needs the previous result: a small LRU cache keyed by URI keeps the last result per
 * document; an unknown previous result id gets a full answer.
 */
public final class SemanticTokensProvider {

    public static final List<String> TOKEN_TYPES = List.of("keyword", "parameter", "variable", "string", "comment",
            "operator", "property", "number", "namespace", "class", "macro");
    public static final List<String> TOKEN_MODIFIERS = List.of("declaration", "deprecated", "defaultLibrary");

    static final int KEYWORD = 0;
    static final int PARAMETER = 1;
    static final int VARIABLE = 2;
    static final int STRING = 3;
    static final int COMMENT = 4;
    static final int OPERATOR = 5;
    static final int PROPERTY = 6;
    static final int NUMBER = 7;
    static final int NAMESPACE = 8;
    static final int CLASS = 9;
    static final int MACRO = 10;
    static final int DECLARATION = 1;
    static final int DEPRECATED = 2;
    static final int DEFAULT_LIBRARY = 4;

    private static final int CACHE_SIZE = 32;

    private final AtomicLong nextResultId = new AtomicLong(1);
    private final Map<String, Result> results = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Result> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private record Result(String resultId, DocumentSnapshot snapshot, int[] data) {
    }

    /** One token by absolute char offsets (single line). */
    private record Token(int start, int end, int type, int modifiers) {
    }

    public static SemanticTokensLegend legend() {
        return new SemanticTokensLegend(TOKEN_TYPES, TOKEN_MODIFIERS);
    }

    public SemanticTokens full(DocumentSnapshot snapshot) {
        Result r = compute(snapshot);
        return new SemanticTokens(r.resultId(), toList(r.data()));
    }

    /** The tokens that intersect a range (relative encoding restarts at the first of them). */
    public SemanticTokens range(DocumentSnapshot snapshot, Range range) {
        Result r = compute(snapshot);
        int[] data = r.data();
        int startLine = range.getStart().getLine();
        int endLine = range.getEnd().getLine();
        List<Integer> out = new ArrayList<>();
        int line = 0;
        int ch = 0;
        int prevLine = 0;
        int prevCh = 0;
        for (int i = 0; i < data.length; i += 5) {
            line += data[i];
            ch = data[i] == 0 ? ch + data[i + 1] : data[i + 1];
            boolean inside = (line > startLine || (line == startLine && ch + data[i + 2] > range.getStart()
                    .getCharacter())) && (line < endLine || (line == endLine && ch < range.getEnd().getCharacter()));
            if (line > endLine) {
                break;
            }
            if (inside) {
                out.add(line - prevLine);
                out.add(line == prevLine ? ch - prevCh : ch);
                out.add(data[i + 2]);
                out.add(data[i + 3]);
                out.add(data[i + 4]);
                prevLine = line;
                prevCh = ch;
            }
        }
        return new SemanticTokens(out);
    }

    /** Edits from the result {@code previousResultId}, or the full tokens when it is not known any more. */
    public Either<SemanticTokens, SemanticTokensDelta> delta(DocumentSnapshot snapshot, String previousResultId) {
        Result previous;
        synchronized (results) {
            previous = results.get(snapshot.uri());
        }
        Result current = compute(snapshot);
        if (previous == null || !previous.resultId().equals(previousResultId)) {
            return Either.forLeft(new SemanticTokens(current.resultId(), toList(current.data())));
        }
        int[] a = previous.data();
        int[] b = current.data();
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix] == b[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
            suffix++;
        }
        List<SemanticTokensEdit> edits = new ArrayList<>();
        if (prefix != a.length || a.length != b.length) {
            edits.add(new SemanticTokensEdit(prefix, a.length - prefix - suffix,
                    toList(Arrays.copyOfRange(b, prefix, b.length - suffix))));
        }
        return Either.forRight(new SemanticTokensDelta(edits, current.resultId()));
    }

    private Result compute(DocumentSnapshot snapshot) {
        synchronized (results) {
            Result cached = results.get(snapshot.uri());
            if (cached != null && cached.snapshot() == snapshot) {
                return cached;
            }
        }
        Result result = new Result(snapshot.version() + "." + nextResultId.getAndIncrement(), snapshot,
                encode(snapshot, tokens(snapshot)));
        synchronized (results) {
            results.put(snapshot.uri(), result);
        }
        return result;
    }

    private static List<Integer> toList(int[] data) {
        List<Integer> list = new ArrayList<>(data.length);
        for (int v : data) {
            list.add(v);
        }
        return list;
    }

    // ---- computing tokens ----

    static List<Token> tokens(DocumentSnapshot snapshot) {
        List<Token> base = new ArrayList<>();
        for (Directive d : snapshot.ast().directives()) {
            add(base, d.nameRange(), MACRO, 0);
            add(base, d.valueRange(), STRING, 0);
        }
        for (Comment c : snapshot.ast().comments()) {
            boolean directive = snapshot.ast().directives().stream()
                    .anyMatch(d -> d.range().startLine() == c.range().startLine());
            if (!directive) {
                add(base, c.range(), COMMENT, 0);
            }
        }
        for (Instruction i : snapshot.ast().instructions()) {
            instruction(base, i, snapshot);
        }
        SymbolModel model = SymbolModel.of(snapshot);
        List<Token> overlays = new ArrayList<>();
        for (VariableReference r : model.variableReferences()) {
            add(overlays, r.range(), VARIABLE,
                    r.target() != null && r.target().kind() == VariableKind.PREDEFINED ? DEFAULT_LIBRARY : 0);
        }
        for (StageReference r : model.stageReferences()) {
            add(overlays, r.range(), CLASS, 0);
        }
        Comparator<Token> byStart = Comparator.comparingInt(Token::start);
        base.sort(byStart);
        overlays.sort(byStart);
        return splitLines(merge(base, overlays), snapshot.text());
    }

    private static void instruction(List<Token> out, Instruction i, DocumentSnapshot snapshot) {
        Node node = i.node();
        add(out, node.keyword().range(), KEYWORD, i instanceof Instruction.Maintainer ? DEPRECATED : 0);
        for (Flag f : node.flags()) {
            add(out, f.range().start().offset(), f.nameRange().end().offset(), PARAMETER, 0);
            if (f.valueRange() != null) {
                if (f.name().equals("mount") && f.value() != null && f.value().length() == f.valueRange().length()) {
                    mountValue(out, f);
                } else {
                    add(out, f.valueRange(), STRING, 0);
                }
            }
        }
        for (Heredoc h : i.heredocs()) {
            add(out, h.opener().range(), OPERATOR, 0);
            if (!(i instanceof Instruction.Run)) {
                add(out, h.bodyRange(), STRING, 0);
            }
            if (h.terminator() != null) {
                add(out, h.terminator(), OPERATOR, 0);
            }
        }
        if (i instanceof Instruction.From from) {
            word(out, from.image(), NAMESPACE, 0);
            word(out, from.asKeyword(), KEYWORD, 0);
            word(out, from.stageName(), CLASS, DECLARATION);
        } else if (i instanceof Instruction.Env env) {
            pairs(out, env.pairs(), VARIABLE, snapshot);
        } else if (i instanceof Instruction.Label label) {
            pairs(out, label.pairs(), PROPERTY, snapshot);
        } else if (i instanceof Instruction.Arg arg) {
            for (ArgDeclaration d : arg.declarations()) {
                word(out, d.name(), VARIABLE, DECLARATION);
                if (d.defaultValue() != null) {
                    operatorBetween(out, d.name(), d.defaultValue(), snapshot);
                    word(out, d.defaultValue(), STRING, 0);
                }
            }
        } else if (i instanceof Instruction.Expose expose) {
            for (Word w : expose.ports()) {
                word(out, w, NUMBER, 0);
            }
        } else if (i instanceof Instruction.Healthcheck hc) {
            word(out, hc.type(), KEYWORD, 0);
            command(out, hc.command());
        } else if (i instanceof Instruction.Onbuild && node.trigger() != null) {
            add(out, node.trigger().keyword().range(), KEYWORD, 0);
        } else if (i instanceof Instruction.Run run) {
            command(out, run.command());
        } else if (i instanceof Instruction.Cmd cmd) {
            command(out, cmd.command());
        } else if (i instanceof Instruction.Entrypoint e) {
            command(out, e.command());
        } else if (i instanceof Instruction.Shell s) {
            command(out, s.command());
        } else if (i instanceof Instruction.StopSignal s) {
            word(out, s.signal(), NUMBER, 0);
        }
    }

    /** Exec form: the JSON strings; the shell form is left to the editor's grammar. */
    private static void command(List<Token> out, Command command) {
        if (command instanceof Command.ExecForm exec) {
            for (Word w : exec.args()) {
                word(out, w, STRING, 0);
            }
        }
    }

    private static void pairs(List<Token> out, List<KeyValue> pairs, int keyType, DocumentSnapshot snapshot) {
        for (KeyValue kv : pairs) {
            word(out, kv.key(), keyType == VARIABLE ? PROPERTY : keyType, keyType == VARIABLE ? DECLARATION : 0);
            if (!kv.legacy()) {
                operatorBetween(out, kv.key(), kv.value(), snapshot);
            }
            word(out, kv.value(), STRING, 0);
        }
    }

    private static void operatorBetween(List<Token> out, Word key, Word value, DocumentSnapshot snapshot) {
        int at = key.range().end().offset();
        if (at < snapshot.text().length() && snapshot.text().charAt(at) == '=' && at < value.range().end().offset()) {
            add(out, at, at + 1, OPERATOR, 0);
        }
    }

    private static void mountValue(List<Token> out, Flag f) {
        String value = f.value();
        int base = f.valueRange().start().offset();
        int start = 0;
        while (start <= value.length()) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? value.length() : comma;
            int eq = value.indexOf('=', start);
            if (eq >= 0 && eq < end) {
                add(out, base + start, base + eq, PROPERTY, 0);
                add(out, base + eq + 1, base + end, STRING, 0);
            } else {
                add(out, base + start, base + end, PROPERTY, 0);
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
    }

    private static void word(List<Token> out, Word w, int type, int modifiers) {
        if (w != null) {
            add(out, w.range(), type, modifiers);
        }
    }

    private static void add(List<Token> out, SourceRange r, int type, int modifiers) {
        add(out, r.start().offset(), r.end().offset(), type, modifiers);
    }

    private static void add(List<Token> out, int start, int end, int type, int modifiers) {
        if (end > start) {
            out.add(new Token(start, end, type, modifiers));
        }
    }

    /**
     * Both lists sorted by start. Overlays win: a base token is cut around the overlays inside
     * it; base tokens overlapping an earlier token are dropped (they never should).
     */
    private static List<Token> merge(List<Token> base, List<Token> overlays) {
        List<Token> out = new ArrayList<>(base.size() + overlays.size());
        int o = 0;
        int lastEnd = 0;
        for (Token t : base) {
            int start = Math.max(t.start(), lastEnd);
            while (o < overlays.size() && overlays.get(o).start() < t.end()) {
                Token ov = overlays.get(o);
                if (ov.start() >= lastEnd) {
                    if (ov.start() > start) {
                        out.add(new Token(start, ov.start(), t.type(), t.modifiers()));
                    }
                    out.add(ov);
                    lastEnd = ov.end();
                    start = Math.max(start, ov.end());
                }
                o++;
            }
            if (t.end() > start) {
                out.add(new Token(start, t.end(), t.type(), t.modifiers()));
                lastEnd = t.end();
            }
        }
        while (o < overlays.size()) {
            Token ov = overlays.get(o++);
            if (ov.start() >= lastEnd) {
                out.add(ov);
                lastEnd = ov.end();
            }
        }
        return out;
    }

    /** Cuts tokens at line ends (LSP tokens are single-line) and drops empty pieces. */
    private static List<Token> splitLines(List<Token> tokens, String text) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            int start = t.start();
            for (int i = t.start(); i < t.end(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    if (i > start) {
                        out.add(new Token(start, i, t.type(), t.modifiers()));
                    }
                    start = i + 1;
                }
            }
            if (t.end() > start) {
                out.add(new Token(start, t.end(), t.type(), t.modifiers()));
            }
        }
        return out;
    }

    private static int[] encode(DocumentSnapshot snapshot, List<Token> tokens) {
        LineIndex lines = snapshot.lines();
        int[] data = new int[tokens.size() * 5];
        int prevLine = 0;
        int prevChar = 0;
        int k = 0;
        for (Token t : tokens) {
            var p = LspRanges.position(lines.position(t.start()));
            data[k++] = p.getLine() - prevLine;
            data[k++] = p.getLine() == prevLine ? p.getCharacter() - prevChar : p.getCharacter();
            data[k++] = t.end() - t.start();
            data[k++] = t.type();
            data[k++] = t.modifiers();
            prevLine = p.getLine();
            prevChar = p.getCharacter();
        }
        return data;
    }
}
