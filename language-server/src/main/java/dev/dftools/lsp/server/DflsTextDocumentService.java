package dev.dftools.lsp.server;

import dev.dftools.lint.BuildContext;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.features.diagnostics.DiagnosticConverter;
import dev.dftools.lsp.features.layers.LayerSizes;
import dev.dftools.lsp.settings.DflsSettings;
import dev.dftools.sim.report.BuildReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.RelatedFullDocumentDiagnosticReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * {@code textDocument/*}: document sync, then one delegating method per request. Each request
 * runs its feature class on a worker through {@link Requests} (guarded, cancellable) on the
 * version current when the request arrived. To add a feature: a method here that calls
 * {@code requests.onDocument(...)} with the feature, and its capability in {@link Capabilities}.
 */
public final class DflsTextDocumentService implements TextDocumentService {

    private final DflsServer server;
    private final Requests requests;

    DflsTextDocumentService(DflsServer server) {
        this.server = server;
        this.requests = server.requests();
    }

    // --- document sync (protocol thread, in the client's order; parsing and linting happen later) ---

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        requests.notification("didOpen", () -> {
            var doc = params.getTextDocument();
            server.documents().open(doc.getUri(), doc.getVersion(), doc.getText() == null ? "" : doc.getText());
            server.publisher().schedule(doc.getUri());
        });
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        requests.notification("didChange", () -> {
            String uri = params.getTextDocument().getUri();
            Integer version = params.getTextDocument().getVersion();
            server.documents().change(uri, version == null ? 0 : version, params.getContentChanges())
                    .ifPresentOrElse(d -> server.publisher().schedule(uri),
                            () -> server.log().warn("didChange for a document that is not open: " + uri));
        });
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        requests.notification("didClose", () -> {
            String uri = params.getTextDocument().getUri();
            server.documents().close(uri);
            server.diagnostics().forget(uri);
            server.layerReports().forget(uri);
            server.publisher().clear(uri);
        });
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // the text is already known from didChange; context-aware rules may see new files now
        requests.notification("didSave", () -> server.publisher().schedule(params.getTextDocument().getUri()));
    }

    // --- requests: one delegating method each ---

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return requests.onDocument("codeAction", () -> params.getTextDocument().getUri(), List.of(),
                snapshot -> server.codeActions().codeActions(snapshot, params));
    }

    @Override
    public CompletableFuture<DocumentDiagnosticReport> diagnostic(DocumentDiagnosticParams params) {
        DocumentDiagnosticReport empty = new DocumentDiagnosticReport(new RelatedFullDocumentDiagnosticReport(List.of()));
        return requests.onDocument("diagnostic", () -> params.getTextDocument().getUri(), empty, snapshot -> {
            var diagnostics = server.diagnostics();
            DflsSettings settings = diagnostics.setup(snapshot).settings();
            var items = DiagnosticConverter.diagnostics(diagnostics.findings(snapshot), settings);
            server.publisher().schedule(snapshot.uri()); // starts ShellCheck when enabled (refresh follows)
            return new DocumentDiagnosticReport(new RelatedFullDocumentDiagnosticReport(items));
        });
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        return requests.onDocument("inlayHint", () -> params.getTextDocument().getUri(), List.of(),
                snapshot -> LayerSizes.inlayHints(snapshot, layerReport(snapshot), params.getRange()));
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        return requests.onDocument("codeLens", () -> params.getTextDocument().getUri(), List.of(), snapshot -> {
            if (!server.setups().settingsFor(snapshot.uri()).simulatorEnabled()) {
                return List.of();
            }
            return LayerSizes.codeLenses(snapshot, layerReport(snapshot));
        });
    }

    /** The layer report shown for a document (none when the simulator is off in its settings). */
    private Optional<BuildReport> layerReport(DocumentSnapshot snapshot) {
        DflsSettings settings = server.setups().settingsFor(snapshot.uri());
        if (!settings.simulatorEnabled()) {
            return Optional.empty();
        }
        Optional<Path> context = server.setups().context(snapshot.uri(), settings).map(BuildContext::root);
        return server.layerReports().reportFor(snapshot.uri(), context, settings.layerReport());
    }
}
