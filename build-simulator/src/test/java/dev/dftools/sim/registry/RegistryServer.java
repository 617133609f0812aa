package dev.dftools.sim.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real registry for tests: Debian's docker-registry (CNCF distribution 2.8) serving a temp dir on
 * a free 127.0.0.1 port (no systemd service), as shared/tools/build-anchor/registry-test.sh runs it.
 * Installed with apt when missing (root only); tests are skipped with the reason otherwise.
 * {@link #close()} kills the process this class started.
 */
public final class RegistryServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final int port;
    private final Path log;

    private RegistryServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Skips the calling test (JUnit assumption) when the registry cannot be installed. */
    public static void assumeAvailable() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                    "docker-registry is not installed and only root can apt-get install it");
            Process p = new ProcessBuilder("apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=240",
                    "docker-registry").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "apt-get install docker-registry failed");
    }

    /** Starts a registry storing under {@code dir}; {@code authYaml} is an {@code auth:} section or empty. */
    public static RegistryServer start(Path dir, String authYaml) throws Exception {
        assumeAvailable();
        int port = freePort();
        Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("registry.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: info
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                health:
                  storagedriver:
                    enabled: false
                %s
                """.formatted(dir.resolve("data"), port, authYaml));
        Path log = dir.resolve("registry.log");
        Process p = new ProcessBuilder(BINARY.toString(), "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        RegistryServer server = new RegistryServer(p, port, log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 100; i++) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return server;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        server.close();
        throw new IllegalStateException("docker-registry did not start: " + Files.readString(log));
    }

    /** {@code 127.0.0.1:PORT}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** A port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
