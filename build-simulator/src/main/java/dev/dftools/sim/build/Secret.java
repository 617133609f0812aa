package dev.dftools.sim.build;

import java.nio.file.Path;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A build secret ({@code --secret id=ID,src=FILE} or {@code id=ID,env=VAR}), what {@code RUN
 * --mount=type=secret} reads. Its value is never written to a layer, the cache key or the report.
 */
public record Secret(String id, @Nullable Path file, @Nullable String env) {

    /** Parses the {@code --secret} option value; throws with a message for the user. */
    public static Secret parse(String value) {
        String id = null;
        Path file = null;
        String env = null;
        for (String field : value.split(",")) {
            int eq = field.indexOf('=');
            String key = eq < 0 ? field : field.substring(0, eq);
            String v = eq < 0 ? "" : field.substring(eq + 1);
            switch (key) {
                case "id" -> id = v;
                case "src", "source" -> file = Path.of(v);
                case "env" -> env = v;
                case "type" -> {
                    if (!v.equals("file") && !v.equals("env")) {
                        throw new IllegalArgumentException("--secret type must be file or env: " + value);
                    }
                }
                default -> throw new IllegalArgumentException("--secret: unknown field \"" + key + "\" in " + value);
            }
        }
        if (id == null || id.isEmpty()) {
            if (file == null) {
                throw new IllegalArgumentException("--secret needs id=ID: " + value);
            }
            id = file.getFileName().toString();
        }
        if (file == null && env == null) {
            env = id; // BuildKit: with neither src nor env, the env var named like the id
        }
        return new Secret(id, file, env);
    }

    /** The secret's bytes; throws when the file or variable is missing. */
    public byte[] read() throws java.io.IOException {
        if (file != null) {
            return java.nio.file.Files.readAllBytes(file);
        }
        String v = System.getenv(env);
        if (v == null) {
            throw new java.io.IOException("environment variable " + env + " is not set");
        }
        return v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
