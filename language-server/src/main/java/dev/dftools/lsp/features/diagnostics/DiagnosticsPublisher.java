package dev.dftools.lsp.features.diagnostics;

import dev.dftools.lint.Finding;
import dev.dftools.lsp.document.DocumentSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

/**
 * Pushes diagnostics ({@code textDocument/publishDiagnostics}) from one worker thread. Requests
 * coalesce: while a document waits for the worker, more edits do not queue more work, and the
 * worker lints the newest version when it gets to it, so a burst of keystrokes costs one lint.
 * Nothing is delayed on purpose (no debounce): a single edit is linted right away.
 * <p>
 * When ShellCheck is enabled its pass starts after the fast one and, when done, the document is
 * published again if that version is still current ({@code onShellCheckDone} runs too: in pull
 * mode it asks the client to pull again).
 */
public final class DiagnosticsPublisher implements AutoCloseable {

    private final Function<String, Optional<DocumentSnapshot>> current;
    private final DocumentDiagnostics diagnostics;
    private final Consumer<PublishDiagnosticsParams> client;
    private final BiConsumer<String, Throwable> onError;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dfls-diagnostics");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean push = true;
    private volatile Runnable onShellCheckDone = () -> { };

    public DiagnosticsPublisher(Function<String, Optional<DocumentSnapshot>> current, DocumentDiagnostics diagnostics,
            Consumer<PublishDiagnosticsParams> client, BiConsumer<String, Throwable> onError) {
        this.current = current;
        this.diagnostics = diagnostics;
        this.client = client;
        this.onError = onError;
    }

    /** Pull mode: the client asks for diagnostics, nothing is pushed (only ShellCheck is started). */
    public void setPush(boolean push, Runnable onShellCheckDone) {
        this.push = push;
        this.onShellCheckDone = onShellCheckDone;
    }

    public boolean pushes() {
        return push;
    }

    public void schedule(String uri) {
        if (pending.add(uri) && !worker.isShutdown()) {
            try {
                worker.execute(() -> {
                    pending.remove(uri);
                    publish(uri);
                });
            } catch (java.util.concurrent.RejectedExecutionException afterShutdown) {
                pending.remove(uri); // the server is shutting down: nothing more to publish
            }
        }
    }

    /** Empties the document's diagnostics (closed documents show none). */
    public void clear(String uri) {
        if (push && !worker.isShutdown()) {
            try {
                worker.execute(() -> client.accept(new PublishDiagnosticsParams(uri, List.of())));
            } catch (java.util.concurrent.RejectedExecutionException afterShutdown) {
                // shutting down
            }
        }
    }

    private void publish(String uri) {
        try {
            Optional<DocumentSnapshot> snapshot = current.apply(uri);
            if (snapshot.isEmpty()) {
                return; // closed meanwhile
            }
            DocumentSnapshot s = snapshot.get();
            if (push) {
                List<Finding> findings = diagnostics.findings(s);
                LintSetup setup = diagnostics.setup(s);
                client.accept(new PublishDiagnosticsParams(uri, DiagnosticConverter.diagnostics(findings, setup.settings()),
                        s.version()));
            }
            diagnostics.startShellCheck(s).ifPresent(done -> done.whenComplete((found, error) -> {
                if (error != null) {
                    onError.accept("ShellCheck on " + uri, error);
                } else if (current.apply(uri).map(c -> c.version() == s.version()).orElse(false)) {
                    if (push) {
                        schedule(uri);
                    }
                    onShellCheckDone.run();
                }
            }));
        } catch (RuntimeException | StackOverflowError e) {
            onError.accept("diagnostics of " + uri, e); // the next edit tries again
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
