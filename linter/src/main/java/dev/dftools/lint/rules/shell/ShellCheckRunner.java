package dev.dftools.lint.rules.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Runs the {@code shellcheck} binary on a batch of scripts (one process per Dockerfile, each
 * script a file in a temporary directory) and returns its json1 comments. Absent binary, crash or
 * timeout: no comments, so the rule is simply off.
 */
final class ShellCheckRunner {

    /** ShellCheck codes hadolint always leaves out: ash dialect notice, unfollowable {@code source}. */
    static final String EXCLUDED = "SC2187,SC1090,SC1091";
    private static final long TIMEOUT_SECONDS = 60;
    /** Made on first use: Jackson's start-up costs a cold run ~20 ms when ShellCheck is absent. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** One json1 comment; positions are 1-based, end column exclusive, tabs count as one column. */
    record Comment(int script, int line, int column, int endLine, int endColumn, String level, int code,
            String message, List<Replacement> replacements) {

        Comment withScript(int index) {
            return new Comment(index, line, column, endLine, endColumn, level, code, message, replacements);
        }
    }

    record Replacement(int line, int column, int endLine, int endColumn, String text) {
    }

    private ShellCheckRunner() {
    }

    /** The shellcheck executable on PATH, or null. */
    static @Nullable Path find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "shellcheck");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Below this many scripts one process is quicker than starting several. */
    private static final int SCRIPTS_PER_PROCESS = 64;

    /**
     * Runs ShellCheck on the scripts; a large batch is split over one process per core, since
     * ShellCheck's own analysis (not its start-up) is what costs.
     */
    static List<Comment> run(Path executable, List<String> scripts) {
        int processes = Math.min(Runtime.getRuntime().availableProcessors(),
                (scripts.size() + SCRIPTS_PER_PROCESS - 1) / SCRIPTS_PER_PROCESS);
        if (processes <= 1) {
            return runOne(executable, scripts);
        }
        int chunk = (scripts.size() + processes - 1) / processes;
        List<java.util.concurrent.CompletableFuture<List<Comment>>> parts = new ArrayList<>();
        for (int from = 0; from < scripts.size(); from += chunk) {
            int start = from;
            List<String> slice = scripts.subList(start, Math.min(scripts.size(), start + chunk));
            parts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> runOne(executable, slice).stream()
                    .map(c -> c.withScript(c.script() + start)).toList()));
        }
        List<Comment> all = new ArrayList<>();
        parts.forEach(p -> all.addAll(p.join()));
        return all;
    }

    private static List<Comment> runOne(Path executable, List<String> scripts) {
        if (scripts.isEmpty()) {
            return List.of();
        }
        Path dir = null;
        try {
            dir = privateTempDir();
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--norc", "--format=json1",
                    "--exclude=" + EXCLUDED));
            for (int i = 0; i < scripts.size(); i++) {
                String name = i + ".sh";
                Files.writeString(dir.resolve(name), scripts.get(i), StandardCharsets.UTF_8);
                command.add(name);
            }
            // the output goes to a file, so that the wait below is what bounds the time (reading a
            // pipe to its end would wait for the process however long it takes)
            Path output = dir.resolve("shellcheck.json");
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return List.of();
            }
            return parse(Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            deleteQuietly(dir);
        }
    }

    static List<Comment> parse(String json) throws IOException {
        if (json.isBlank()) {
            return List.of();
        }
        List<Comment> result = new ArrayList<>();
        for (JsonNode c : Json.MAPPER.readTree(json).path("comments")) {
            String file = c.path("file").asText();
            int script;
            try {
                script = Integer.parseInt(file.replaceAll("\\.sh$", "").replaceAll(".*/", ""));
            } catch (NumberFormatException e) {
                continue;
            }
            List<Replacement> replacements = new ArrayList<>();
            for (JsonNode r : c.path("fix").path("replacements")) {
                replacements.add(new Replacement(r.path("line").asInt(), r.path("column").asInt(),
                        r.path("endLine").asInt(), r.path("endColumn").asInt(), r.path("replacement").asText()));
            }
            result.add(new Comment(script, c.path("line").asInt(), c.path("column").asInt(),
                    c.path("endLine").asInt(), c.path("endColumn").asInt(), c.path("level").asText(),
                    c.path("code").asInt(), c.path("message").asText(), replacements));
        }
        return result;
    }

    /**
     * A new directory only this user can read, under the system temp dir. Files.createTempDirectory
     * names it with SecureRandom, whose first use costs a cold run ~150 ms; a name from the pid and
     * a fast random is as safe, because creating the directory is atomic and fails (and is retried)
     * if the name exists, so nobody else's directory or symlink is ever used.
     */
    private static Path privateTempDir() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        java.nio.file.attribute.FileAttribute<?> onlyMe = java.nio.file.attribute.PosixFilePermissions
                .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        for (int attempt = 0; ; attempt++) {
            Path dir = tmp.resolve("dflint-shellcheck-" + ProcessHandle.current().pid() + "-"
                    + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36));
            try {
                return Files.createDirectory(dir, onlyMe);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    private static void deleteQuietly(@Nullable Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }
}
