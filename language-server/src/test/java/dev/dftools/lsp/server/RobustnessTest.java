package dev.dftools.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lint.Analysis;
import dev.dftools.lint.DocumentRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Rule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.RuleRegistry;
import dev.dftools.lint.Severity;
import dev.dftools.lint.rules.Rules;
import dev.dftools.lsp.features.diagnostics.DocumentLinter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input of every kind: the server answers what it can and keeps serving. */
class RobustnessTest {

    @TempDir
    Path workspace;

    private String uri(String name) {
        return workspace.resolve(name).toUri().toString();
    }

    private static void open(Connection c, String uri, String text) {
        c.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dockerfile", 1, text)));
    }

    /** The server still lints: a fresh document gets its diagnostics. */
    private void assertStillServing(Connection c, String name) throws Exception {
        String uri = uri(name);
        open(c, uri, "FROM alpine:3.19\nMAINTAINER x\n");
        c.client.awaitDiagnostics(uri, p -> ProtocolTest.has(p, "DF1006"));
    }

    @Test
    void malformedJsonRpcOnTheWireIsReportedAndSkipped() throws Exception {
        try (Connection c = new Connection()) {
            ProtocolTest.initialize(c, workspace, false);
            for (String body : List.of("{not json!}", "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":42,\"x\":[]}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":7}",
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/codeAction\",\"params\":{\"textDocument\":null}}")) {
                c.writeRaw("Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        + "\r\n\r\n" + body);
            }
            assertStillServing(c, "after-garbage");
        }
    }

    @Test
    void unknownMethodsGetMethodNotFoundAndUnknownNotificationsAreIgnored() throws Exception {
        try (Connection c = new Connection()) {
            ProtocolTest.initialize(c, workspace, false);
            ExecutionException e = assertThrows(ExecutionException.class, () -> c.clientLauncher.getRemoteEndpoint()
                    .request("dfls/noSuchMethod", null).get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof ResponseErrorException);
            assertEquals(ResponseErrorCode.MethodNotFound.getValue(),
                    ((ResponseErrorException) e.getCause()).getResponseError().getCode());
            c.clientLauncher.getRemoteEndpoint().notify("dfls/noSuchNotification", null);
            c.clientLauncher.getRemoteEndpoint().notify("$/somethingOptional", null);
            assertStillServing(c, "after-unknown");
        }
    }

    @Test
    void positionsOutOfRangeAreClampedAndRequestsOnUnknownDocumentsAreEmpty() throws Exception {
        try (Connection c = new Connection()) {
            ProtocolTest.initialize(c, workspace, false);
            String uri = uri("Dockerfile");
            open(c, uri, "FROM alpine:3.19\n");
            var far = new Range(new Position(9999, 9999), new Position(-5, 10_000_000));
            c.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, 2), List.of(new TextDocumentContentChangeEvent(far, "\nMAINTAINER x"))));
            c.client.awaitDiagnostics(uri, p -> p.getVersion() == 2);
            var actions = c.server.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
                    far, new CodeActionContext(List.of()))).get(30, TimeUnit.SECONDS);
            assertTrue(actions != null);
            var hints = c.server.getTextDocumentService().inlayHint(new InlayHintParams(
                    new TextDocumentIdentifier(uri("never-opened")), far)).get(30, TimeUnit.SECONDS);
            assertEquals(List.of(), hints);
            c.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri("never-opened"), 2), List.of()));
            assertStillServing(c, "after-ranges");
        }
    }

    @Test
    void aFiveMegabyteDocumentGetsItsSyntaxErrorsAndEditsApply() throws Exception {
        StringBuilder big = new StringBuilder("FROM alpine:3.19 AS base\n");
        int i = 0;
        while (big.length() < 5 * 1024 * 1024) {
            big.append("RUN echo line ").append(i++).append(" && \\\n    echo continued ").append(i).append('\n');
        }
        big.append("MAINTAINER x\nRUN <<EOF\necho unterminated\n");
        try (Connection c = new Connection()) {
            ProtocolTest.initialize(c, workspace, false);
            String uri = uri("big.Dockerfile");
            open(c, uri, big.toString());
            PublishDiagnosticsParams p = c.client.awaitDiagnostics(uri, d -> ProtocolTest.has(d, "DF1000"));
            assertEquals(1, p.getDiagnostics().size(), "above the limit only syntax errors: " + p);
            int last = (int) big.chars().filter(ch -> ch == '\n').count();
            c.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
                    List.of(new TextDocumentContentChangeEvent(new Range(new Position(last, 0), new Position(last, 0)), "EOF\n"))));
            c.client.awaitDiagnostics(uri, d -> d.getVersion() == 2 && d.getDiagnostics().isEmpty());
            assertStillServing(c, "after-big");
        }
    }

    @Test
    void aThousandRapidEditsEndInTheRightStateWithTheLastVersionDiagnosed() throws Exception {
        List<DflsServer> created = new ArrayList<>();
        try (Connection c = new Connection((log, exit) -> {
            DflsServer s = new DflsServer(log, exit);
            created.add(s);
            return s;
        })) {
            ProtocolTest.initialize(c, workspace, false);
            String uri = uri("Dockerfile");
            open(c, uri, "FROM alpine:3.19\nRUN echo \n");
            Runtime rt = Runtime.getRuntime();
            StringBuilder expected = new StringBuilder("FROM alpine:3.19\nRUN echo \n");
            for (int v = 2; v <= 1001; v++) {
                char ch = (char) ('a' + v % 26);
                int col = 9 + (v - 2);
                c.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(uri, v),
                        List.of(new TextDocumentContentChangeEvent(new Range(new Position(1, col), new Position(1, col)),
                                String.valueOf(ch)))));
                expected.insert(expected.length() - 1, ch);
            }
            c.client.awaitDiagnostics(uri, p -> p.getVersion() == 1001);
            assertEquals(expected.toString(), created.get(0).documents().get(uri).orElseThrow().text());
            int published = c.client.diagnostics.size();
            assertTrue(published < 1000, "edits coalesce: " + published + " publishes for 1,000 edits");
            rt.gc();
            long used = rt.totalMemory() - rt.freeMemory();
            assertTrue(used < 512L * 1024 * 1024, "heap after 1,000 edits: " + used);
        }
    }

    @RuleInfo(code = "DF9999", slug = "always-throws", severity = Severity.ERROR, summary = "Throws.")
    static final class Throwing implements DocumentRule {
        @Override
        public void check(Analysis analysis, Findings out) {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void aRuleThatThrowsBecomesOneDiagnosticAndTheServerKeepsServing() throws Exception {
        List<Rule> rules = new ArrayList<>(Rules.all());
        rules.add(new Throwing());
        DocumentLinter linter = new DocumentLinter(new RuleRegistry(rules));
        try (Connection c = new Connection((log, exit) -> new DflsServer(log, exit, linter))) {
            ProtocolTest.initialize(c, workspace, false);
            String uri = uri("Dockerfile");
            open(c, uri, "FROM alpine:3.19\nMAINTAINER x\n");
            PublishDiagnosticsParams p = c.client.awaitDiagnostics(uri, d -> ProtocolTest.has(d, "DF1006"));
            assertTrue(ProtocolTest.has(p, "DF0000"), p.toString());
            assertStillServing(c, "after-throw");
        }
    }
}
