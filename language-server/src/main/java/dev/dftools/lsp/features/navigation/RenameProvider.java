package dev.dftools.lsp.features.navigation;

import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.model.Occurrence;
import dev.dftools.lsp.model.StageSymbol;
import dev.dftools.lsp.model.VariableKind;
import dev.dftools.lsp.model.VariableScanner;
import dev.dftools.lsp.model.VariableSymbol;
import dev.dftools.lsp.text.LspRanges;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * prepareRename and rename for stage names and ARG/ENV variables. Renaming a global ARG also
 * renames its re-declarations in stages ({@code ARG NAME}) and the uses they make visible;
 * renaming an ENV renames its uses in the stages that inherit it. Invalid names are rejected
 * with a {@link ResponseErrorException} whose message says why.
 */
public final class RenameProvider {

    /** BuildKit's rule for stage names. */
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_.-]*$");

    /** The range of the name under the cursor and its text, or null when nothing there can be renamed. */
    public PrepareRenameResult prepareRename(DocumentSnapshot snapshot, Position position) {
        Optional<SymbolAt> at = SymbolAt.find(snapshot, position);
        if (at.isEmpty() || !renamable(at.get().symbol())) {
            return null;
        }
        Occurrence o = at.get().occurrence();
        String text = snapshot.text().substring(o.range().start().offset(), o.range().end().offset());
        return new PrepareRenameResult(LspRanges.range(o.range()), text);
    }

    public WorkspaceEdit rename(DocumentSnapshot snapshot, Position position, String newName) {
        SymbolAt at = SymbolAt.find(snapshot, position)
                .orElseThrow(() -> error("nothing to rename here: place the cursor on a stage name or a variable"));
        Object symbol = at.symbol();
        if (!renamable(symbol)) {
            throw error("'" + ((VariableSymbol) symbol).name() + "' is predefined by BuildKit and cannot be renamed");
        }
        if (symbol instanceof StageSymbol) {
            if (!STAGE_NAME.matcher(newName).matches()) {
                throw error("invalid stage name '" + newName
                        + "': it must start with a letter and contain only letters, digits, '_', '-' and '.'");
            }
            if (at.model().stageNamed(newName).filter(s -> s != symbol).isPresent()) {
                throw error("a stage named '" + newName + "' already exists");
            }
        } else if (!VariableScanner.isValidName(newName)) {
            throw error("invalid variable name '" + newName
                    + "': use letters, digits and '_', not starting with a digit");
        }
        List<TextEdit> edits = at.model().occurrencesOf(symbol).stream()
                .map(o -> new TextEdit(LspRanges.range(o.range()), newName)).toList();
        return new WorkspaceEdit(Map.of(snapshot.uri(), edits));
    }

    private static boolean renamable(Object symbol) {
        return symbol instanceof StageSymbol
                || (symbol instanceof VariableSymbol v && v.kind() != VariableKind.PREDEFINED);
    }

    private static ResponseErrorException error(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }
}
