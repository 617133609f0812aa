package dev.dftools.lsp.server;

import java.io.PrintStream;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The server's log: one line per event on stderr (never stdout: that is the protocol) and, once a
 * client is connected, as {@code window/logMessage}. Stack traces only with {@code --debug}.
 */
public final class ServerLog {

    private final PrintStream err;
    private final boolean debug;
    private volatile @Nullable LanguageClient client;

    public ServerLog(PrintStream err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    public void connect(LanguageClient languageClient) {
        this.client = languageClient;
    }

    public void info(String message) {
        log(MessageType.Info, message);
    }

    public void warn(String message) {
        log(MessageType.Warning, message);
    }

    /** Something failed but the server goes on: one line, the trace with --debug. */
    public void error(String what, Throwable e) {
        log(MessageType.Error, what + " failed: " + e);
        if (debug) {
            synchronized (err) {
                e.printStackTrace(err);
            }
        }
    }

    private void log(MessageType type, String message) {
        synchronized (err) {
            err.println("dfls: " + type.name().toLowerCase(java.util.Locale.ROOT) + ": " + message);
            err.flush();
        }
        LanguageClient c = client;
        if (c != null) {
            try {
                c.logMessage(new MessageParams(type, message));
            } catch (RuntimeException closed) {
                // the connection is gone; stderr has it
            }
        }
    }
}
