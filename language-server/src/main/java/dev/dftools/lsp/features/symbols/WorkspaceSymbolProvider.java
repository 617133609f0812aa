package dev.dftools.lsp.features.symbols;

import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.model.StageSymbol;
import dev.dftools.lsp.model.SymbolModel;
import dev.dftools.lsp.model.VariableDeclaration;
import dev.dftools.lsp.model.VariableKind;
import dev.dftools.lsp.text.LspRanges;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Workspace symbols across many Dockerfiles: stage names and ARG/ENV names. The query matches
 * case-insensitively as a subsequence (typing {@code bld} finds {@code build}), as editors expect.
 */
public final class WorkspaceSymbolProvider {

    public static final int MAX_RESULTS = 1000;

    public List<WorkspaceSymbol> symbols(Collection<DocumentSnapshot> snapshots, String query) {
        String q = query.toLowerCase(Locale.ROOT);
        List<WorkspaceSymbol> result = new ArrayList<>();
        for (DocumentSnapshot snapshot : snapshots) {
            SymbolModel model = SymbolModel.of(snapshot);
            for (StageSymbol stage : model.stages()) {
                if (stage.nameWord() != null && matches(stage.nameWord().value(), q)) {
                    result.add(symbol(stage.nameWord().value(), SymbolKind.Class, snapshot, stage.nameWord().range(),
                            "stage " + stage.index()));
                }
            }
            for (VariableDeclaration d : model.declarations()) {
                if (d.kind() == VariableKind.PREDEFINED || d.nameRange() == null || !matches(d.name(), q)) {
                    continue;
                }
                String container = d.stageIndex() < 0 ? "global ARG"
                        : (d.kind() == VariableKind.ENV ? "ENV in " : "ARG in ")
                                + model.stages().get(d.stageIndex()).label();
                result.add(symbol(d.name(), d.kind() == VariableKind.ENV ? SymbolKind.Constant : SymbolKind.Variable,
                        snapshot, d.nameRange(), container));
            }
            if (result.size() >= MAX_RESULTS) {
                return result.subList(0, MAX_RESULTS);
            }
        }
        return result;
    }

    static boolean matches(String name, String lowerQuery) {
        String n = name.toLowerCase(Locale.ROOT);
        int j = 0;
        for (int i = 0; i < n.length() && j < lowerQuery.length(); i++) {
            if (n.charAt(i) == lowerQuery.charAt(j)) {
                j++;
            }
        }
        return j == lowerQuery.length();
    }

    private static WorkspaceSymbol symbol(String name, SymbolKind kind, DocumentSnapshot snapshot,
            dev.dftools.grammar.ast.SourceRange range, String container) {
        WorkspaceSymbol s = new WorkspaceSymbol(name, kind,
                Either.forLeft(new Location(snapshot.uri(), LspRanges.range(range))));
        s.setContainerName(container);
        return s;
    }
}
