package dev.dftools.lsp.features.navigation;

import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.model.Occurrence;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;

/** Find references of a stage or an ARG/ENV variable (the same scoping as rename). */
public final class ReferencesProvider {

    public List<Location> references(DocumentSnapshot snapshot, Position position, boolean includeDeclaration) {
        return SymbolAt.find(snapshot, position).map(at -> {
            List<Location> result = new ArrayList<>();
            for (Occurrence o : at.model().occurrencesOf(at.symbol())) {
                if (includeDeclaration || !o.declaration()) {
                    result.add(DefinitionProvider.location(snapshot, o.range()));
                }
            }
            return result;
        }).orElse(List.of());
    }
}
