package dev.dftools.lsp.features.navigation;

import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.model.Occurrence;
import dev.dftools.lsp.text.LspRanges;
import java.util.List;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightKind;
import org.eclipse.lsp4j.Position;

/** Highlights every occurrence of the stage or variable under the cursor: Write for declarations, Read for uses. */
public final class DocumentHighlightProvider {

    public List<DocumentHighlight> highlights(DocumentSnapshot snapshot, Position position) {
        return SymbolAt.find(snapshot, position).map(at -> at.model().occurrencesOf(at.symbol()).stream()
                .map(DocumentHighlightProvider::highlight).toList()).orElse(List.of());
    }

    private static DocumentHighlight highlight(Occurrence o) {
        return new DocumentHighlight(LspRanges.range(o.range()),
                o.declaration() ? DocumentHighlightKind.Write : DocumentHighlightKind.Read);
    }
}
