package dev.dftools.lsp.features.navigation;

import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.text.LspRanges;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;

/**
 * Go to definition: a stage reference ({@code FROM name}, {@code --from=name}, mount {@code from=})
 * goes to its {@code AS name}; a variable goes to the ARG/ENV in scope where it is used (a
 * global ARG in FROM lines, the stage's re-declaration inside a stage).
 */
public final class DefinitionProvider {

    public List<Location> definition(DocumentSnapshot snapshot, Position position) {
        List<Location> symbol = SymbolAt.find(snapshot, position).map(SymbolAt::definition)
                .map(r -> List.of(location(snapshot, r))).orElse(List.of());
        return symbol.isEmpty() ? heredocOpener(snapshot, position) : symbol;
    }

    /** From a heredoc's end marker to its {@code <<EOF}. */
    private static List<Location> heredocOpener(DocumentSnapshot snapshot, Position position) {
        int offset = dev.dftools.lsp.text.LspRanges.offset(snapshot.lines(), position);
        return dev.dftools.lsp.model.Instructions.at(snapshot.ast(), offset).stream()
                .flatMap(i -> i.heredocs().stream())
                .filter(h -> h.terminator() != null && h.terminator().start().offset() <= offset
                        && offset <= h.terminator().end().offset())
                .map(h -> location(snapshot, h.opener().range())).toList();
    }

    static Location location(DocumentSnapshot snapshot, SourceRange range) {
        return new Location(snapshot.uri(), LspRanges.range(range));
    }
}
