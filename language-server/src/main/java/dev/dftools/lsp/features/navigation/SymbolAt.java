package dev.dftools.lsp.features.navigation;

import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.model.Occurrence;
import dev.dftools.lsp.model.StageSymbol;
import dev.dftools.lsp.model.SymbolModel;
import dev.dftools.lsp.model.VariableDeclaration;
import dev.dftools.lsp.model.VariableReference;
import dev.dftools.lsp.model.VariableSymbol;
import dev.dftools.lsp.text.LspRanges;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.lsp4j.Position;

/** The symbol under the cursor, shared by the navigation providers. */
record SymbolAt(SymbolModel model, Occurrence occurrence, int offset) {

    static Optional<SymbolAt> find(DocumentSnapshot snapshot, Position position) {
        SymbolModel model = SymbolModel.of(snapshot);
        int offset = LspRanges.offset(snapshot.lines(), position);
        return model.occurrenceAt(offset).map(o -> new SymbolAt(model, o, offset));
    }

    Object symbol() {
        return occurrence.symbol();
    }

    /** Where the symbol under the cursor is declared (for a variable: the declaration in scope there). */
    @Nullable SourceRange definition() {
        if (symbol() instanceof StageSymbol stage) {
            return stage.nameWord() == null ? null : stage.nameWord().range();
        }
        if (occurrence.declaration()) {
            return occurrence.range();
        }
        Optional<VariableReference> ref = model.referenceAt(offset);
        if (ref.isPresent() && ref.get().target() != null) {
            return ref.get().target().nameRange();
        }
        VariableSymbol variable = (VariableSymbol) symbol();
        return model.declarationsOf(variable).stream().map(VariableDeclaration::nameRange)
                .filter(r -> r != null).findFirst().orElse(null);
    }
}
