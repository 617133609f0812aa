package dev.dftools.lsp.server;

import dev.dftools.lsp.features.layers.LayerSizes;
import java.util.List;
import dev.dftools.lsp.features.semantic.SemanticTokensProvider;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DocumentLinkOptions;
import org.eclipse.lsp4j.DocumentOnTypeFormattingOptions;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SemanticTokensServerFull;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.SignatureHelpOptions;
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
 * What the server announces in {@code initialize}: one capability per feature dispatched by
 * {@link DflsTextDocumentService} and {@link DflsWorkspaceService}.
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
        c.setHoverProvider(true);
        CompletionOptions completion = new CompletionOptions(false, List.of("$", "{", "-", "=", "/", ":", " "));
        c.setCompletionProvider(completion);
        c.setSignatureHelpProvider(new SignatureHelpOptions(List.of(" ", "-"), List.of(" ")));
        c.setDocumentSymbolProvider(true);
        c.setWorkspaceSymbolProvider(true);
        c.setFoldingRangeProvider(true);
        c.setSelectionRangeProvider(true);
        c.setDocumentFormattingProvider(true);
        c.setDocumentRangeFormattingProvider(true);
        c.setDocumentOnTypeFormattingProvider(new DocumentOnTypeFormattingOptions("\n"));
        c.setDefinitionProvider(true);
        c.setReferencesProvider(true);
        c.setDocumentHighlightProvider(true);
        c.setRenameProvider(Either.forRight(new RenameOptions(true)));
        c.setDocumentLinkProvider(new DocumentLinkOptions(false));
        SemanticTokensWithRegistrationOptions tokens = new SemanticTokensWithRegistrationOptions(
                SemanticTokensProvider.legend(), new SemanticTokensServerFull(true), true);
        c.setSemanticTokensProvider(tokens);
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
