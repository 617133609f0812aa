package dev.dftools.lsp.server;

import com.google.gson.JsonElement;
import dev.dftools.lsp.document.DocumentStore;
import dev.dftools.lsp.features.actions.CodeActionProvider;
import dev.dftools.lsp.features.diagnostics.DiagnosticsPublisher;
import dev.dftools.lsp.features.diagnostics.DocumentDiagnostics;
import dev.dftools.lsp.features.diagnostics.DocumentLinter;
import dev.dftools.lsp.features.diagnostics.LintSetups;
import dev.dftools.lsp.features.diagnostics.Warmup;
import dev.dftools.lsp.features.layers.LayerReports;
import dev.dftools.lsp.settings.DflsSettings;
import dev.dftools.lsp.settings.SettingsParser;
import dev.dftools.lsp.settings.SettingsStore;
import dev.dftools.lsp.settings.WorkspaceFolders;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DidChangeConfigurationCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * dfls: the lsp4j {@link LanguageServer}. It owns the state (open documents, workspace folders,
 * settings) and the services; {@link DflsTextDocumentService} and {@link DflsWorkspaceService}
 * only dispatch to feature classes.
 */
public final class DflsServer implements LanguageServer, LanguageClientAware {

    public static final String VERSION = "0.1.0";

    private final ServerLog log;
    private final IntConsumer exit;
    private final DocumentStore documents = new DocumentStore();
    private final WorkspaceFolders folders = new WorkspaceFolders();
    private final SettingsStore settings = new SettingsStore();
    private final LintSetups setups = new LintSetups(folders, settings);
    private final ExecutorService shellcheckExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dfls-shellcheck");
        t.setDaemon(true);
        return t;
    });
    private final DocumentDiagnostics diagnostics;
    private final DiagnosticsPublisher publisher;
    private final CodeActionProvider codeActions;
    private final LayerReports layerReports;
    private final Requests requests;
    private final DflsTextDocumentService textDocumentService;
    private final DflsWorkspaceService workspaceService;
    private volatile @Nullable LanguageClient client;
    private volatile ClientCapabilities clientCapabilities = new ClientCapabilities();
    private volatile boolean shutdownRequested;

    /**
     * @param exit what {@code exit} does with the exit code (System::exit in the real server)
     */
    public DflsServer(ServerLog log, IntConsumer exit) {
        this(log, exit, new DocumentLinter());
    }

    /** With another rule set (tests: a rule that throws). */
    DflsServer(ServerLog log, IntConsumer exit, DocumentLinter linter) {
        this.log = log;
        this.exit = exit;
        this.diagnostics = new DocumentDiagnostics(linter, setups, settings::generation, shellcheckExecutor);
        this.publisher = new DiagnosticsPublisher(documents::snapshot, diagnostics, p -> {
            LanguageClient c = client;
            if (c != null) {
                c.publishDiagnostics(p);
            }
        }, log::error);
        this.codeActions = new CodeActionProvider(diagnostics);
        this.layerReports = new LayerReports(log::error);
        this.requests = new Requests(documents, log);
        this.textDocumentService = new DflsTextDocumentService(this);
        this.workspaceService = new DflsWorkspaceService(this);
    }

    /**
     * With {@code -Ddfls.warmup=true}, warms the linter up on a background thread ({@link Warmup})
     * until the first document opens. Called when the process starts, before the client's
     * {@code initialize}. Off by default: editors send the first document right after
     * {@code initialize}, and the warm-up delayed that answer more than it sped up the first lint
     * (docs/dfls.md). {@code bin/dfls} turns it on in the run that trains its AOT cache, which so
     * holds the classes and method profiles the warm-up touches.
     */
    void startWarmup() {
        if ("true".equals(System.getProperty("dfls.warmup"))) {
            Warmup.start(diagnostics.linter(), settings.forFolder(null),
                    () -> shutdownRequested || !documents.uris().isEmpty());
        }
    }

    @Override
    public void connect(LanguageClient languageClient) {
        this.client = languageClient;
        log.connect(languageClient);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        clientCapabilities = params.getCapabilities() == null ? new ClientCapabilities() : params.getCapabilities();
        if (params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()) {
            params.getWorkspaceFolders().forEach(f -> folders.add(f.getUri()));
        } else if (params.getRootUri() != null) {
            folders.add(params.getRootUri());
        } else if (params.getRootPath() != null) {
            folders.add(java.nio.file.Path.of(params.getRootPath()).toUri().toString());
        }
        if (params.getInitializationOptions() != null) {
            settings.setGlobal(SettingsParser.parse(params.getInitializationOptions(), log::warn));
        }
        boolean pull = Capabilities.clientPullsDiagnostics(clientCapabilities);
        publisher.setPush(!pull, this::refreshDiagnostics);
        InitializeResult result = new InitializeResult(Capabilities.of(clientCapabilities));
        result.setServerInfo(new ServerInfo("dfls", VERSION));
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public void initialized(InitializedParams params) {
        registerDynamicNotifications();
        pullSettings();
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdownRequested = true;
        publisher.close();
        requests.close();
        shellcheckExecutor.shutdownNow();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        exit.accept(shutdownRequested ? 0 : 1);
    }

    public boolean shutdownRequested() {
        return shutdownRequested;
    }

    @Override
    public DflsTextDocumentService getTextDocumentService() {
        return textDocumentService;
    }

    @Override
    public DflsWorkspaceService getWorkspaceService() {
        return workspaceService;
    }

    // --- state the services share ---

    ServerLog log() {
        return log;
    }

    DocumentStore documents() {
        return documents;
    }

    WorkspaceFolders folders() {
        return folders;
    }

    SettingsStore settings() {
        return settings;
    }

    LintSetups setups() {
        return setups;
    }

    DocumentDiagnostics diagnostics() {
        return diagnostics;
    }

    DiagnosticsPublisher publisher() {
        return publisher;
    }

    CodeActionProvider codeActions() {
        return codeActions;
    }

    LayerReports layerReports() {
        return layerReports;
    }

    Requests requests() {
        return requests;
    }

    @Nullable LanguageClient client() {
        return client;
    }

    ClientCapabilities clientCapabilities() {
        return clientCapabilities;
    }

    // --- settings and refreshes ---

    private boolean clientHasConfiguration() {
        var ws = clientCapabilities.getWorkspace();
        return ws != null && Boolean.TRUE.equals(ws.getConfiguration());
    }

    /** Asks the client for the {@code dfls} section, globally and per folder, then re-lints. */
    void pullSettings() {
        LanguageClient c = client;
        if (c == null || !clientHasConfiguration()) {
            republishAll();
            return;
        }
        List<WorkspaceFolders.Folder> all = folders.all();
        List<ConfigurationItem> items = new ArrayList<>();
        ConfigurationItem global = new ConfigurationItem();
        global.setSection(DflsSettings.SECTION);
        items.add(global);
        for (WorkspaceFolders.Folder f : all) {
            ConfigurationItem item = new ConfigurationItem();
            item.setScopeUri(f.uri());
            item.setSection(DflsSettings.SECTION);
            items.add(item);
        }
        c.configuration(new ConfigurationParams(items)).whenComplete((values, error) -> {
            if (error != null) {
                log.error("workspace/configuration", error);
                republishAll();
            } else if (values != null) {
                boolean changed = false;
                if (!values.isEmpty() && values.get(0) instanceof JsonElement e && e.isJsonObject()) {
                    changed = settings.setGlobal(SettingsParser.parse(e, log::warn));
                }
                for (int i = 0; i < all.size() && i + 1 < values.size(); i++) {
                    Object v = values.get(i + 1);
                    if (v instanceof JsonElement e && e.isJsonObject()) {
                        changed |= settings.setFolder(all.get(i).uri(), SettingsParser.parse(e, log::warn));
                    }
                }
                // the answer to the request sent at start-up usually comes after the first document
                // is open and linted: the same settings need no second lint and publish of it
                if (changed) {
                    republishAll();
                }
            }
        });
    }

    /** Settings from a {@code didChangeConfiguration} that carries them (clients without workspace/configuration). */
    void applyPushedSettings(@Nullable Object raw) {
        if (clientHasConfiguration()) {
            pullSettings(); // the notification only says "something changed"
            return;
        }
        if (raw != null) {
            settings.setGlobal(SettingsParser.parse(raw, log::warn));
        }
        republishAll();
    }

    void addFolder(WorkspaceFolder folder) {
        folders.add(folder.getUri());
    }

    void removeFolder(WorkspaceFolder folder) {
        folders.remove(folder.getUri());
        settings.removeFolder(folder.getUri());
    }

    /** Re-lints every open document (settings or configuration files changed) and refreshes the hints. */
    void republishAll() {
        settings.invalidate();
        documents.uris().forEach(publisher::schedule);
        refreshDiagnostics();
        refreshLayerViews();
    }

    void refreshDiagnostics() {
        LanguageClient c = client;
        var ws = clientCapabilities.getWorkspace();
        if (c != null && !publisher.pushes() && ws != null && ws.getDiagnostics() != null
                && Boolean.TRUE.equals(ws.getDiagnostics().getRefreshSupport())) {
            c.refreshDiagnostics().exceptionally(e -> null);
        }
    }

    void refreshLayerViews() {
        LanguageClient c = client;
        var ws = clientCapabilities.getWorkspace();
        if (c == null || ws == null) {
            return;
        }
        if (ws.getInlayHint() != null && Boolean.TRUE.equals(ws.getInlayHint().getRefreshSupport())) {
            c.refreshInlayHints().exceptionally(e -> null);
        }
        if (ws.getCodeLens() != null && Boolean.TRUE.equals(ws.getCodeLens().getRefreshSupport())) {
            c.refreshCodeLenses().exceptionally(e -> null);
        }
    }

    private void registerDynamicNotifications() {
        LanguageClient c = client;
        var ws = clientCapabilities.getWorkspace();
        if (c == null || ws == null) {
            return;
        }
        List<Registration> registrations = new ArrayList<>();
        DidChangeConfigurationCapabilities config = ws.getDidChangeConfiguration();
        if (config != null && Boolean.TRUE.equals(config.getDynamicRegistration())) {
            registrations.add(new Registration("dfls-configuration", "workspace/didChangeConfiguration", null));
        }
        if (ws.getDidChangeWatchedFiles() != null
                && Boolean.TRUE.equals(ws.getDidChangeWatchedFiles().getDynamicRegistration())) {
            List<FileSystemWatcher> watchers = new ArrayList<>();
            for (String glob : List.of("**/.dflint.{yaml,yml}", "**/.hadolint.{yaml,yml}", "**/.dockerignore",
                    "**/*.dockerignore", "**/.dfsim/*.json")) {
                watchers.add(new FileSystemWatcher(Either.forLeft(glob)));
            }
            registrations.add(new Registration("dfls-files", "workspace/didChangeWatchedFiles",
                    new DidChangeWatchedFilesRegistrationOptions(watchers)));
        }
        if (!registrations.isEmpty()) {
            c.registerCapability(new RegistrationParams(registrations)).exceptionally(e -> {
                log.warn("client refused dynamic registration: " + e.getMessage());
                return null;
            });
        }
    }
}
