package dev.dftools.lsp.features.symbols;

import dev.dftools.grammar.ast.Directive;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.document.RecentSnapshots;
import dev.dftools.lsp.model.StageSymbol;
import dev.dftools.lsp.model.SymbolModel;
import dev.dftools.lsp.text.LspRanges;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/**
 * The outline as a tree: parser directives and global ARGs at the top, then one symbol per
 * stage (named {@code FROM image AS name}) with its instructions as children, each named by its
 * logical line. Kept lean, as the outline is requested often and its JSON is the cost on big
 * files: no symbol per ARG/ENV/LABEL name (the instruction's name shows them, and workspace
 * symbols list them) and no detail that repeats the keyword.
 */
public final class DocumentSymbolProvider {

    private static final int MAX_NAME = 60;

    /** The outline of the last few versions: the result is only read (serialized), never changed. */
    private final RecentSnapshots<List<DocumentSymbol>> recent = new RecentSnapshots<>(2);

    /** The outline of a snapshot, built once per snapshot. The list and its symbols must not be changed. */
    public List<DocumentSymbol> documentSymbols(DocumentSnapshot snapshot) {
        return recent.get(snapshot, DocumentSymbolProvider::build);
    }

    private static List<DocumentSymbol> build(DocumentSnapshot snapshot) {
        SymbolModel model = SymbolModel.of(snapshot);
        List<DocumentSymbol> result = new ArrayList<>();
        for (Directive d : snapshot.ast().directives()) {
            result.add(symbol("# " + d.name() + "=" + d.value(), "parser directive", SymbolKind.Property, d.range(),
                    d.nameRange(), List.of()));
        }
        for (Instruction i : snapshot.ast().preamble()) {
            result.add(instruction(snapshot, i));
        }
        for (StageSymbol stage : model.stages()) {
            Instruction.From from = stage.from();
            List<DocumentSymbol> children = new ArrayList<>();
            for (Instruction i : stage.stage().instructions()) {
                children.add(instruction(snapshot, i));
            }
            Word selection = stage.nameWord() != null ? stage.nameWord() : from.image() != null ? from.image()
                    : from.node().keyword();
            String name = logicalLine(snapshot, from);
            result.add(symbol(name, stage.name() != null ? "stage " + stage.index() : "stage " + stage.index()
                    + " (unnamed)", SymbolKind.Class, stage.stage().range(), selection.range(), children));
        }
        return List.copyOf(result);
    }

    private static DocumentSymbol instruction(DocumentSnapshot snapshot, Instruction i) {
        SymbolKind kind = switch (i.name()) {
            case "arg", "env" -> SymbolKind.Variable;
            case "label", "maintainer" -> SymbolKind.Property;
            case "expose" -> SymbolKind.Number;
            case "from" -> SymbolKind.Class;
            default -> SymbolKind.Function;
        };
        // no detail: the name starts with the keyword already (half a kilobyte per 30 instructions)
        return symbol(logicalLine(snapshot, i), null, kind, i.range(), i.node().keyword().range(), List.of());
    }

    /** The instruction's text, continuations joined, white space collapsed, shortened for the outline. */
    static String logicalLine(DocumentSnapshot snapshot, Instruction i) {
        String text = i.node().text().text();
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_NAME + 1));
        boolean blank = false;
        for (int k = 0; k < text.length() && sb.length() <= MAX_NAME; k++) {
            char c = text.charAt(k);
            if (c == '\n') {
                break; // a heredoc body follows
            }
            if (Character.isWhitespace(c)) {
                blank = sb.length() > 0;
            } else {
                if (blank) {
                    sb.append(' ');
                    blank = false;
                }
                sb.append(c);
            }
        }
        String line = sb.toString();
        return line.length() > MAX_NAME ? line.substring(0, MAX_NAME - 1) + "…" : line.isEmpty() ? i.name() : line;
    }

    private static DocumentSymbol symbol(String name, @Nullable String detail, SymbolKind kind, SourceRange range,
            SourceRange selection, List<DocumentSymbol> children) {
        SourceRange sel = range.containsRange(selection) ? selection : range;
        DocumentSymbol s = new DocumentSymbol(name, kind, LspRanges.range(range), LspRanges.range(sel), detail);
        if (!children.isEmpty()) {
            s.setChildren(children);
        }
        return s;
    }
}
