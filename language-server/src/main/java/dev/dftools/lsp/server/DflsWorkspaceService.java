package dev.dftools.lsp.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.dftools.lint.BuildContext;
import dev.dftools.lsp.document.OpenDocument;
import dev.dftools.lsp.features.layers.BuildSimulation;
import dev.dftools.lsp.features.layers.LayerSizes;
import dev.dftools.lsp.settings.DflsSettings;
import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.report.TableRenderer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.WorkspaceService;

/** {@code workspace/*}: settings, watched files, folders and the {@code dftools.simulateBuild} command. */
public final class DflsWorkspaceService implements WorkspaceService {

    private final DflsServer server;

    DflsWorkspaceService(DflsServer server) {
        this.server = server;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        server.requests().notification("didChangeConfiguration", () -> server.applyPushedSettings(params.getSettings()));
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        // a .dflint.yaml, .dockerignore or saved report changed: results computed before are stale
        server.requests().notification("didChangeWatchedFiles", server::republishAll);
    }

    @Override
    public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
        server.requests().notification("didChangeWorkspaceFolders", () -> {
            var event = params.getEvent();
            if (event != null) {
                if (event.getRemoved() != null) {
                    event.getRemoved().forEach(server::removeFolder);
                }
                if (event.getAdded() != null) {
                    event.getAdded().forEach(server::addFolder);
                }
            }
            server.pullSettings();
        });
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        if (!LayerSizes.SIMULATE_COMMAND.equals(params.getCommand())) {
            server.log().warn("unknown command " + params.getCommand());
            return CompletableFuture.completedFuture(null);
        }
        Optional<String> uri = firstString(params.getArguments());
        Optional<OpenDocument> document = uri.flatMap(u -> server.documents().get(u));
        if (document.isEmpty()) {
            return CompletableFuture.completedFuture("dftools.simulateBuild needs the URI of an open Dockerfile");
        }
        return server.requests().compute("simulateBuild", null, () -> simulate(document.get()));
    }

    /** The dry-run simulation of a document; its report then feeds the inlay hints and code lens. */
    private Object simulate(OpenDocument document) {
        DflsSettings settings = server.setups().settingsFor(document.uri());
        Optional<BuildContext> context = server.setups().context(document.uri(), settings);
        if (context.isEmpty()) {
            return message(MessageType.Warning, "Simulate build: save the Dockerfile to a folder first");
        }
        try {
            BuildReport report = BuildSimulation.dryRun(document.snapshot(), context.get());
            server.layerReports().putSimulated(document.uri(), report);
            server.refreshLayerViews();
            return "Image " + TableRenderer.bytes(report.totals().imageSize()) + " in " + report.totals().layers()
                    + " layers (dry-run estimate)";
        } catch (BuildSimulation.SimulationException e) {
            return message(MessageType.Error, "Simulate build: " + e.getMessage());
        }
    }

    private String message(MessageType type, String text) {
        var client = server.client();
        if (client != null) {
            client.showMessage(new MessageParams(type, text));
        }
        server.log().info(text);
        return text;
    }

    private static Optional<String> firstString(List<Object> arguments) {
        if (arguments == null || arguments.isEmpty()) {
            return Optional.empty();
        }
        Object first = arguments.get(0);
        if (first instanceof String s) {
            return Optional.of(s);
        }
        if (first instanceof JsonPrimitive p && p.isString()) {
            return Optional.of(p.getAsString());
        }
        if (first instanceof JsonElement e && e.isJsonObject() && e.getAsJsonObject().has("uri")) {
            return Optional.of(e.getAsJsonObject().get("uri").getAsString());
        }
        return Optional.empty();
    }
}
