package dev.dftools.lint.rules.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Runs the {@code shellcheck} binary on a batch of scripts (one process per Dockerfile, each
 * script a file in a temporary directory) and returns its json1 comments. Absent binary, crash or
 * timeout: no comments, so the rule is simply off. What ShellCheck said about a script is kept by
 * the script's text (its comments depend on nothing else), so a script met again, in an editor
 * the RUNs a keystroke did not touch, is not checked again.
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

    /** The comments of the scripts checked last (their script index 0), by executable and text; least recent out first. */
    private static final Map<Checked, List<Comment>> CHECKED = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Checked, List<Comment>> eldest) {
                    return size() > KEPT_SCRIPTS;
                }
            });
    private static final int KEPT_SCRIPTS = 4096;
    /** How many scripts went to a ShellCheck process (for tests). */
    private static final AtomicLong SENT = new AtomicLong();

    private record Checked(Path executable, String script) {
    }

    private ShellCheckRunner() {
    }

    /** How many scripts have been handed to ShellCheck processes so far (kept ones are not). */
    static long scriptsSent() {
        return SENT.get();
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
     * Runs ShellCheck on the scripts it has not seen (the others' comments are kept from before),
     * in script order; a large batch is split over one process per core, since ShellCheck's own
     * analysis (not its start-up) is what costs.
     */
    static List<Comment> run(Path executable, List<String> scripts) {
        List<List<Comment>> perScript = new ArrayList<>(Collections.nCopies(scripts.size(), List.<Comment>of()));
        List<Integer> unseen = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            List<Comment> kept = CHECKED.get(new Checked(executable, scripts.get(i)));
            if (kept != null) {
                perScript.set(i, kept);
            } else {
                unseen.add(i);
            }
        }
        int processes = Math.min(Runtime.getRuntime().availableProcessors(),
                (unseen.size() + SCRIPTS_PER_PROCESS - 1) / SCRIPTS_PER_PROCESS);
        if (processes <= 1) {
            check(executable, unseen, scripts, perScript);
        } else {
            int chunk = (unseen.size() + processes - 1) / processes;
            List<CompletableFuture<Void>> parts = new ArrayList<>();
            for (int from = 0; from < unseen.size(); from += chunk) {
                List<Integer> slice = unseen.subList(from, Math.min(unseen.size(), from + chunk));
                parts.add(CompletableFuture.runAsync(() -> check(executable, slice, scripts, perScript)));
            }
            parts.forEach(CompletableFuture::join);
        }
        List<Comment> all = new ArrayList<>();
        for (int i = 0; i < perScript.size(); i++) {
            for (Comment c : perScript.get(i)) {
                all.add(c.withScript(i));
            }
        }
        return all;
    }

    /** Checks the scripts at {@code indexes} in one process; keeps and stores their comments (none when it failed). */
    private static void check(Path executable, List<Integer> indexes, List<String> scripts,
            List<List<Comment>> perScript) {
        List<String> texts = indexes.stream().map(scripts::get).toList();
        SENT.addAndGet(texts.size());
        List<Comment> found = runOne(executable, texts);
        if (found == null) {
            return; // failed or timed out: no comments, and nothing kept
        }
        List<List<Comment>> byScript = new ArrayList<>();
        texts.forEach(t -> byScript.add(new ArrayList<>()));
        for (Comment c : found) {
            if (c.script() >= 0 && c.script() < texts.size()) {
                byScript.get(c.script()).add(c.withScript(0));
            }
        }
        for (int j = 0; j < texts.size(); j++) {
            List<Comment> comments = List.copyOf(byScript.get(j));
            CHECKED.put(new Checked(executable, texts.get(j)), comments);
            synchronized (perScript) {
                perScript.set(indexes.get(j), comments);
            }
        }
    }

    /** ShellCheck's comments on the scripts (indexed like them), or null when it failed or timed out. */
    private static @Nullable List<Comment> runOne(Path executable, List<String> scripts) {
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
                return null;
            }
            return parse(Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
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
