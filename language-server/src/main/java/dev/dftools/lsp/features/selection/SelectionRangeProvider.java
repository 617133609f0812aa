package dev.dftools.lsp.features.selection;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.model.Instructions;
import dev.dftools.lsp.model.StageSymbol;
import dev.dftools.lsp.model.SymbolModel;
import dev.dftools.lsp.model.VariableReference;
import dev.dftools.lsp.text.LspRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SelectionRange;

/**
 * Smart selection, growing outwards: variable name → {@code $VAR} → mount option or flag value →
 * flag or argument word (or key=value pair) → instruction → stage → document.
 */
public final class SelectionRangeProvider {

    public List<SelectionRange> selectionRanges(DocumentSnapshot snapshot, List<Position> positions) {
        List<SelectionRange> result = new ArrayList<>();
        SymbolModel model = SymbolModel.of(snapshot);
        for (Position p : positions) {
            result.add(selection(snapshot, model, LspRanges.offset(snapshot.lines(), p)));
        }
        return result;
    }

    private static SelectionRange selection(DocumentSnapshot snapshot, SymbolModel model, int offset) {
        List<SourceRange> chain = new ArrayList<>(); // outermost first
        chain.add(snapshot.lines().range(0, snapshot.text().length()));
        model.stageAt(offset).map(StageSymbol::stage).filter(s -> s.range().end().offset() >= offset)
                .ifPresent(s -> chain.add(s.range()));
        Optional<Instruction> instruction = Instructions.at(snapshot.ast(), offset);
        if (instruction.isPresent()) {
            Instruction i = instruction.get();
            chain.add(i.range());
            for (Flag f : i.flags()) {
                if (within(f.range(), offset)) {
                    chain.add(f.range());
                    if (f.valueRange() != null && within(f.valueRange(), offset)) {
                        chain.add(f.valueRange());
                        if (f.value() != null && f.value().length() == f.valueRange().length()) {
                            chain.add(segment(snapshot, f, offset));
                        }
                    }
                }
            }
            pairs(i, offset, chain);
            for (Word w : i.node().args()) {
                if (within(w.range(), offset) && w.range().length() > 0) {
                    chain.add(w.range());
                }
            }
            if (i.node().keyword().range().contains(offset)) {
                chain.add(i.node().keyword().range());
            }
        }
        Optional<VariableReference> ref = model.referenceAt(offset);
        ref.ifPresent(r -> {
            chain.add(r.range());
            chain.add(r.nameRange());
        });
        SelectionRange current = null;
        SourceRange previous = null;
        for (SourceRange r : chain) {
            if (previous != null && (r.equals(previous) || !previous.containsRange(r))) {
                continue;
            }
            current = new SelectionRange(LspRanges.range(r), current);
            previous = r;
        }
        return current;
    }

    private static void pairs(Instruction i, int offset, List<SourceRange> chain) {
        if (i instanceof Instruction.Env env) {
            for (KeyValue kv : env.pairs()) {
                pair(kv.key(), kv.value(), offset, chain);
            }
        } else if (i instanceof Instruction.Label label) {
            for (KeyValue kv : label.pairs()) {
                pair(kv.key(), kv.value(), offset, chain);
            }
        } else if (i instanceof Instruction.Arg arg) {
            for (ArgDeclaration d : arg.declarations()) {
                pair(d.name(), d.defaultValue(), offset, chain);
            }
        }
    }

    private static void pair(Word key, Word value, int offset, List<SourceRange> chain) {
        SourceRange whole = value == null ? key.range() : key.range().union(value.range());
        if (within(whole, offset)) {
            chain.add(whole);
        }
    }

    /** The comma-separated {@code key=value} of a flag value under the cursor. */
    private static SourceRange segment(DocumentSnapshot snapshot, Flag f, int offset) {
        String value = f.value();
        int base = f.valueRange().start().offset();
        int rel = Math.min(value.length(), Math.max(0, offset - base));
        int start = rel == 0 ? 0 : value.lastIndexOf(',', rel - 1) + 1;
        int end = value.indexOf(',', rel);
        return snapshot.lines().range(base + start, base + (end < 0 ? value.length() : end));
    }

    private static boolean within(SourceRange r, int offset) {
        return r.start().offset() <= offset && offset <= r.end().offset();
    }
}
