package dev.dftools.sim.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;


import dev.dftools.grammar.context.GoPaths;
import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.plan.Mount;
import dev.dftools.sim.plan.Step;
import dev.dftools.sim.sandbox.RunMount;


/**
 * Turns a RUN's {@code --mount}s into sandbox mounts, with BuildKit's defaults
 * (frontend/dockerfile/instructions/commands_runmount.go):
 * <ul>
 * <li>bind: {@code source} (default the root) of the context, or of the stage or store image named by {@code from};
 * read-only unless {@code rw}; the files are copied to a scratch dir first (the context through
 * .dockerignore), so writes are thrown away as BuildKit does;</li>
 * <li>cache: a persistent dir per {@code id} (default: the target) under the store's
 * {@code dfsim-mount-cache}, created with {@code mode} (0755), {@code uid}, {@code gid} (0);
 * {@code sharing} is accepted and ignored (dfsim runs one step at a time);</li>
 * <li>tmpfs: a fresh tmpfs, {@code size} honoured;</li>
 * <li>secret: the {@code --secret} of that {@code id} (default: the target's name) written to a
 * scratch file with {@code mode} (0400), {@code uid}, {@code gid} and bound read-only at the
 * target (default {@code /run/secrets/ID}); with {@code env=NAME} it is (also) that variable;
 * a missing secret fails the step only when {@code required}.</li>
 * </ul>
 * A relative target is taken from the step's WORKDIR. What the mounts hold never reaches the layer.
 */
final class RunMounts {

    /** The mounts, secret env vars and a digest of the bind sources (part of the cache key). */
    record Prepared(List<RunMount> mounts, Map<String, String> env, String inputs) {}

    private RunMounts() {
    }

    /** The unpacked layers of an image of the store, bottom first, under a scratch dir. */
    @FunctionalInterface
    interface ImageLayers {
        List<Path> apply(String image, Path scratch) throws BuildException, IOException;
    }

