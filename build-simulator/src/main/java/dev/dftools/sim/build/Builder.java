package dev.dftools.sim.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.grammar.context.GoPaths;
import dev.dftools.sim.image.ContainerConfig;
import dev.dftools.sim.image.Descriptor;
import dev.dftools.sim.image.HistoryEntry;
import dev.dftools.sim.image.ImageConfig;
import dev.dftools.sim.image.MediaTypes;
import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.layer.DirectoryLayer;
import dev.dftools.sim.layer.LayerFile;
import dev.dftools.sim.layer.LayerDescriptor;
import dev.dftools.sim.layer.LayerException;
import dev.dftools.sim.layer.LayerSink;
import dev.dftools.sim.layer.LinuxOverlayView;
import dev.dftools.sim.layer.OverlayView;
import dev.dftools.sim.plan.BuildPlan;
import dev.dftools.sim.plan.CopySpec;
import dev.dftools.sim.plan.StagePlan;
import dev.dftools.sim.plan.Step;
import dev.dftools.sim.plan.StepEffect;
import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.sandbox.Network;
import dev.dftools.sim.sandbox.OutputSink;
import dev.dftools.sim.sandbox.RunCommand;
import dev.dftools.sim.sandbox.RunResult;
import dev.dftools.sim.sandbox.RunSpec;
import dev.dftools.sim.sandbox.Sandbox;
import dev.dftools.sim.sandbox.SandboxException;
import dev.dftools.sim.store.CachedLayer;
import dev.dftools.sim.store.ImageStore;
import dev.dftools.sim.store.StoreException;
import dev.dftools.sim.store.StoredImage;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Executes a {@link BuildPlan}: bases come from the local {@link ImageStore} (or {@code scratch}),
 * their layers are unpacked once per store ({@link UnpackedLayers}) and reused; every RUN runs in the {@link Sandbox} over
 * the stage's layers and its overlay upper dir becomes the layer; COPY/ADD and WORKDIR write their
 * files into a fresh dir that becomes the layer; metadata steps only change the config. The target
 * stage is committed to the store.
 *
 * <p>Layer cache: every step gets a key, sha256 of the previous step's key (the base: its config
 * and layer diffIds), the diffIds of the layers below, the expanded instruction text, what a RUN
 * sees besides it (env, build args, user, workdir, shell, network) and for COPY/ADD a digest of the
 * files it places (paths, modes, owners, symlink targets, contents; not mtimes). The store keeps
 * key -> layer (and the step's history time); a hit reuses the stored layer, unpacked once per
 * store for the steps above, instead of running the step. {@link Request#noCache()} skips the look-ups (entries are
 * still written).
 */
public final class Builder {

    /** What the build is given besides the plan. */
    public record Request(BuildPlan plan, Path context, DockerIgnore ignore, String fileName, String tag,
            Network network, boolean noCache) {
        public Request(BuildPlan plan, Path context, DockerIgnore ignore, String fileName, String tag,
                Network network) {
            this(plan, context, ignore, fileName, tag, network, false);
        }
    }

    /**
     * The committed image and the report of its layers; {@code stepsExecuted} counts the steps that
     * made a layer by running (RUN) or writing it (COPY/ADD/WORKDIR) instead of taking it from the cache.
     */
    public record Result(StoredImage image, BuildReport report, int stepsExecuted, int runsExecuted) {
    }

    private final ImageStore store;
    private final Path workParent;
    private final UnpackedLayers unpacked;
    private final OutputSink output;
    private final Clock clock;

    public Builder(ImageStore store, Path workParent, OutputSink output, Clock clock) {
        this.store = store;
        this.unpacked = new UnpackedLayers(store);
        this.workParent = workParent;
        this.output = output;
        this.clock = clock;
    }

    public Builder(ImageStore store, OutputSink output) {
        this(store, Path.of(System.getProperty("java.io.tmpdir"), "dfsim-build"), output, Clock.systemUTC());
    }

    /** Per-stage state while building. */
    private static final class StageState {
        final List<BuiltLayer> layers = new ArrayList<>();
        ImageConfig config;
        final Map<String, String> baseEnv = new LinkedHashMap<>();
        String cacheKey = "";

        StageState(ImageConfig config) {
            this.config = config;
        }

        List<Path> lowersBottomFirst() {
            return layers.stream().map(BuiltLayer::dir).toList();
        }

        List<Path> lowersTopFirst() {
            List<Path> l = new ArrayList<>(lowersBottomFirst());
            java.util.Collections.reverse(l);
            return l;
        }
    }

    public Result build(Request request) throws BuildException, InterruptedException {
        Path work;
        try {
            Files.createDirectories(workParent);
            work = Files.createTempDirectory(workParent, "build-");
        } catch (IOException e) {
            throw new BuildException(BuildException.INPUT, "cannot create the build dir under " + workParent
                    + ": " + e.getMessage(), e);
        }
        try {
            return buildIn(request, work);
        } finally {
            try {
                LayerExtractor.deleteRecursively(work); // never follows symlinks
            } catch (IOException e) {
                output.line(OutputSink.Stream.STDERR, "dfsim: could not remove " + work + ": " + e.getMessage());
            }
        }
    }

    private Result buildIn(Request request, Path work) throws BuildException, InterruptedException {
        Sandbox sandbox = null;
        Map<Integer, StageState> stages = new HashMap<>();
        int dirs = 0;
        int stepsExecuted = 0;
        int runsExecuted = 0;
        for (StagePlan stage : request.plan().stages()) {
            StageState st = base(stage, stages);
            stages.put(stage.index(), st);
            for (Step step : stage.steps()) {
                if (step.effect() == StepEffect.NONE) {
                    continue;
                }
                output.line(OutputSink.Stream.STDERR, "#" + (step.index() + 1) + " [" + stage.displayName() + "] "
                        + oneLine(step.text()));
                if (step.effect() == StepEffect.METADATA) {
                    String key = cacheKey(request, st, step, "");
                    CachedLayer hit = lookup(request, key);
                    String created = hit != null && hit.created() != null ? hit.created() : now();
                    st.config = st.config.withMetadata(metadata(st, step),
                            HistoryEntry.empty(created, step.createdBy()));
                    st.cacheKey = key;
                    if (hit == null) {
                        remember(key, new CachedLayer(created, null, null, 0, 0));
                    }
                    continue;
                }
                Path dir = work.resolve("l").resolve(Integer.toString(dirs++));
                try {
                    Files.createDirectories(dir);
                    Set<String> excluded = Set.of();
                    String inputs = "";
                    boolean isCopy = !step.keyword().equals("RUN") && !step.keyword().equals("WORKDIR");
                    if (isCopy) {
                        copy(request, stages, step, dir);
                        inputs = treeDigest(dir);
                    }
                    String key = cacheKey(request, st, step, inputs);
                    CachedLayer hit = lookup(request, key);
                    if (hit != null && hit.digest() != null && hit.diffId() != null) {
                        // the stored layer, unpacked once per store (UnpackedLayers), replaces the step's dir
                        LayerExtractor.deleteRecursively(dir);
                        dir = unpacked.dir(Digest.parse(hit.digest()));
                        List<LayerFile> files = unpacked.files(Digest.parse(hit.digest()));
                        LayerDescriptor layer = new LayerDescriptor(Digest.parse(hit.diffId()), hit.size(),
                                Digest.parse(hit.digest()), hit.compressedSize(), files);
                        Descriptor desc = Descriptor.of(MediaTypes.LAYER_GZIP, layer.digest(), layer.compressedSize())
                                .withAnnotations(Map.of(ImageStore.UNCOMPRESSED_SIZE, Long.toString(layer.size())));
                        st.layers.add(new BuiltLayer(dir, step, layer, desc, true));
                        ContainerConfig cfg = step.keyword().equals("WORKDIR") ? metadata(st, step) : st.config.config();
                        st.config = new ImageConfig(st.config.created(), st.config.architecture(), st.config.os(), cfg,
                                st.config.rootfs(), st.config.history())
                                .withLayer(layer.diffId(), HistoryEntry.layer(
                                        hit.created() != null ? hit.created() : now(), step.createdBy()));
                        st.cacheKey = key;
                        output.line(OutputSink.Stream.STDERR, "#" + (step.index() + 1) + " CACHED");
                        continue;
                    }
                    stepsExecuted++;
                    if (step.keyword().equals("RUN")) {
                        runsExecuted++;
                        if (sandbox == null) {
                            try {
                                sandbox = Sandbox.create(work.resolve("runs"));
                            } catch (SandboxException e) {
                                throw new BuildException(BuildException.INPUT, e.getMessage(), e);
                            }
                        }
                        excluded = run(sandbox, request, st, step, dir, work.resolve("w").resolve(dir.getFileName()));
                    } else if (step.keyword().equals("WORKDIR")) {
                        mkdirs(dir, step.workdir());
                    }
                    Path gz = work.resolve("layer-" + dir.getFileName() + ".tar.gz");
                    OverlayView view = step.keyword().equals("RUN") ? new LinuxOverlayView(true, dir) : OverlayView.NONE;
                    LayerDescriptor layer = LayerSink.write(
                            new DirectoryLayer(dir, view, st.lowersTopFirst(), excluded), gz, null);
                    Descriptor desc = store.putLayer(gz, layer);
                    Path written = dir;
                    if (excluded.stream().noneMatch(x -> Files.exists(written.resolve(x), LinkOption.NOFOLLOW_LINKS))) {
                        dir = unpacked.adopt(layer.digest(), dir, layer.files()); // the next build's cache hit
                    }
                    st.layers.add(new BuiltLayer(dir, step, layer, desc, false));
                    ContainerConfig cfg = step.keyword().equals("WORKDIR") ? metadata(st, step) : st.config.config();
                    String created = now();
                    st.config = new ImageConfig(st.config.created(), st.config.architecture(), st.config.os(), cfg,
                            st.config.rootfs(), st.config.history())
                            .withLayer(layer.diffId(), HistoryEntry.layer(created, step.createdBy()));
                    st.cacheKey = key;
                    remember(key, new CachedLayer(created, layer.digest().toString(), layer.diffId().toString(),
                            layer.size(), layer.compressedSize()));
                } catch (IOException | LayerException | StoreException e) {
                    throw new BuildException(BuildException.INPUT, request.fileName() + ":" + step.line() + ": "
                            + step.keyword() + " failed: " + e.getMessage(), e);
                }
            }
        }
        StagePlan target = request.plan().target();
        StageState st = stages.get(target.index());
        List<Descriptor> descriptors = st.layers.stream().map(BuiltLayer::descriptor).toList();
        if (descriptors.contains(null)) {
            throw new IllegalStateException("a layer without a descriptor");
        }
        StoredImage image;
        try {
            image = store.commit(request.tag(), st.config, descriptors);
        } catch (StoreException e) {
            throw new BuildException(BuildException.INPUT, "cannot store the image: " + e.getMessage(), e);
        }
        BuildReport report = BuildReporter.report(request.fileName(), target.displayName(), image.name(),
                chain(request.plan(), target), st.layers);
        return new Result(image, report, stepsExecuted, runsExecuted);
    }

    /** The target and the stages it is based on (FROM stage), base first: the steps the image shows. */
    private static List<StagePlan> chain(BuildPlan plan, StagePlan target) {
        Map<Integer, StagePlan> byIndex = new HashMap<>();
        plan.stages().forEach(s -> byIndex.put(s.index(), s));
        List<StagePlan> chain = new ArrayList<>();
        for (StagePlan s = target; s != null; s = s.baseStage() == null ? null : byIndex.get(s.baseStage())) {
            chain.add(0, s);
        }
        return chain;
    }

    private StageState base(StagePlan stage, Map<Integer, StageState> stages) throws BuildException {
        if (stage.baseStage() != null) {
            StageState parent = stages.get(stage.baseStage());
            StageState st = new StageState(parent.config);
            st.layers.addAll(parent.layers);
            st.baseEnv.putAll(parent.baseEnv);
            st.cacheKey = parent.cacheKey;
            return st;
        }
        String base = stage.baseImage();
        String arch = stage.platform().substring(stage.platform().indexOf('/') + 1);
        if (base == null || base.equals("scratch")) {
            StageState st = new StageState(ImageConfig.empty(arch, "linux"));
            st.cacheKey = sha256("scratch\n" + stage.platform());
            return st;
        }
        StoredImage image;
        try {
            image = store.image(base);
        } catch (StoreException e) {
            throw new BuildException(BuildException.INPUT, "line " + stage.line() + ": base image " + base
                    + " is not in the local store " + store.root() + " (dfsim cannot pull; use dfsim import): "
                    + e.getMessage(), e);
        }
        StageState st = new StageState(image.config());
        st.cacheKey = sha256("base\n" + new String(image.config().toJson(), StandardCharsets.UTF_8));
        List<String> env = image.config().config().env();
        if (env != null) {
            for (String kv : env) {
                int eq = kv.indexOf('=');
                st.baseEnv.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
            }
        }
        for (Descriptor layer : image.manifest().layers()) {
            Path dir;
            try {
                dir = unpacked.dir(layer.blobDigest());
            } catch (IOException | StoreException e) {
                throw new BuildException(BuildException.INPUT, "cannot unpack a layer of " + base + ": "
                        + e.getMessage(), e);
            }
            st.layers.add(new BuiltLayer(dir, null, null, layer, false));
        }
        return st;
    }

    // ---- layer cache

    private @Nullable CachedLayer lookup(Request request, String key) throws BuildException {
        if (request.noCache()) {
            return null;
        }
        try {
            return store.cachedLayer(key);
        } catch (StoreException e) {
            throw new BuildException(BuildException.INPUT, e.getMessage(), e);
        }
    }

    private void remember(String key, CachedLayer layer) throws BuildException {
        try {
            store.putCachedLayer(key, layer);
        } catch (StoreException e) {
            throw new BuildException(BuildException.INPUT, e.getMessage(), e);
        }
    }

    /** Parent key + layers below + the expanded instruction + what it sees + the COPY/ADD input digest. */
    private static String cacheKey(Request request, StageState st, Step step, String inputs) {
        StringBuilder b = new StringBuilder("dfsim-layer-cache 1\n");
        b.append("parent ").append(st.cacheKey).append('\n');
        for (Object d : st.config.rootfs().diffIds()) {
            b.append("layer ").append(d).append('\n');
        }
        b.append("keyword ").append(step.keyword()).append('\n');
        b.append("text ").append(step.text().length()).append(' ').append(step.text()).append('\n');
        b.append("createdBy ").append(step.createdBy().length()).append(' ').append(step.createdBy()).append('\n');
        if (step.keyword().equals("RUN")) {
            Map<String, String> env = new LinkedHashMap<>(st.baseEnv);
            env.putAll(step.env());
            env.forEach((k, v) -> b.append("env ").append(k.length()).append(' ').append(k).append('=')
                    .append(v.length()).append(' ').append(v).append('\n'));
            step.args().forEach((k, v) -> b.append("arg ").append(k.length()).append(' ').append(k).append('=')
                    .append(v.length()).append(' ').append(v).append('\n'));
            b.append("user ").append(step.user()).append('\n');
            b.append("workdir ").append(step.workdir()).append('\n');
            b.append("shell ").append(String.join("\u0000", step.shell())).append('\n');
            b.append("network ").append(request.network()).append('\n');
        } else {
            b.append("workdir ").append(step.workdir()).append('\n');
        }
        b.append("inputs ").append(inputs).append('\n');
        return sha256(b.toString());
    }

    private static String sha256(String s) {
        return Digest.of(s.getBytes(StandardCharsets.UTF_8)).hex();
    }

    /** Digest of a directory tree's paths, types, modes, owners, symlink targets and file contents (not mtimes). */
    static String treeDigest(Path root) throws IOException {
        MessageDigest md = Digest.sha256();
        List<Path> all;
        try (var w = Files.walk(root)) {
            all = w.sorted(java.util.Comparator.comparing(p -> root.relativize(p).toString())).toList();
        }
        byte[] buf = new byte[1 << 16];
        for (Path p : all) {
            String rel = root.relativize(p).toString();
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Object gid = Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            md.update((rel.length() + " " + rel + " " + Integer.toOctalString(mode) + " " + uid + ":" + gid + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            if (Files.isSymbolicLink(p)) {
                String target = Files.readSymbolicLink(p).toString();
                md.update(("-> " + target.length() + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                md.update(("data " + Files.size(p) + "\n").getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(p)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        md.update(buf, 0, n);
                    }
                }
            }
        }
        return Digest.of(md).hex();
    }

    // ---- RUN

    private Set<String> run(Sandbox sandbox, Request request, StageState st, Step step, Path upper, Path workDir)
            throws BuildException, InterruptedException {
        Instruction.Run run = (Instruction.Run) step.instruction();
        RunCommand command;
        if (run.command() instanceof Command.ExecForm exec) {
            command = RunCommand.exec(exec.args().stream().map(Word::value).toList());
        } else if (run.command() instanceof Command.ShellForm shell) {
            if (!run.heredocs().isEmpty()) {
                throw new BuildException(BuildException.INPUT, request.fileName() + ":" + step.line()
                        + ": RUN with a heredoc is not supported by dfsim build yet");
            }
            command = RunCommand.shell(step.shell(), shell.script().value());
        } else {
            throw new BuildException(BuildException.INPUT, request.fileName() + ":" + step.line() + ": RUN needs a command");
        }
        if (!step.mounts().isEmpty()) {
            throw new BuildException(BuildException.INPUT, request.fileName() + ":" + step.line()
                    + ": RUN --mount is not supported by dfsim build yet");
        }
        Map<String, String> env = new LinkedHashMap<>(step.args());
        env.putAll(st.baseEnv);
        env.putAll(step.env());
        RunSpec spec = RunSpec.of(st.lowersBottomFirst(), upper, workDir, command).withEnv(env)
                .withWorkingDir(step.workdir()).withUser(step.user()).withNetwork(request.network());
        RunResult result;
        try {
            result = sandbox.run(spec, output);
        } catch (SandboxException e) {
            throw new BuildException(BuildException.INPUT, request.fileName() + ":" + step.line() + ": " + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            throw new BuildException(BuildException.STEP_FAILED, request.fileName() + ":" + step.line() + ": "
                    + result.failureMessage());
        }
        return result.createdStubs().stream().map(s -> s.replaceAll("^/+|/+$", "")).collect(Collectors.toSet());
    }

    // ---- COPY / ADD / WORKDIR

    private static void mkdirs(Path layerDir, String imagePath) throws IOException {
        Path p = layerDir;
        for (String part : GoPaths.clean(imagePath).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            p = p.resolve(part);
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(p);
                Files.setAttribute(p, "unix:mode", 0755);
            }
        }
    }

    private void copy(Request request, Map<Integer, StageState> stages, Step step, Path layerDir)
            throws IOException, BuildException {
        CopySpec spec = step.copy();
        if (spec == null) {
            throw new IllegalStateException("COPY without a spec");
        }
        String where = request.fileName() + ":" + step.line() + ": ";
        if (spec.fromImage() != null) {
            throw new BuildException(BuildException.INPUT, where + "COPY --from=IMAGE is not supported by dfsim build yet");
        }
        int[] owner = owner(spec.chown(), where);
        Integer mode = spec.chmod() == null ? null : parseMode(spec.chmod(), where);
        boolean intoDir = spec.destination().endsWith("/") || spec.sources().size() > 1;
        String dest = GoPaths.clean(spec.destination());
        for (String source : spec.sources()) {
            if (source.startsWith("http://") || source.startsWith("https://") || source.startsWith("git@")) {
                throw new BuildException(BuildException.INPUT, where + "ADD from a URL is not supported by dfsim build yet");
            }
            if (step.keyword().equals("ADD") && source.matches(".*\\.(tar|tgz|tar\\.gz|tar\\.xz|txz|tar\\.bz2|tbz2)$")) {
                throw new BuildException(BuildException.INPUT, where
                        + "ADD of a local archive (auto-extraction) is not supported by dfsim build yet");
            }
            List<Path> matches = new ArrayList<>();
            String rel = GoPaths.clean("/" + source).substring(1);
            if (spec.fromStage() != null) {
                StageState from = stages.get(spec.fromStage());
                if (from == null) {
                    throw new BuildException(BuildException.INPUT, where + "stage " + spec.fromStage() + " was not built");
                }
                Path merged = Files.createTempDirectory(layerDir.getParent(), "from-");
                mergeInto(from.lowersBottomFirst(), rel, merged);
                Path m = rel.isEmpty() ? merged : merged.resolve(rel);
                if (!Files.exists(m, LinkOption.NOFOLLOW_LINKS)) {
                    throw new BuildException(BuildException.INPUT, where + "\"" + source + "\" not found in stage "
                            + spec.fromStage());
                }
                place(m, rel, intoDir, dest, layerDir, owner, mode, null, "");
                continue;
            }
            if (source.contains("*") || source.contains("?") || source.contains("[")) {
                Path dir = request.context().resolve(rel).getParent();
                String glob = Path.of(rel).getFileName().toString();
                if (dir != null && Files.isDirectory(dir)) {
                    try (var ds = Files.newDirectoryStream(dir, glob)) {
                        ds.forEach(matches::add);
                    }
                }
                matches.sort(null);
                intoDir = intoDir || matches.size() > 1;
            } else {
                matches.add(rel.isEmpty() ? request.context() : request.context().resolve(rel));
            }
            matches.removeIf(p -> !Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                    || excluded(request, p));
            if (matches.isEmpty()) {
                throw new BuildException(BuildException.INPUT, where + step.keyword() + " source \"" + source
                        + "\" is not in the build context (missing or excluded by .dockerignore)");
            }
            for (Path m : matches) {
                String mrel = request.context().relativize(m).toString();
                place(m, mrel, intoDir, dest, layerDir, owner, mode, request, mrel);
            }
        }
    }

    private static boolean excluded(Request request, Path p) {
        String rel = request.context().relativize(p).toString();
        return !rel.isEmpty() && request.ignore().excludes(rel);
    }

    /** Docker's rules: a dir's contents go into dest; a file goes to dest, or dest/name when dest is a dir. */
    private static void place(Path source, String rel, boolean intoDir, String dest, Path layerDir, int[] owner,
            @Nullable Integer mode, @Nullable Request request, String contextRel) throws IOException {
        boolean isDir = Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS);
        String target = isDir || !intoDir ? dest : (dest.equals("/") ? "" : dest) + "/" + source.getFileName();
        Path t = layerDir.resolve(GoPaths.clean(target).substring(1));
        if (t.getParent() != null && !t.equals(layerDir)) {
            mkdirs(layerDir, GoPaths.clean(target).equals("/") ? "/" : parentOf(GoPaths.clean(target)));
        }
        copyTree(source, t, owner, mode, request, contextRel);
    }

    private static String parentOf(String abs) {
        int slash = abs.lastIndexOf('/');
        return slash <= 0 ? "/" : abs.substring(0, slash);
    }

    private static void copyTree(Path source, Path target, int[] owner, @Nullable Integer mode,
            @Nullable Request request, String contextRel) throws IOException {
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(target);
            }
            try (var s = Files.list(source)) {
                for (Path c : s.sorted().toList()) {
                    String childRel = contextRel.isEmpty() ? c.getFileName().toString()
                            : contextRel + "/" + c.getFileName();
                    if (request != null && request.ignore().excludes(childRel)) {
                        continue;
                    }
                    copyTree(c, target.resolve(c.getFileName().toString()), owner, mode, request, childRel);
                }
            }
            attributes(source, target, owner, mode);
            return;
        }
        LayerExtractor.deleteRecursively(target);
        if (Files.isSymbolicLink(source)) {
            Files.createSymbolicLink(target, Files.readSymbolicLink(source));
            Files.setAttribute(target, "unix:uid", owner[0], LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", owner[1], LinkOption.NOFOLLOW_LINKS);
            return;
        }
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            return; // devices, fifos and whiteouts are not copied
        }
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        attributes(source, target, owner, mode);
    }

    private static void attributes(Path source, Path target, int[] owner, @Nullable Integer mode) throws IOException {
        int m = (Integer) Files.getAttribute(source, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        Files.setAttribute(target, "unix:uid", owner[0], LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:gid", owner[1], LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:mode", mode != null ? mode : m);
        FileTime t = Files.getLastModifiedTime(source, LinkOption.NOFOLLOW_LINKS);
        Files.setLastModifiedTime(target, t);
    }

    /** The merged view of {@code rel} over the layers, bottom first (whiteouts delete; opaque dirs are not honoured). */
    private static void mergeInto(List<Path> layersBottomFirst, String rel, Path out) throws IOException {
        for (Path layer : layersBottomFirst) {
            Path src = rel.isEmpty() ? layer : layer.resolve(rel);
            Path dst = rel.isEmpty() ? out : out.resolve(rel);
            if (!Files.exists(src, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (dst.getParent() != null) {
                Files.createDirectories(dst.getParent());
            }
            overlayCopy(src, dst);
        }
    }

    private static void overlayCopy(Path src, Path dst) throws IOException {
        int fmt = (Integer) Files.getAttribute(src, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
        if (fmt == 020000 && (Long) Files.getAttribute(src, "unix:rdev", LinkOption.NOFOLLOW_LINKS) == 0) {
            LayerExtractor.deleteRecursively(dst); // whiteout
            return;
        }
        if (fmt == 040000) {
            if (!Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS)) {
                LayerExtractor.deleteRecursively(dst);
                Files.createDirectory(dst);
            }
            try (var s = Files.list(src)) {
                for (Path c : s.toList()) {
                    overlayCopy(c, dst.resolve(c.getFileName().toString()));
                }
            }
            copyAttrs(src, dst);
            return;
        }
        LayerExtractor.deleteRecursively(dst);
        if (fmt == 0120000) {
            Files.createSymbolicLink(dst, Files.readSymbolicLink(src));
        } else if (fmt == 0100000) {
            Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
            copyAttrs(src, dst);
        }
    }

    private static void copyAttrs(Path src, Path dst) throws IOException {
        Files.setAttribute(dst, "unix:mode",
                (Integer) Files.getAttribute(src, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777);
        Files.setAttribute(dst, "unix:uid", Files.getAttribute(src, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        Files.setAttribute(dst, "unix:gid", Files.getAttribute(src, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        Files.setLastModifiedTime(dst, Files.getLastModifiedTime(src, LinkOption.NOFOLLOW_LINKS));
    }

    /** --chown: numeric uid[:gid] only (names would need the image's passwd). */
    private static int[] owner(@Nullable String chown, String where) throws BuildException {
        if (chown == null || chown.isEmpty()) {
            return new int[] {0, 0};
        }
        String[] parts = chown.split(":", 2);
        try {
            int uid = Integer.parseInt(parts[0]);
            int gid = parts.length > 1 ? Integer.parseInt(parts[1]) : uid;
            return new int[] {uid, gid};
        } catch (NumberFormatException e) {
            throw new BuildException(BuildException.INPUT, where + "--chown with user or group names is not "
                    + "supported by dfsim build yet (use numeric ids): " + chown);
        }
    }

    private static int parseMode(String chmod, String where) throws BuildException {
        try {
            return Integer.parseInt(chmod, 8) & 07777;
        } catch (NumberFormatException e) {
            throw new BuildException(BuildException.INPUT, where + "--chmod must be octal: " + chmod);
        }
    }

    // ---- metadata

    private static ContainerConfig metadata(StageState st, Step step) {
        ContainerConfig c = st.config.config();
        List<String> env = c.env();
        Map<String, String> merged = new LinkedHashMap<>(st.baseEnv);
        merged.putAll(step.env());
        if (!merged.isEmpty()) {
            env = merged.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        }
        List<String> entrypoint = c.entrypoint();
        List<String> cmd = c.cmd();
        Map<String, Map<String, Object>> ports = c.exposedPorts();
        String stopSignal = c.stopSignal();
        Instruction in = step.instruction();
        if (in instanceof Instruction.Cmd x) {
            cmd = command(x.command(), step.shell());
        } else if (in instanceof Instruction.Entrypoint x) {
            entrypoint = command(x.command(), step.shell());
            cmd = null; // ENTRYPOINT resets an inherited CMD, as docker does
        } else if (step.keyword().equals("EXPOSE")) {
            Map<String, Map<String, Object>> p = ports == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(ports);
            for (String port : step.text().substring("EXPOSE".length()).trim().split("\\s+")) {
                if (!port.isEmpty()) {
                    p.put(port.contains("/") ? port : port + "/tcp", Map.of());
                }
            }
            ports = p;
        } else if (step.keyword().equals("STOPSIGNAL")) {
            stopSignal = step.text().substring("STOPSIGNAL".length()).trim();
        }
        List<String> shell = step.shell().equals(RunCommand.DEFAULT_SHELL) ? c.shell() : step.shell();
        String user = step.user().isEmpty() ? c.user() : step.user();
        String workdir = step.workdir().equals("/") && c.workingDir() == null ? null : step.workdir();
        return new ContainerConfig(user, ports, env, entrypoint, cmd, c.volumes(), workdir, c.labels(), stopSignal,
                shell, c.healthcheck());
    }

    private static @Nullable List<String> command(@Nullable Command command, List<String> shell) {
        if (command instanceof Command.ExecForm exec) {
            return exec.args().stream().map(Word::value).toList();
        }
        if (command instanceof Command.ShellForm s) {
            List<String> argv = new ArrayList<>(shell);
            argv.add(s.script().value());
            return argv;
        }
        return null;
    }

    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    private static String oneLine(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 100 ? one.substring(0, 97) + "..." : one;
    }
}
