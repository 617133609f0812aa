package dev.dftools.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language features answer over real JSON-RPC through the server's dispatch, as an editor sees them. */
class LanguageFeaturesProtocolTest {

    @TempDir
    Path workspace;

    private static final String TEXT = """
            ARG BASE=alpine:3.19
            from ${BASE} AS build
            RUN echo one \\
              && echo two
            FROM build
            COPY --from=build /a /b
            """;

    @Test
    void everyWiredFeatureAnswersThroughTheProtocol() throws Exception {
        Path file = workspace.resolve("Dockerfile");
        Files.writeString(file, TEXT);
        Files.writeString(workspace.resolve("other.Dockerfile"), "FROM scratch AS elsewhere\n");
        String uri = file.toUri().toString();
        TextDocumentIdentifier doc = new TextDocumentIdentifier(uri);
        try (Connection c = new Connection()) {
            InitializeResult init = ProtocolTest.initialize(c, workspace, false);
            var caps = init.getCapabilities();
            assertTrue(caps.getHoverProvider().getLeft());
            assertNotNull(caps.getCompletionProvider());
            assertNotNull(caps.getSemanticTokensProvider());
            assertTrue(caps.getRenameProvider().getRight().getPrepareProvider());
            var text = c.server.getTextDocumentService();
            text.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dockerfile", 1, TEXT)));

            var hover = text.hover(new HoverParams(doc, new Position(2, 1))).get(30, TimeUnit.SECONDS);
            assertTrue(hover.getContents().getRight().getValue().contains("RUN"), hover.toString());

            var completion = text.completion(new CompletionParams(doc, new Position(5, 12))).get(30, TimeUnit.SECONDS);
            assertTrue(completion.getRight().getItems().stream().anyMatch(i -> i.getLabel().equals("build")),
                    completion.toString());

            var symbols = text.documentSymbol(new DocumentSymbolParams(doc)).get(30, TimeUnit.SECONDS);
            assertEquals(List.of("ARG BASE=alpine:3.19", "from ${BASE} AS build", "FROM build"), symbols.stream().map(x -> x.getRight().getName()).toList(),
                    "the global ARG, then one symbol per stage");

            var definition = text.definition(new DefinitionParams(doc, new Position(4, 6))).get(30, TimeUnit.SECONDS);
            assertEquals(1, definition.getLeft().get(0).getRange().getStart().getLine(), definition.toString());

            var folding = text.foldingRange(new FoldingRangeRequestParams(doc)).get(30, TimeUnit.SECONDS);
            assertTrue(folding.stream().anyMatch(f -> f.getStartLine() == 2 && f.getEndLine() == 3), folding.toString());

            var edits = text.formatting(new DocumentFormattingParams(doc, new FormattingOptions(4, true)))
                    .get(30, TimeUnit.SECONDS);
            assertTrue(edits.stream().anyMatch(e -> e.getNewText().equals("FROM")), "keyword upper-cased: " + edits);

            var rename = text.rename(new RenameParams(doc, new Position(1, 19), "builder")).get(30, TimeUnit.SECONDS);
            assertEquals(3, rename.getChanges().get(uri).size(), "AS build, FROM build, --from=build: " + rename);
            ExecutionException invalid = assertThrows(ExecutionException.class,
                    () -> text.rename(new RenameParams(doc, new Position(1, 19), "not valid!")).get(30, TimeUnit.SECONDS));
            assertTrue(invalid.getCause() instanceof ResponseErrorException, invalid.toString());

            var tokens = text.semanticTokensFull(new SemanticTokensParams(doc)).get(30, TimeUnit.SECONDS);
            assertFalse(tokens.getData().isEmpty());
            assertEquals(0, tokens.getData().size() % 5);

            var workspaceSymbols = c.server.getWorkspaceService().symbol(new WorkspaceSymbolParams("elsewhere"))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(List.of("elsewhere"), workspaceSymbols.getRight().stream().map(s -> s.getName()).toList(),
                    "a stage of a Dockerfile on disk that is not open");
        }
    }
}
