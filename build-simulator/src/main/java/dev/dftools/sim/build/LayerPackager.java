package dev.dftools.sim.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.layer.LayerDescriptor;
import dev.dftools.sim.layer.LayerException;
import dev.dftools.sim.layer.LayerSink;
import dev.dftools.sim.plan.Step;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Packages the layers a build executes (tar, SHA-256 of the tar and of the gzip stream, gzip) on one
 * background thread, in build order, while the next steps run: a RUN runs over the unpacked layer
 * dirs, never over a blob, so only the image's config (its diffIds), the store and the layer cache
 * need the result, and they get it when the build ends ({@link #await}). buildah compresses on push
 * only; dfsim writes the blob at build time (the report shows its gzip size), now off the critical
 * path but for the last layer's.
 */
final class LayerPackager implements AutoCloseable {

    /** Writes one layer's blob: {@link LayerSink#write} outside tests. */
    @FunctionalInterface
    interface Writer {
        LayerDescriptor write(LayerSink.Body body, Path gzipOut) throws LayerException;
    }

    static final Writer GZIP = (body, gzipOut) -> LayerSink.write(body, gzipOut, null);

    /**
     * A layer handed to the packager. Until it is written, the stage's config carries
     * {@code placeholder} as its diffId; {@code lowerDiffIds} are the stage's diffIds below it then
     * (placeholders included), for its cache entry.
     */
    record Pending(Step step, String key, Digest placeholder, List<String> lowerDiffIds, String created, Path dir,
            Set<String> excluded, Path gzip, Future<LayerDescriptor> written) {
    }

    private final Writer writer;
    private final List<Pending> pending = new ArrayList<>();
    private @Nullable ExecutorService executor; // made at the first layer: a warm rebuild starts no thread

    LayerPackager(Writer writer) {
        this.writer = writer;
    }

    /** Queues the layer {@code body} (its files must not change any more) to be written to {@code gzip}. */
    Pending submit(Step step, String key, List<String> lowerDiffIds, String created, Path dir, Set<String> excluded,
            LayerSink.Body body, Path gzip) {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "dfsim-layer-packager");
                t.setDaemon(true); // never keeps a failing JVM alive; close() waits for it otherwise
                return t;
            });
        }
        Future<LayerDescriptor> written = executor.submit(() -> writer.write(body, gzip));
        Digest placeholder = Digest.of(("dfsim pending layer " + pending.size() + " " + key + " " + dir)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Pending p = new Pending(step, key, placeholder, List.copyOf(lowerDiffIds), created, dir, excluded, gzip, written);
        pending.add(p);
        return p;
    }

    /** The layers queued so far, in build order. */
    List<Pending> pending() {
        return List.copyOf(pending);
    }

    /** The first queued layer whose packaging has already failed, so the build can stop before its next step. */
    @Nullable Pending firstFailed() {
        for (Pending p : pending) {
            if (p.written().isDone() && !p.written().isCancelled()) {
                try {
                    p.written().get();
                } catch (ExecutionException e) {
                    return p;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }

    /** Waits for one layer; its packaging failure comes back as the {@link LayerException} or I/O error it was. */
    static LayerDescriptor await(Pending p) throws LayerException, InterruptedException {
        try {
            return p.written().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LayerException le) {
                throw le;
            }
            throw new LayerException(String.valueOf(cause.getMessage()), cause);
        }
    }

    /**
     * Stops what is still queued and waits until the thread has let go of the build's files, so that
     * the build dir can be removed (also after a failure or an interrupt).
     */
    @Override
    public void close() {
        ExecutorService e = executor;
        if (e == null) {
            return;
        }
        e.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (e.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException x) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
