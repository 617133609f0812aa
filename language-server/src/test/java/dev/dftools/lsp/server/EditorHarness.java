package dev.dftools.lsp.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real editor headless against dfls started from the test classpath (the shaded jar does not
 * exist before the package phase): {@code java -cp <test classpath> dev.dftools.lsp.server.Dfls}.
 * The editor is installed with apt when missing and running as root; otherwise the test is skipped.
 */
final class EditorHarness {

    /** A Dockerfile with one known problem: MAINTAINER (DF1006) on line 2. */
    static final String SAMPLE = "FROM alpine:3.19\nMAINTAINER someone@example.com\nUSER nobody\n";

    private EditorHarness() {
    }

    /** Skips the test unless {@code command} is on PATH (installing {@code packages} first when root). */
    static void requireEditor(String command, String... packages) throws Exception {
        if (!onPath(command) && isRoot()) {
            List<String> apt = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
            apt.addAll(List.of(packages));
            Process p = new ProcessBuilder(apt).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.waitFor(10, TimeUnit.MINUTES);
        }
        assumeTrue(onPath(command), command + " is not installed and cannot be installed here (needs root and apt: "
                + String.join(" ", packages) + ")");
    }

    static String serverCommand() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assumeTrue(!classpath.contains(" ") && !java.toString().contains(" "),
                "the editors split the server command on spaces; the class path has one");
        return java + " -cp " + classpath + " dev.dftools.lsp.server.Dfls";
    }

    /** Runs the editor and parses the one JSON line it prints. */
    static JsonObject run(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("DFLS_CMD", serverCommand());
        env.put("HOME", dir.toString()); // nothing of the user's editor configuration, nothing written to it
        for (String xdg : List.of("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")) {
            env.put(xdg, dir.resolve(xdg.toLowerCase()).toString());
        }
        Path stderr = dir.resolve("editor.stderr");
        pb.redirectError(stderr.toFile());
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("editor did not finish: " + Files.readString(stderr));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        String json = text.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no JSON from the editor; stdout: " + text + "\nstderr: "
                        + readQuietly(stderr)));
        return JsonParser.parseString(json).getAsJsonObject();
    }

    static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static Path resource(Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = EditorHarness.class.getResourceAsStream("/editors/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }
}
