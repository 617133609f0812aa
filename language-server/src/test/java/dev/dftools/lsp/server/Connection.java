package dev.dftools.lsp.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * dfls and a real lsp4j client connected by pipes, in one JVM: the server side runs exactly what
 * {@code dfls} runs ({@link Dfls#serve}), the client side is lsp4j's client launcher.
 */
final class Connection implements AutoCloseable {

    final TestClient client = new TestClient();
    final LanguageServer server;
    final Launcher<LanguageServer> clientLauncher;
    final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final PipedOutputStream toServer;
    private final Future<Void> clientListening;

    Connection() throws IOException {
        this(DflsServer::new);
    }

    Connection(java.util.function.BiFunction<ServerLog, java.util.function.IntConsumer, DflsServer> factory)
            throws IOException {
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        toServer = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        PipedOutputStream toClient = new PipedOutputStream(clientIn);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        Thread serverThread = new Thread(() -> {
            int code = Dfls.serve(serverIn, toClient, new ServerLog(err, false), factory);
            try {
                toClient.close();
            } catch (IOException e) {
                // already closed
            }
            exitCode.complete(code);
        }, "test-dfls");
        serverThread.setDaemon(true);
        serverThread.start();
        clientLauncher = LSPLauncher.createClientLauncher(client, clientIn, toServer);
        server = clientLauncher.getRemoteProxy();
        clientListening = clientLauncher.startListening();
    }

    /** Bytes straight onto the wire (for malformed input). */
    void writeRaw(String bytes) throws IOException {
        synchronized (toServer) {
            toServer.write(bytes.getBytes(StandardCharsets.UTF_8));
            toServer.flush();
        }
    }

    void closeInput() throws IOException {
        toServer.close();
    }

    @Override
    public void close() throws IOException {
        clientListening.cancel(true);
        toServer.close();
    }
}
