package dev.dftools.lsp.server;

import dev.dftools.lsp.features.layers.LayerSizes;
import java.util.List;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.DiagnosticRegistrationOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.InlayHintRegistrationOptions;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkspaceFoldersOptions;
import org.eclipse.lsp4j.WorkspaceServerCapabilities;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * What the server announces in {@code initialize}. Features added later (hover, completion, …)
 * add their capability here next to their dispatch method in {@link DflsTextDocumentService}.
 */
final class Capabilities {

    private Capabilities() {
    }

    /** True when the client can pull diagnostics; the server then pushes none (clients would show both). */
    static boolean clientPullsDiagnostics(ClientCapabilities client) {
        return client != null && client.getTextDocument() != null && client.getTextDocument().getDiagnostic() != null;
    }

    static ServerCapabilities of(ClientCapabilities client) {
        ServerCapabilities c = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        sync.setSave(new SaveOptions(false));
        c.setTextDocumentSync(sync);

        CodeActionOptions actions = new CodeActionOptions(List.of(CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite));
        actions.setResolveProvider(false);
        c.setCodeActionProvider(actions);

        if (clientPullsDiagnostics(client)) {
            DiagnosticRegistrationOptions diagnostics = new DiagnosticRegistrationOptions(false, false);
            diagnostics.setIdentifier("dflint");
            c.setDiagnosticProvider(diagnostics);
        }
        c.setInlayHintProvider(Either.forRight(new InlayHintRegistrationOptions()));
        c.setCodeLensProvider(new CodeLensOptions(false));
        c.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(LayerSizes.SIMULATE_COMMAND)));

        WorkspaceFoldersOptions folders = new WorkspaceFoldersOptions();
        folders.setSupported(true);
        folders.setChangeNotifications(true);
        c.setWorkspace(new WorkspaceServerCapabilities(folders));
        return c;
    }
}
