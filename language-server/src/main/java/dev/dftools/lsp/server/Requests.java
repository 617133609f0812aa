package dev.dftools.lsp.server;

import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.document.DocumentStore;
import dev.dftools.lsp.document.OpenDocument;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;

/**
 * Runs requests off the protocol thread, guarded: a provider that throws is logged and its request
 * answered with the fallback (an empty result), so the server never dies on bad input. The
 * document version is taken when the request arrives (in protocol order), parsed on the worker;
 * a request the client cancels stops before it starts.
 */
final class Requests implements AutoCloseable {

    private final DocumentStore documents;
    private final ServerLog log;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "dfls-request");
        t.setDaemon(true);
        return t;
    });

    Requests(DocumentStore documents, ServerLog log) {
        this.documents = documents;
        this.log = log;
    }

    /** A request about one open document; the fallback when it is not open or the provider fails. */
    <T> CompletableFuture<T> onDocument(String method, Supplier<String> uriOfParams, T fallback,
            Function<DocumentSnapshot, T> provider) {
        String uri;
        try {
            uri = uriOfParams.get();
        } catch (RuntimeException e) {
            log.warn(method + ": malformed parameters (" + e.getClass().getSimpleName() + "), answered empty");
            return CompletableFuture.completedFuture(fallback);
        }
        Optional<OpenDocument> document = uri == null ? Optional.empty() : documents.get(uri);
        if (document.isEmpty()) {
            return CompletableFuture.completedFuture(fallback);
        }
        return compute(method, fallback, () -> provider.apply(document.get().snapshot()));
    }

    <T> CompletableFuture<T> compute(String method, T fallback, Supplier<T> provider) {
        return CompletableFutures.computeAsync(workers, cancel -> {
            cancel.checkCanceled();
            try {
                return provider.get();
            } catch (CancellationException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                log.error(method, e);
                return fallback;
            }
        });
    }

    /** A notification's work, on the protocol thread (it must keep the client's order); failures are logged. */
    void notification(String method, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | StackOverflowError e) {
            log.error(method, e);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