    static Prepared prepare(Step step, Builder.Request request, IntFunction<List<Path>> stageLayers,
            ImageLayers imageLayers, Path cacheRoot, Path scratch, String where) throws BuildException, IOException {
        List<RunMount> out = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        StringBuilder inputs = new StringBuilder();
        int n = 0;
        for (Mount m : step.mounts()) {
            Map<String, String> o = m.options();
            String type = m.type();
            String target = o.getOrDefault("target", o.getOrDefault("dst", o.getOrDefault("destination", "")));
            if (type.equals("secret") && target.isEmpty() && !o.containsKey("env")) {
                target = "/run/secrets/" + o.getOrDefault("id", "");
            }
            if (!target.isEmpty()) {
                target = GoPaths.clean(target.startsWith("/") ? target : step.workdir() + "/" + target);
            }
            if (target.isEmpty() && !type.equals("secret")) {
                throw new BuildException(BuildException.INPUT, where + "RUN --mount=type=" + type + " needs a target");
            }
            if (target.equals("/")) {
                throw new BuildException(BuildException.INPUT, where + "RUN --mount cannot mount over /");
            }
            Path dir = scratch.resolve("m" + n++);
            switch (type) {
                case "bind" -> {
                    String source = GoPaths.clean("/" + o.getOrDefault("source", o.getOrDefault("src", "/"))).substring(1);
                    Files.createDirectories(dir);
                    Path copied = dir.resolve("src");
                    if (m.fromStage() != null || o.containsKey("from")) {
                        List<Path> layers = m.fromStage() != null ? stageLayers.apply(m.fromStage())
                                : imageLayers.apply(o.get("from"), dir.resolve("image"));
                        Builder.mergeInto(layers, source, dir.resolve("merged"));
                        Path p = source.isEmpty() ? dir.resolve("merged") : dir.resolve("merged").resolve(source);
                        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                            throw new BuildException(BuildException.INPUT, where + "RUN --mount source \"" + source
                                    + "\" not found in " + (m.fromStage() != null ? "stage " + m.fromStage()
                                    : "image " + o.get("from")));
                        }
                        copied = p;
                    } else {
                        Path p = source.isEmpty() ? request.context() : request.context().resolve(source);
                        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                                || (!source.isEmpty() && request.ignore().excludes(source))) {
                            throw new BuildException(BuildException.INPUT, where + "RUN --mount source \"" + source
                                    + "\" is not in the build context (missing or excluded by .dockerignore)");
                        }
                        Builder.copyContextTree(p, copied, request, source);
                    }
                    inputs.append("bind ").append(target).append(' ').append(Builder.treeDigest(copied)).append('\n');
                    boolean rw = flag(o, "rw") || flag(o, "readwrite");
                    out.add(RunMount.bind(copied, target, !rw));
                }
                case "cache" -> {
                    String id = o.getOrDefault("id", target);
                    Path cache = cacheRoot.resolve(Digest.of(id.getBytes(StandardCharsets.UTF_8)).hex());
                    if (!Files.isDirectory(cache)) {
                        Files.createDirectories(cache);
                        Files.setAttribute(cache, "unix:mode", mode(o, "mode", 0755, where));
                        Files.setAttribute(cache, "unix:uid", number(o, "uid", 0, where));
                        Files.setAttribute(cache, "unix:gid", number(o, "gid", 0, where));
                    }
                    out.add(RunMount.bind(cache, target, flag(o, "ro") || flag(o, "readonly")));
                }
                case "tmpfs" -> {
                    String size = o.get("size");
                    if (size != null && !size.matches("[0-9]+[kmgKMG%]?")) {
                        throw new BuildException(BuildException.INPUT, where + "invalid tmpfs size: " + size);
                    }
                    out.add(RunMount.tmpfs(target, size == null ? "" : "size=" + size));
                }
                case "secret" -> {
                    String id = o.getOrDefault("id", target.isEmpty() ? "" : target.substring(target.lastIndexOf('/') + 1));
                    Secret secret = request.secrets().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
                    byte[] value = null;
                    if (secret != null) {
                        try {
                            value = secret.read();
                        } catch (IOException e) {
                            throw new BuildException(BuildException.INPUT, where + "secret " + id + ": " + e.getMessage(), e);
                        }
                    }
                    if (value == null) {
                        if (flag(o, "required")) {
                            throw new BuildException(BuildException.INPUT, where + "secret " + id
                                    + " is required but was not given (use --secret id=" + id + ",src=FILE)");
                        }
                        continue;
                    }
                    if (o.containsKey("env")) {
                        env.put(o.get("env"), new String(value, StandardCharsets.UTF_8));
                    }
                    if (!target.isEmpty()) {
                        Files.createDirectories(dir);
                        Path file = dir.resolve("secret");
                        Files.write(file, value);
                        Files.setAttribute(file, "unix:mode", mode(o, "mode", 0400, where));
                        Files.setAttribute(file, "unix:uid", number(o, "uid", 0, where));
                        Files.setAttribute(file, "unix:gid", number(o, "gid", 0, where));
                        out.add(RunMount.bind(file, target, true));
                    }
                }
                default -> throw new BuildException(BuildException.INPUT, where + "RUN --mount=type=" + type
                        + " is not supported" + (type.equals("ssh") ? " (dfsim does not forward an SSH agent)" : ""));
            }
        }
        return new Prepared(out, env, inputs.toString());
    }

    /** {@code ro}, {@code ro=true}: present without a value or with a true value. */
    private static boolean flag(Map<String, String> o, String key) {
        String v = o.get(key);
        return v != null && (v.isEmpty() || v.equalsIgnoreCase("true"));
    }

    private static int mode(Map<String, String> o, String key, int dflt, String where) throws BuildException {
        String v = o.get(key);
        try {
            return v == null ? dflt : Integer.parseInt(v, 8) & 07777;
        } catch (NumberFormatException e) {
            throw new BuildException(BuildException.INPUT, where + "RUN --mount " + key + " must be octal: " + v);
        }
    }

    private static int number(Map<String, String> o, String key, int dflt, String where) throws BuildException {
        String v = o.get(key);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BuildException(BuildException.INPUT, where + "RUN --mount " + key + " must be a number: " + v);
        }
    }

}
