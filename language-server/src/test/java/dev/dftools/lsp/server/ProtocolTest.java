package dev.dftools.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lsp.testing.Edits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole conversation over JSON-RPC: initialize → didOpen → diagnostics → didChange → codeAction → shutdown → exit. */
class ProtocolTest {

    @TempDir
    Path workspace;

    static InitializeResult initialize(Connection c, Path workspace, boolean configuration) throws Exception {
        InitializeParams init = new InitializeParams();
        init.setProcessId(null);
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        ws.setConfiguration(configuration);
        caps.setWorkspace(ws);
        init.setCapabilities(caps);
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "w")));
        InitializeResult result = c.server.initialize(init).get(30, TimeUnit.SECONDS);
        c.server.initialized(new InitializedParams());
        return result;
    }

    /** Writes the workspace's Dockerfile (configuration discovery stops at the workspace) and returns its URI. */
    private String workspaceDockerfile(String text) throws java.io.IOException {
        Files.createDirectories(workspace.resolve(".git"));
        Path file = workspace.resolve("Dockerfile");
        Files.writeString(file, text);
        return file.toUri().toString();
    }

    static boolean has(PublishDiagnosticsParams p, String code) {
        return p.getDiagnostics().stream().anyMatch(d -> code.equals(d.getCode().getLeft()));
    }

    @Test
    void editsDiagnosesFixesAndShutsDownCleanly() throws Exception {
        String text = "FROM alpine:3.19\nMAINTAINER jane@example.com\nUSER nobody\n";
        String uri = workspaceDockerfile(text);
        try (Connection c = new Connection()) {
            c.client.settingsJson = "{\"rules\": {\"ignored\": [\"DF5400\"]}}";
            InitializeResult result = initialize(c, workspace, true);
            assertEquals(TextDocumentSyncKind.Incremental, result.getCapabilities().getTextDocumentSync().getRight().getChange());
            assertEquals("dfls", result.getServerInfo().getName());

            c.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dockerfile", 1, text)));
            PublishDiagnosticsParams first = c.client.awaitDiagnostics(uri, p -> has(p, "DF1006"));
            Diagnostic maintainer = first.getDiagnostics().stream().filter(d -> "DF1006".equals(d.getCode().getLeft()))
                    .findFirst().orElseThrow();
            assertEquals(1, maintainer.getRange().getStart().getLine());
            assertEquals("dflint", maintainer.getSource());
            assertTrue(c.client.configurationRequests > 0, "settings were pulled");

            // an incremental edit introduces a second problem: lower-case keyword on line 3
            text = "FROM alpine:3.19\nMAINTAINER jane@example.com\nuser nobody\n";
            c.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, 2),
                    List.of(new TextDocumentContentChangeEvent(new Range(new Position(2, 0), new Position(2, 4)), "user"))));
            PublishDiagnosticsParams second = c.client.awaitDiagnostics(uri,
                    p -> p.getVersion() != null && p.getVersion() == 2 && has(p, "DF1006"));
            assertTrue(second.getDiagnostics().size() > first.getDiagnostics().size(), second.toString());

            List<Either<org.eclipse.lsp4j.Command, CodeAction>> actions = c.server.getTextDocumentService().codeAction(
                    new CodeActionParams(new TextDocumentIdentifier(uri), maintainer.getRange(),
                            new CodeActionContext(List.of(maintainer)))).get(30, TimeUnit.SECONDS);
            CodeAction fix = actions.stream().map(Either::getRight).filter(a -> Boolean.TRUE.equals(a.getIsPreferred()))
                    .findFirst().orElseThrow();
            String fixed = Edits.apply(text, uri, fix);
            c.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, 3), List.of(new TextDocumentContentChangeEvent(fixed))));
            PublishDiagnosticsParams third = c.client.awaitDiagnostics(uri, p -> p.getVersion() == 3);
            assertFalse(has(third, "DF1006"), third.toString());

            assertEquals(null, c.server.shutdown().get(30, TimeUnit.SECONDS));
            c.server.exit();
            assertEquals(0, c.exitCode.get(30, TimeUnit.SECONDS));
            assertFalse(c.stderr.toString().contains("Exception"), c.stderr.toString());
        }
    }

    @Test
    void anUnchangedConfigurationAnswerDoesNotRelintButAChangedOneDoes() throws Exception {
        String text = "FROM alpine:3.19\nMAINTAINER jane@example.com\n";
        String uri = workspaceDockerfile(text);
        try (Connection c = new Connection()) {
            initialize(c, workspace, true);
            c.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dockerfile", 1, text)));
            c.client.awaitDiagnostics(uri, p -> has(p, "DF1006"));
            int asked = c.client.configurationRequests;
            c.server.getWorkspaceService().didChangeConfiguration(new org.eclipse.lsp4j.DidChangeConfigurationParams(new com.google.gson.JsonObject()));
            // a request answered after the configuration answer was handled: any re-lint is scheduled by then
            c.server.getTextDocumentService().hover(new org.eclipse.lsp4j.HoverParams(new TextDocumentIdentifier(uri),
                    new Position(0, 1))).get(30, TimeUnit.SECONDS);
            assertTrue(c.client.configurationRequests > asked, "settings were pulled again");
            assertEquals(null, c.client.diagnostics.poll(2, TimeUnit.SECONDS), "same settings: no second publish");

            c.client.settingsJson = "{\"rules\": {\"ignored\": [\"DF1006\"]}}";
            c.server.getWorkspaceService().didChangeConfiguration(new org.eclipse.lsp4j.DidChangeConfigurationParams(new com.google.gson.JsonObject()));
            c.client.awaitDiagnostics(uri, p -> !has(p, "DF1006"));
        }
    }

    @Test
    void exitWithoutShutdownIsExitCodeOneAndSoIsALostConnection() throws Exception {
        try (Connection c = new Connection()) {
            initialize(c, workspace, false);
            c.server.exit();
            assertEquals(1, c.exitCode.get(30, TimeUnit.SECONDS));
        }
        try (Connection c = new Connection()) {
            initialize(c, workspace, false);
            c.closeInput();
            assertEquals(1, c.exitCode.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void servesOneClientOnALoopbackSocket() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        var err = new java.io.ByteArrayOutputStream();
        java.util.concurrent.CompletableFuture<Integer> code = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                Dfls.run(new String[] {"--socket", String.valueOf(port)}, java.io.InputStream.nullInputStream(),
                        new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err, true)));
        java.net.Socket socket = null;
        for (int i = 0; i < 100 && socket == null; i++) {
            try {
                socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        assertNotNull(socket, "dfls did not listen on " + port + ": " + err);
        try (java.net.Socket s = socket) {
            TestClient client = new TestClient();
            var launcher = org.eclipse.lsp4j.launch.LSPLauncher.createClientLauncher(client, s.getInputStream(), s.getOutputStream());
            launcher.startListening();
            InitializeParams init = new InitializeParams();
            init.setCapabilities(new ClientCapabilities());
            assertEquals("dfls", launcher.getRemoteProxy().initialize(init).get(30, TimeUnit.SECONDS).getServerInfo().getName());
            launcher.getRemoteProxy().shutdown().get(30, TimeUnit.SECONDS);
            launcher.getRemoteProxy().exit();
            assertEquals(0, code.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void commandLineOptions() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        assertEquals(0, Dfls.run(new String[] {"--version"}, java.io.InputStream.nullInputStream(),
                new java.io.PrintStream(out), new java.io.PrintStream(err)));
        assertTrue(out.toString().startsWith("dfls "), out.toString());
        assertEquals(0, Dfls.run(new String[] {"--help"}, java.io.InputStream.nullInputStream(),
                new java.io.PrintStream(out), new java.io.PrintStream(err)));
        assertTrue(out.toString().contains("--socket PORT"));
        assertEquals(Dfls.USAGE, Dfls.run(new String[] {"--bogus"}, java.io.InputStream.nullInputStream(),
                new java.io.PrintStream(out), new java.io.PrintStream(err)));
        assertEquals("dfls: unknown option '--bogus' (try: dfls --help)", err.toString().strip());
        assertNotNull(DflsServer.VERSION);
    }
}
