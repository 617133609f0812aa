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
import dev.dftools.lsp.features.completion.CompletionOptions;
import dev.dftools.lsp.features.completion.CompletionProvider;
import dev.dftools.lsp.features.folding.FoldingRangeProvider;
import dev.dftools.lsp.features.format.FormatterOptions;
import dev.dftools.lsp.features.format.FormattingProvider;
import dev.dftools.lsp.features.hover.HoverProvider;
import dev.dftools.lsp.features.links.DocumentLinkProvider;
import dev.dftools.lsp.features.navigation.DefinitionProvider;
import dev.dftools.lsp.features.navigation.DocumentHighlightProvider;
import dev.dftools.lsp.features.navigation.ReferencesProvider;
import dev.dftools.lsp.features.navigation.RenameProvider;
import dev.dftools.lsp.features.selection.SelectionRangeProvider;
import dev.dftools.lsp.features.semantic.SemanticTokensProvider;
import dev.dftools.lsp.features.signature.SignatureHelpProvider;
import dev.dftools.lsp.features.symbols.DocumentSymbolProvider;
import dev.dftools.lsp.settings.FormatterSettings;
import dev.dftools.sim.store.ImageStore;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.DocumentLink;
import org.eclipse.lsp4j.DocumentLinkParams;
import org.eclipse.lsp4j.DocumentOnTypeFormattingParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SelectionRange;
import org.eclipse.lsp4j.SelectionRangeParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensDelta;
import org.eclipse.lsp4j.SemanticTokensDeltaParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SemanticTokensRangeParams;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
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
    private final HoverProvider hover = new HoverProvider();
    private final CompletionProvider completion = new CompletionProvider();
    private final SignatureHelpProvider signatures = new SignatureHelpProvider();
    private final DocumentSymbolProvider documentSymbols = new DocumentSymbolProvider();
    private final FoldingRangeProvider folding = new FoldingRangeProvider();
    private final SelectionRangeProvider selection = new SelectionRangeProvider();
    private final FormattingProvider formatting = new FormattingProvider();
    private final DefinitionProvider definitions = new DefinitionProvider();
    private final ReferencesProvider references = new ReferencesProvider();
    private final DocumentHighlightProvider highlights = new DocumentHighlightProvider();
    private final RenameProvider renames = new RenameProvider();
    private final DocumentLinkProvider links = new DocumentLinkProvider();
    /** Long-lived: it keeps the last result per document for delta requests. */
    private final SemanticTokensProvider semanticTokens = new SemanticTokensProvider();

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
        // the text is already known from didChange, but files in the build context may have changed
        // with it: context-aware rules read the disk again (for every open document)
        requests.notification("didSave", server::republishAll);
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

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return requests.onDocument("hover", () -> params.getTextDocument().getUri(), null,
                snapshot -> hover.hover(snapshot, params.getPosition()));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return requests.onDocument("completion", () -> params.getTextDocument().getUri(),
                Either.forRight(new CompletionList(List.of())), snapshot -> Either.forRight(
                        completion.complete(snapshot, params.getPosition(), completionOptions(snapshot))));
    }

    @Override
    public CompletableFuture<SignatureHelp> signatureHelp(SignatureHelpParams params) {
        return requests.onDocument("signatureHelp", () -> params.getTextDocument().getUri(), null,
                snapshot -> signatures.signatureHelp(snapshot, params.getPosition()));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
            DocumentSymbolParams params) {
        return requests.onDocument("documentSymbol", () -> params.getTextDocument().getUri(), List.of(),
                snapshot -> documentSymbols.documentSymbols(snapshot).stream()
                        .map(Either::<SymbolInformation, DocumentSymbol>forRight).toList());
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
        return requests.onDocument("foldingRange", () -> params.getTextDocument().getUri(), List.of(),
                folding::foldingRanges);
    }

    @Override
    public CompletableFuture<List<SelectionRange>> selectionRange(SelectionRangeParams params) {
        return requests.onDocument("selectionRange", () -> params.getTextDocument().getUri(), List.of(),
                snapshot -> selection.selectionRanges(snapshot, params.getPositions()));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return requests.onDocument("formatting", () -> params.getTextDocument().getUri(), List.of(),
                snapshot -> formatting.format(snapshot, formatterOptions(snapshot, params.getOptions())));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> rangeFormatting(DocumentRangeFormattingParams params) {
        return requests.onDocument("rangeFormatting", () -> params.getTextDocument().getUri(), List.of(),
                snapshot -> formatting.formatRange(snapshot, params.getRange(),
                        formatterOptions(snapshot, params.getOptions())));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> onTypeFormatting(DocumentOnTypeFormattingParams params) {
        return requests.onDocument("onTypeFormatting", () -> params.getTextDocument().getUri(), List.of(),
                snapshot -> formatting.formatOnType(snapshot, params.getPosition(), params.getCh(),
                        formatterOptions(snapshot, params.getOptions())));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        return requests.onDocument("definition", () -> params.getTextDocument().getUri(), Either.forLeft(List.of()),
                snapshot -> Either.forLeft(definitions.definition(snapshot, params.getPosition())));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        return requests.onDocument("references", () -> params.getTextDocument().getUri(), List.of(),
                snapshot -> references.references(snapshot, params.getPosition(),
                        params.getContext() == null || params.getContext().isIncludeDeclaration()));
    }

    @Override
    public CompletableFuture<List<? extends DocumentHighlight>> documentHighlight(DocumentHighlightParams params) {
        return requests.onDocument("documentHighlight", () -> params.getTextDocument().getUri(), List.of(),
                snapshot -> highlights.highlights(snapshot, params.getPosition()));
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams params) {
        return requests.onDocument("prepareRename", () -> params.getTextDocument().getUri(), null, snapshot -> {
            PrepareRenameResult result = renames.prepareRename(snapshot, params.getPosition());
            return result == null ? null : Either3.forSecond(result);
        });
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        // an invalid name comes back as the provider's ResponseErrorException, which Requests passes on
        return requests.onDocument("rename", () -> params.getTextDocument().getUri(), null,
                snapshot -> renames.rename(snapshot, params.getPosition(), params.getNewName()));
    }

    @Override
    public CompletableFuture<List<DocumentLink>> documentLink(DocumentLinkParams params) {
        return requests.onDocument("documentLink", () -> params.getTextDocument().getUri(), List.of(),
                links::documentLinks);
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        return requests.onDocument("semanticTokensFull", () -> params.getTextDocument().getUri(),
                new SemanticTokens(List.of()), semanticTokens::full);
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensRange(SemanticTokensRangeParams params) {
        return requests.onDocument("semanticTokensRange", () -> params.getTextDocument().getUri(),
                new SemanticTokens(List.of()), snapshot -> semanticTokens.range(snapshot, params.getRange()));
    }

    @Override
    public CompletableFuture<Either<SemanticTokens, SemanticTokensDelta>> semanticTokensFullDelta(
            SemanticTokensDeltaParams params) {
        return requests.onDocument("semanticTokensFullDelta", () -> params.getTextDocument().getUri(),
                Either.forLeft(new SemanticTokens(List.of())),
                snapshot -> semanticTokens.delta(snapshot, params.getPreviousResultId()));
    }

    /** Completion looks at the document's build context and the local dfsim store. */
    private CompletionOptions completionOptions(DocumentSnapshot snapshot) {
        DflsSettings settings = server.setups().settingsFor(snapshot.uri());
        Path context = server.setups().context(snapshot.uri(), settings).map(BuildContext::root).orElse(null);
        Path store = ImageStore.defaultRoot(System.getenv(), Path.of(System.getProperty("user.home")));
        return new CompletionOptions(context, store);
    }

    /** The client's tab settings with the workspace's formatter settings. */
    private FormatterOptions formatterOptions(DocumentSnapshot snapshot, FormattingOptions client) {
        FormatterSettings settings = server.setups().settingsFor(snapshot.uri()).formatter();
        FormatterOptions options = FormatterOptions.from(client);
        return new FormatterOptions(FormatterOptions.KeywordCase.valueOf(settings.keywordCase().name()),
                settings.continuationIndent(), options.trimTrailingWhitespace(), options.finalNewline(),
                options.tabSize(), options.insertSpaces());
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
