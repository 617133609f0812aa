package dev.dftools.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DiagnosticCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that pulls diagnostics gets them by request and none pushed; Simulate build feeds the layer hints. */
class PullAndSimulateTest {

    @TempDir
    Path workspace;

    @Test
    void pullDiagnosticsThenSimulateBuildShowsLayerSizes() throws Exception {
        Files.createDirectories(workspace.resolve(".git"));
        Files.write(workspace.resolve("app.jar"), new byte[2048]);
        String text = "FROM alpine:3.19\nMAINTAINER x\nCOPY app.jar /app/\n";
        Path file = workspace.resolve("Dockerfile");
        Files.writeString(file, text);
        String uri = file.toUri().toString();
        try (Connection c = new Connection()) {
            InitializeParams init = new InitializeParams();
            ClientCapabilities caps = new ClientCapabilities();
            TextDocumentClientCapabilities td = new TextDocumentClientCapabilities();
            td.setDiagnostic(new DiagnosticCapabilities());
            caps.setTextDocument(td);
            init.setCapabilities(caps);
            init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "w")));
            InitializeResult result = c.server.initialize(init).get(30, TimeUnit.SECONDS);
            assertNotNull(result.getCapabilities().getDiagnosticProvider());
            c.server.initialized(new org.eclipse.lsp4j.InitializedParams());
            c.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dockerfile", 1, text)));

            var report = c.server.getTextDocumentService().diagnostic(
                    new DocumentDiagnosticParams(new TextDocumentIdentifier(uri))).get(30, TimeUnit.SECONDS);
            var items = report.getLeft().getItems();
            assertTrue(items.stream().anyMatch(d -> "DF1006".equals(d.getCode().getLeft())), items.toString());

            Range all = new Range(new Position(0, 0), new Position(100, 0));
            assertEquals(List.of(), c.server.getTextDocumentService().inlayHint(
                    new InlayHintParams(new TextDocumentIdentifier(uri), all)).get(30, TimeUnit.SECONDS));
            List<? extends CodeLens> lenses = c.server.getTextDocumentService().codeLens(
                    new CodeLensParams(new TextDocumentIdentifier(uri))).get(30, TimeUnit.SECONDS);
            var simulate = lenses.get(0).getCommand();
            Object answer = c.server.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams(simulate.getCommand(), simulate.getArguments())).get(60, TimeUnit.SECONDS);
            assertTrue(String.valueOf(answer).startsWith("Image 2.0 KiB"), String.valueOf(answer));
            List<InlayHint> hints = c.server.getTextDocumentService().inlayHint(
                    new InlayHintParams(new TextDocumentIdentifier(uri), all)).get(30, TimeUnit.SECONDS);
            assertEquals(1, hints.size(), hints.toString());
            assertEquals(2, hints.get(0).getPosition().getLine());
            assertEquals("2.0 KiB", hints.get(0).getLabel().getLeft());
            assertTrue(c.client.diagnostics.isEmpty(), "pull mode pushes nothing: " + c.client.diagnostics);
        }
    }

    @Test
    void aProviderThatThrowsIsLoggedAndAnsweredWithTheFallback() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var store = new dev.dftools.lsp.document.DocumentStore();
        store.open("file:///x/Dockerfile", 1, "FROM a\n");
        try (Requests requests = new Requests(store, new ServerLog(new PrintStream(err, true), false))) {
            List<String> answer = requests.<List<String>>onDocument("hover", () -> "file:///x/Dockerfile", List.of("fallback"),
                    s -> {
                        throw new IllegalStateException("provider bug");
                    }).get(30, TimeUnit.SECONDS);
            assertEquals(List.of("fallback"), answer);
            assertEquals("dfls: error: hover failed: java.lang.IllegalStateException: provider bug", err.toString().strip());
            assertEquals(List.of("fallback"), requests.<List<String>>onDocument("hover", () -> null, List.of("fallback"),
                    s -> List.of("never")).get(30, TimeUnit.SECONDS));
        }
    }
}
