package dev.dftools.sim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Registry credentials from the files docker and podman keep them in, first match wins:
 * {@code --authfile}, else {@code $REGISTRY_AUTH_FILE}, {@code $XDG_RUNTIME_DIR/containers/auth.json},
 * {@code $XDG_CONFIG_HOME/containers/auth.json} (else {@code ~/.config/containers/auth.json}), and
 * {@code $DOCKER_CONFIG/config.json} (else {@code ~/.docker/config.json}).
 *
 * <p>In each file: {@code credHelpers.<host>} names a credential helper, else {@code auths.<key>.auth}
 * holds base64 {@code user:password} (keys may carry a scheme, {@code /v1/} or a repository prefix,
 * as docker and podman write them), else {@code credsStore} names a helper for every host. A helper
 * is run as {@code docker-credential-<name> get} when it is on the PATH.
 */
public final class AuthFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Path> files;
    /** Where credential helpers are looked for (the environment's PATH). */
    private final String searchPath;

    private AuthFiles(List<Path> files, @Nullable String searchPath) {
        this.files = List.copyOf(files);
        this.searchPath = searchPath == null ? "/usr/local/bin:/usr/bin:/bin" : searchPath;
    }

    /** The files to read, in order; {@code explicitFile} (from {@code --authfile}) replaces the search. */
    public static AuthFiles fromEnvironment(Map<String, String> env, Path home, @Nullable Path explicitFile) {
        if (explicitFile != null) {
            return new AuthFiles(List.of(explicitFile), env.get("PATH"));
        }
        List<Path> files = new ArrayList<>();
        String authFile = env.get("REGISTRY_AUTH_FILE");
        if (authFile != null && !authFile.isBlank()) {
            files.add(Path.of(authFile));
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            files.add(Path.of(runtime, "containers", "auth.json"));
        }
        String config = env.get("XDG_CONFIG_HOME");
        files.add((config != null && !config.isBlank() ? Path.of(config) : home.resolve(".config"))
                .resolve("containers").resolve("auth.json"));
        String docker = env.get("DOCKER_CONFIG");
        files.add((docker != null && !docker.isBlank() ? Path.of(docker) : home.resolve(".docker"))
                .resolve("config.json"));
        return new AuthFiles(files, env.get("PATH"));
    }

    /** No credentials at all (anonymous access only). */
    public static AuthFiles none() {
        return new AuthFiles(List.of(), null);
    }

    public List<Path> files() {
        return files;
    }

    /** The credentials for {@code ref}'s registry (or a repository prefix of it), if any file has them. */
    public Optional<Credentials> lookup(ImageRef ref) throws RegistryException {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            JsonNode root;
            try {
                root = JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.CREDENTIALS, "cannot read credentials from "
                        + file + ": " + firstLine(e.getMessage()), e);
            }
            Optional<Credentials> found = lookup(root, file, ref);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Credentials> lookup(JsonNode root, Path file, ImageRef ref) throws RegistryException {
        JsonNode helpers = root.path("credHelpers");
        for (Iterator<Map.Entry<String, JsonNode>> it = helpers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (hostOf(e.getKey()).equals(ref.registry())) {
                return runHelper(e.getValue().asText(), ref, file);
            }
        }
        String bestKey = null;
        JsonNode best = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("auths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = normalizeKey(e.getKey());
            boolean matches = key.equals(ref.registry()) || ref.name().startsWith(key + "/") || ref.name().equals(key);
            if (matches && (bestKey == null || key.length() > bestKey.length())) {
                bestKey = key;
                best = e.getValue();
            }
        }
        if (best != null) {
            String auth = best.path("auth").asText("");
            if (!auth.isEmpty()) {
                return Optional.of(decode(auth, bestKey, file));
            }
            if (best.hasNonNull("identitytoken")) {
                throw new RegistryException(RegistryException.Kind.CREDENTIALS, file + ": the entry for " + bestKey
                        + " holds an identity token, which dfsim does not support; log in with a password instead");
            }
        }
        String store = root.path("credsStore").asText("");
        if (!store.isEmpty()) {
            return runHelper(store, ref, file);
        }
        return Optional.empty();
    }

    private static Credentials decode(String auth, String key, Path file) throws RegistryException {
        String text;
        try {
            text = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.CREDENTIALS, file + ": auths." + key
                    + ".auth is not base64", e);
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new RegistryException(RegistryException.Kind.CREDENTIALS, file + ": auths." + key
                    + ".auth is not base64 user:password");
        }
        return new Credentials(text.substring(0, colon), text.substring(colon + 1));
    }

    /** {@code docker-credential-<name> get}, reading the server on stdin, as docker does. */
    private Optional<Credentials> runHelper(String name, ImageRef ref, Path file) throws RegistryException {
        String program = "docker-credential-" + name;
        Path exe = onPath(program);
        if (exe == null) {
            throw new RegistryException(RegistryException.Kind.CREDENTIALS, file + " sends " + ref.registry()
                    + " to the credential helper " + program + ", which is not installed (dfsim supports helpers"
                    + " only through that program; or put auths." + ref.registry() + ".auth in an auth file)");
        }
        String server = ref.registry().equals(ImageRef.DOCKER_HUB) ? "https://index.docker.io/v1/" : ref.registry();
        try {
            Process p = new ProcessBuilder(exe.toString(), "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = p.getOutputStream()) {
                in.write(server.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RegistryException(RegistryException.Kind.CREDENTIALS, program + " get timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                if (text.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
                    return Optional.empty();
                }
                throw new RegistryException(RegistryException.Kind.CREDENTIALS, program + " get failed: "
                        + firstLine(text));
            }
            JsonNode node = JSON.readTree(text);
            String user = node.path("Username").asText("");
            if (user.equals("<token>")) {
                throw new RegistryException(RegistryException.Kind.CREDENTIALS, program
                        + " returned an identity token, which dfsim does not support");
            }
            return Optional.of(new Credentials(user, node.path("Secret").asText("")));
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.CREDENTIALS, "cannot run " + program + ": "
                    + firstLine(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.CREDENTIALS, "interrupted while running " + program, e);
        }
    }

    private @Nullable Path onPath(String program) {
        for (String dir : searchPath.split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** {@code https://index.docker.io/v1/} → {@code docker.io}; {@code http://host:5000/ns} → {@code host:5000/ns}. */
    static String normalizeKey(String key) {
        String k = key.replaceFirst("^[a-zA-Z]+://", "");
        while (k.endsWith("/")) {
            k = k.substring(0, k.length() - 1);
        }
        if (k.endsWith("/v1") || k.endsWith("/v2")) {
            k = k.substring(0, k.length() - 3);
        }
        int slash = k.indexOf('/');
        String host = slash < 0 ? k : k.substring(0, slash);
        return hostAlias(host) + (slash < 0 ? "" : k.substring(slash));
    }

    private static String hostOf(String key) {
        String k = normalizeKey(key);
        int slash = k.indexOf('/');
        return slash < 0 ? k : k.substring(0, slash);
    }

    private static String hostAlias(String host) {
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> ImageRef.DOCKER_HUB;
            default -> host;
        };
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
