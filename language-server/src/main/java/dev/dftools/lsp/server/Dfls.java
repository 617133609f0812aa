package dev.dftools.lsp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The {@code dfls} command: the language server over stdio (default; {@code --stdio} is accepted
 * and ignored) or one TCP connection on the loopback ({@code --socket PORT}). Exit codes follow
 * LSP: 0 after {@code shutdown} + {@code exit}, 1 when the client exits or disconnects without
 * {@code shutdown}; 2 for a usage error.
 */
public final class Dfls {

    static final int USAGE = 2;

    private static final String HELP = """
            Usage: dfls [--stdio | --socket PORT] [--debug]
                   dfls --version | --help
            The Dockerfile language server (LSP): dflint's diagnostics and fixes, dfsim's layer sizes.
              --stdio        speak LSP on stdin/stdout (the default)
              --socket PORT  listen on 127.0.0.1:PORT and serve one client
              --debug        log stack traces of internal errors to stderr
              --version      print the version
              --help         print this help
            Logs go to stderr and to the client (window/logMessage). Settings: docs/dfls.md.
            Exit codes: 0 after shutdown and exit, 1 on exit without shutdown, 2 usage error.""";

    private Dfls() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the server until the client exits or disconnects; returns the exit code. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Integer port = null;
        boolean debug = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--stdio" -> { }
                case "--debug" -> debug = true;
                case "--version", "-V" -> {
                    out.println("dfls " + DflsServer.VERSION);
                    return 0;
                }
                case "--help", "-h" -> {
                    out.println(HELP);
                    return 0;
                }
                case "--socket", "--port" -> {
                    if (i + 1 >= args.length) {
                        err.println("dfls: --socket needs a port number (try: dfls --help)");
                        return USAGE;
                    }
                    try {
                        port = Integer.parseInt(args[++i]);
                    } catch (NumberFormatException e) {
                        err.println("dfls: --socket needs a port number, not '" + args[i] + "'");
                        return USAGE;
                    }
                }
                default -> {
                    if (args[i].startsWith("--socket=")) {
                        try {
                            port = Integer.parseInt(args[i].substring("--socket=".length()));
                            continue;
                        } catch (NumberFormatException e) {
                            // reported below
                        }
                    }
                    err.println("dfls: unknown option '" + args[i] + "' (try: dfls --help)");
                    return USAGE;
                }
            }
        }
        ServerLog log = new ServerLog(err, debug);
        if (port == null) {
            // stdout carries JSON-RPC only: anything else printed by mistake goes to stderr
            System.setOut(err);
            return serve(in, out, log);
        }
        try (ServerSocket listener = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            log.info("listening on 127.0.0.1:" + listener.getLocalPort());
            try (Socket socket = listener.accept()) {
                return serve(socket.getInputStream(), socket.getOutputStream(), log);
            }
        } catch (IOException e) {
            err.println("dfls: cannot serve on port " + port + ": " + e.getMessage());
            return USAGE;
        }
    }

    /** lsp4j reports bad input through java.util.logging: one line in our log instead of a stack trace on stderr. */
    private static void routeProtocolLogging(ServerLog log) {
        java.util.logging.Logger lsp4j = java.util.logging.Logger.getLogger("org.eclipse.lsp4j");
        lsp4j.setUseParentHandlers(false);
        for (java.util.logging.Handler h : lsp4j.getHandlers()) {
            lsp4j.removeHandler(h);
        }
        lsp4j.addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() < java.util.logging.Level.WARNING.intValue()) {
                    return;
                }
                String message = record.getMessage() == null ? "" : record.getMessage().lines().findFirst().orElse("");
                Throwable thrown = record.getThrown();
                log.warn("protocol: " + (thrown != null ? String.valueOf(thrown).lines().findFirst().orElse("") : message));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    /** Serves one connection; the exit code comes from the client's exit notification or the end of input. */
    static int serve(InputStream in, OutputStream out, ServerLog log) {
        CompilerThreadAffinity.applyInBackground();
        return serve(in, out, log, (l, exit) -> {
            DflsServer server = new DflsServer(l, exit);
            server.startWarmup();
            return server;
        });
    }

    static int serve(InputStream in, OutputStream out, ServerLog log,
            java.util.function.BiFunction<ServerLog, java.util.function.IntConsumer, DflsServer> serverFactory) {
        AtomicInteger exitCode = new AtomicInteger(-1);
        ExecutorService protocol = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dfls-protocol");
            t.setDaemon(true);
            return t;
        });
        Thread main = Thread.currentThread();
        DflsServer server = serverFactory.apply(log, code -> {
            exitCode.set(code);
            main.interrupt(); // stop waiting for the input to end
        });
        routeProtocolLogging(log);
        Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(protocol)
                .configureGson(gson -> gson.registerTypeAdapterFactory(new ReusedJson()))
                .create();
        server.connect(launcher.getRemoteProxy());
        try {
            launcher.startListening().get();
        } catch (InterruptedException e) {
            // exit notification
        } catch (ExecutionException e) {
            log.error("reading the connection", e.getCause());
        }
        protocol.shutdownNow();
        int code = exitCode.get();
        return code >= 0 ? code : server.shutdownRequested() ? 0 : 1;
    }
}
