package dev.dftools.lsp.features.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.dftools.lint.BuildContext;
import dev.dftools.lint.Finding;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.settings.DflsSettings;
import dev.dftools.lsp.settings.SettingsParser;
import dev.dftools.lsp.settings.SettingsStore;
import dev.dftools.lsp.settings.WorkspaceFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentDiagnosticsTest {

    @TempDir
    Path workspace;

    private final WorkspaceFolders folders = new WorkspaceFolders();
    private final SettingsStore settings = new SettingsStore();
    private DocumentDiagnostics diagnostics;
    private int version;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(workspace.resolve(".git")); // stop configuration discovery at the workspace
        folders.add(workspace.toUri().toString());
        diagnostics = new DocumentDiagnostics(new DocumentLinter(), new LintSetups(folders, settings),
                settings::generation, Runnable::run);
    }

    private DocumentSnapshot open(String relative, String text) throws IOException {
        Path file = workspace.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return DocumentSnapshot.parse(file.toUri().toString(), ++version, text);
    }

    private List<Diagnostic> diagnosticsOf(DocumentSnapshot s) {
        return DiagnosticConverter.diagnostics(diagnostics.findings(s), diagnostics.setup(s).settings());
    }

    /** The default settings with {@code shellcheck.enabled}. */
    private static DflsSettings shellcheckOn() {
        return new DflsSettings(List.of(), java.util.Map.of(), List.of(), true, "",
                DflsSettings.defaults().formatter(), "", true, ".dfsim/report.json", true);
    }

    private static void assumeShellcheckInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "shellcheck"))), "shellcheck is not installed");
    }

    /** ShellCheck on, its passes queued: the test runs them. */
    private List<Runnable> shellCheckRunsWhenTheTestSays() {
        assumeShellcheckInstalled();
        List<Runnable> queue = new java.util.ArrayList<>();
        diagnostics = new DocumentDiagnostics(new DocumentLinter(), new LintSetups(folders, settings),
                settings::generation, queue::add);
        settings.setGlobal(shellcheckOn());
        return queue;
    }

    private static List<String> codes(List<Diagnostic> ds) {
        return ds.stream().map(d -> DiagnosticConverter.code(d).orElseThrow()).toList();
    }

    @Test
    void reportsSyntaxErrorsAndRuleFindingsWithCodeSourceLinkSeverityAndTags() throws IOException {
        DocumentSnapshot s = open("Dockerfile", "FROM alpine:3.19\nMAINTAINER me@example.com\nEXPOSE 80/tcpx\n");
        List<Diagnostic> ds = diagnosticsOf(s);
        Diagnostic maintainer = ds.stream().filter(d -> d.getCode().getLeft().equals("DF1006")).findFirst().orElseThrow();
        assertEquals(new Position(1, 0), maintainer.getRange().getStart());
        assertEquals("dflint", maintainer.getSource());
        assertEquals(DiagnosticSeverity.Error, maintainer.getSeverity());
        assertEquals(List.of(DiagnosticTag.Deprecated), maintainer.getTags());
        assertTrue(maintainer.getCodeDescription().getHref().endsWith("DF1006.md"), maintainer.getCodeDescription().getHref());
        assertTrue(ds.stream().anyMatch(d -> d.getRange().getStart().getLine() == 2), ds.toString());

        DocumentSnapshot broken = open("Dockerfile", "FROM alpine:3.19\nRUN <<EOF\necho hi\n");
        assertTrue(codes(diagnosticsOf(broken)).contains("DF1000"), codes(diagnosticsOf(broken)).toString());
    }

    @Test
    void honoursTheWorkspacesConfigFileInlineSuppressionsAndSettings() throws IOException {
        String text = "FROM alpine:3.19\nMAINTAINER me@example.com\n# dflint ignore=DF5200\nCMD echo hi\n";
        assertTrue(codes(diagnosticsOf(open("a/Dockerfile", text))).contains("DF1006"));
        assertFalse(codes(diagnosticsOf(open("a/Dockerfile", text))).contains("DF5200"), "inline ignore");

        Files.writeString(workspace.resolve(".hadolint.yaml"), "ignored: [DL4000]\n"); // DF1006's hadolint code
        settings.invalidate();
        assertFalse(codes(diagnosticsOf(open("a/Dockerfile", text))).contains("DF1006"), "config file from the folder up");

        Files.delete(workspace.resolve(".hadolint.yaml"));
        settings.setFolder(workspace.toUri().toString(), SettingsParser.parse(JsonParser.parseString(
                "{\"rules\": {\"severity\": {\"DF1006\": \"style\"}, \"ignored\": [\"json-args-recommended\"]}}"), w -> { }));
        List<Diagnostic> ds = diagnosticsOf(open("a/Dockerfile", text));
        assertEquals(DiagnosticSeverity.Hint, ds.stream().filter(d -> d.getCode().getLeft().equals("DF1006"))
                .findFirst().orElseThrow().getSeverity());
        assertFalse(codes(ds).contains("DF5201"));
    }

    @Test
    void contextAwareRulesUseTheWorkspaceFolderOrTheContextPathSetting() throws IOException {
        String text = "FROM alpine:3.19\nCOPY app.jar /app/\n";
        DocumentSnapshot s = open("docker/Dockerfile", text);
        assertTrue(codes(diagnosticsOf(s)).contains("DF4011"), "app.jar is not in the workspace folder");
        Files.writeString(workspace.resolve("app.jar"), "jar");
        settings.invalidate();
        assertFalse(codes(diagnosticsOf(s)).contains("DF4011"));
        settings.setFolder(workspace.toUri().toString(), SettingsParser.parse(JsonParser.parseString(
                "{\"contextPath\": \"docker\"}"), w -> { }));
        assertTrue(codes(diagnosticsOf(s)).contains("DF4011"), "context is now workspace/docker");
    }

    @Test
    void theEditsOfABurstShareOneBuildContextUntilTheSettingsGenerationChanges() throws IOException {
        // one context instance keeps what the context rules read from the disk: a keystroke does not
        // stat every COPY source again; a save or a watched-file change (a new generation) reads afresh
        LintSetups setups = new LintSetups(folders, settings);
        String uri = workspace.resolve("Dockerfile").toUri().toString();
        DflsSettings s = setups.settingsFor(uri);
        BuildContext first = setups.context(uri, s).orElseThrow();
        assertSame(first, setups.context(uri, s).orElseThrow());
        settings.invalidate();
        BuildContext afterSave = setups.context(uri, s).orElseThrow();
        assertNotSame(first, afterSave);
        assertEquals(first, afterSave, "the same context directory and Dockerfile");
    }

    @Test
    void lintsOncePerVersionAndAgainOnlyWhenSettingsChange() throws IOException {
        DocumentSnapshot s = open("Dockerfile", "FROM alpine:3.19\nMAINTAINER me\n");
        List<Finding> first = diagnostics.findings(s);
        assertSame(first, diagnostics.findings(s));
        settings.invalidate();
        List<Finding> second = diagnostics.findings(s);
        assertFalse(first == second);
        assertEquals(first, second);
    }

    @Test
    void shellCheckRunsOnlyWhenEnabledAndAddsItsFindingsWhenDone() throws Exception {
        DocumentSnapshot s = open("Dockerfile", "FROM alpine:3.19\nRUN echo $1 | grep x > /dev/null; cd /x\n");
        assertTrue(diagnostics.startShellCheck(s).isEmpty(), "off by default");
        assertTrue(codes(diagnosticsOf(s)).stream().noneMatch(c -> c.startsWith("SC")));
        settings.setGlobal(shellcheckOn());
        settings.setFolder(workspace.toUri().toString(), settings.global());
        var done = diagnostics.startShellCheck(s);
        assumeShellcheckInstalled();
        done.orElseThrow().get(60, TimeUnit.SECONDS);
        assertTrue(codes(diagnosticsOf(s)).stream().anyMatch(c -> c.startsWith("SC")), codes(diagnosticsOf(s)).toString());
        assertTrue(diagnostics.startShellCheck(s).isEmpty(), "started once per version");
    }

    @Test
    void aVersionEditedAgainBeforeItsShellCheckTurnIsNotChecked() throws Exception {
        List<Runnable> queue = shellCheckRunsWhenTheTestSays();
        String text = "FROM alpine:3.19\nRUN echo $1 | grep x > /dev/null; cd /x\n";
        DocumentSnapshot first = open("Dockerfile", text);
        var firstRun = diagnostics.startShellCheck(first).orElseThrow();
        DocumentSnapshot second = open("Dockerfile", text + "#\n");
        var secondRun = diagnostics.startShellCheck(second).orElseThrow();
        assertEquals(2, queue.size());
        queue.forEach(Runnable::run);
        assertEquals(List.of(), firstRun.get(60, TimeUnit.SECONDS), "superseded before its turn");
        assertTrue(secondRun.get(60, TimeUnit.SECONDS).stream().anyMatch(f -> f.code().startsWith("SC")));
    }

    @Test
    void untilAVersionsShellCheckPassIsDoneTheLastPassFindingsShowOnTheStagesTheEditLeftAlone() throws Exception {
        List<Runnable> queue = shellCheckRunsWhenTheTestSays();
        String text = "FROM alpine:3.19 AS a\nRUN echo $1\nFROM alpine:3.19\nRUN echo $2\n";
        DocumentSnapshot first = open("Dockerfile", text);
        diagnostics.startShellCheck(first).orElseThrow();
        queue.remove(0).run();
        assertEquals(List.of(1, 3), shellCheckLines(first));

        DocumentSnapshot second = open("Dockerfile", text.replace("RUN echo $1", "RUN apk add curl\nRUN echo $1"));
        diagnostics.startShellCheck(second).orElseThrow();
        assertEquals(List.of(4), shellCheckLines(second), "the second stage's finding, moved; the edited stage's left out");
        queue.remove(0).run();
        assertEquals(List.of(2, 4), shellCheckLines(second), "the pass's own findings once it is done");

        settings.setGlobal(DflsSettings.defaults());
        assertEquals(List.of(), shellCheckLines(second), "ShellCheck turned off: nothing carried");
    }

    private List<Integer> shellCheckLines(DocumentSnapshot s) {
        return diagnosticsOf(s).stream().filter(d -> DiagnosticConverter.code(d).orElseThrow().startsWith("SC"))
                .map(d -> d.getRange().getStart().getLine()).toList();
    }
}
