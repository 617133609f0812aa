package dev.dftools.sim.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
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
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.grammar.context.GoPaths;
import dev.dftools.sim.image.ContainerConfig;
import dev.dftools.sim.image.Descriptor;
import dev.dftools.sim.image.HistoryEntry;
import dev.dftools.sim.image.ImageConfig;
import dev.dftools.sim.image.MediaTypes;
import dev.dftools.sim.image.RootFs;
import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.layer.DirectoryLayer;
import dev.dftools.sim.layer.LayerFile;
import dev.dftools.sim.layer.LayerDescriptor;
import dev.dftools.sim.layer.LayerException;
import dev.dftools.sim.layer.LinuxOverlayView;
import dev.dftools.sim.layer.Sha256Sink;
import dev.dftools.sim.layer.OverlayView;
import dev.dftools.sim.plan.BuildPlan;
import dev.dftools.sim.plan.CopySpec;
import dev.dftools.sim.plan.HealthcheckSpec;
import dev.dftools.sim.plan.RunScript;
import dev.dftools.sim.plan.StagePlan;
import dev.dftools.sim.plan.Step;
import dev.dftools.sim.plan.StepEffect;
import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.sandbox.Network;
import dev.dftools.sim.sandbox.OutputSink;
import dev.dftools.sim.sandbox.OwnedDirs;
import dev.dftools.sim.sandbox.RootedPaths;
import dev.dftools.sim.sandbox.RunCommand;
import dev.dftools.sim.sandbox.RunMount;
import dev.dftools.sim.sandbox.RunResult;
import dev.dftools.sim.sandbox.RunSpec;
import dev.dftools.sim.sandbox.Sandbox;
import dev.dftools.sim.sandbox.UserResolver;
import dev.dftools.sim.sandbox.SandboxException;
import dev.dftools.sim.registry.BaseImages;
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
 * and layer diffIds), the expanded instruction text, what a RUN sees besides it (env, build args,
 * user, workdir, shell, network) and for COPY/ADD a digest of the files it places (paths, modes,
 * owners, symlink targets, contents; not mtimes). The store keeps key + the diffIds of the layers
 * below -> layer (and the step's history time); a hit reuses the stored layer, unpacked once per
 * store for the steps above, instead of running the step. Executed layers are packaged in the
 * background ({@link LayerPackager}) and stored when the build ends. {@link Request#noCache()} skips the look-ups (entries are
 * still written).
 */
public final class Builder {

    /** What the build is given besides the plan. */
    public record Request(BuildPlan plan, Path context, DockerIgnore ignore, String fileName, String tag,
            Network network, boolean noCache, List<Secret> secrets) {
        public Request {
            secrets = secrets == null ? List.of() : List.copyOf(secrets);
        }

        public Request(BuildPlan plan, Path context, DockerIgnore ignore, String fileName, String tag,
                Network network, boolean noCache) {
            this(plan, context, ignore, fileName, tag, network, noCache, List.of());
        }

        public Request(BuildPlan plan, Path context, DockerIgnore ignore, String fileName, String tag,
                Network network) {
            this(plan, context, ignore, fileName, tag, network, false);
        }

        public Request withSecrets(List<Secret> newSecrets) {
            return new Request(plan, context, ignore, fileName, tag, network, noCache, newSecrets);
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
    private final BuildProgress progress;

    private final BaseImages baseImages;
    /** sim-safety: how long one RUN may take before it is killed (dfsim build --timeout). */
    private final Duration runTimeout;
    private final LayerPackager.Writer layerWriter;

    public Builder(ImageStore store, Path workParent, OutputSink output, Clock clock) {
        this(store, workParent, output, clock, BaseImages.localOnly(store));
    }

    /** {@code baseImages} resolves FROM images (store, then registry pulls); see {@link BaseImages}. */
    public Builder(ImageStore store, Path workParent, OutputSink output, Clock clock, BaseImages baseImages) {
        this(store, workParent, output, clock, baseImages, null, RunSpec.DEFAULT_TIMEOUT, LayerPackager.GZIP);
    }

    private Builder(ImageStore store, Path workParent, OutputSink output, Clock clock, BaseImages baseImages,
            BuildProgress progress, Duration runTimeout, LayerPackager.Writer layerWriter) {
        this.layerWriter = layerWriter;
        this.store = store;
        this.unpacked = new UnpackedLayers(store);
        this.workParent = workParent;
        this.output = output;
        this.clock = clock;
        this.runTimeout = runTimeout;
        this.baseImages = baseImages;
        this.progress = progress != null ? progress : new BuildProgress() {
            @Override
            public void started(int number, int total, String stage, Step step) {
                output.line(OutputSink.Stream.STDERR, "#" + number + " [" + stage + "] " + oneLine(step.text()));
            }

            @Override
            public void finished(int number, int total, Step step, boolean cached, java.time.Duration elapsed) {
                if (cached) {
                    output.line(OutputSink.Stream.STDERR, "#" + number + " CACHED");
                }
            }
        };
    }

    /** The same builder reporting each step to {@code progress} instead of "#N" lines on the output. */
    public Builder withProgress(BuildProgress newProgress) {
        return new Builder(store, workParent, output, clock, baseImages, newProgress, runTimeout, layerWriter);
    }

    public Builder(ImageStore store, OutputSink output) {
        this(store, OwnedDirs.defaultParent("dfsim-build"), output, Clock.systemUTC()); // sim-safety: per user
    }

    /** sim-safety: a builder whose RUNs are killed after {@code timeout}; the build then fails at that line. */
    public Builder withRunTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the RUN timeout must be positive");
        }
        return new Builder(store, workParent, output, clock, baseImages, progress, timeout, layerWriter);
    }

    /** Tests: the same builder writing its layers' blobs with {@code writer}. */
    Builder withLayerWriter(LayerPackager.Writer writer) {
        return new Builder(store, workParent, output, clock, baseImages, progress, runTimeout, writer);
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
            // sim-safety: the work dir names its owner (pid + start time); dirs of dead owners (a JVM
            // killed by SIGKILL) are swept first, and the shutdown hook removes this one on Ctrl-C/SIGTERM
            OwnedDirs.sweep(workParent);
            work = OwnedDirs.create(workParent, "build");
        } catch (IOException e) {
            throw new BuildException(BuildException.INPUT, "cannot create the build dir under " + workParent
                    + ": " + e.getMessage(), e);
        }
        try {
            return buildIn(request, work);
        } finally {
            try {
                OwnedDirs.release(work); // never follows symlinks
            } catch (IOException e) {
                output.line(OutputSink.Stream.STDERR, "dfsim: could not remove " + work + ": " + e.getMessage());
            }
        }
    }

    private Result buildIn(Request request, Path work) throws BuildException, InterruptedException {
        Map<Integer, StageState> stages = new HashMap<>();
        try (LayerPackager packager = new LayerPackager(layerWriter)) {
            Layers layers = new Layers(packager);
            int[] executed;
            try {
                executed = runSteps(request, work, stages, layers);
            } catch (BuildException e) {
                // as before the packaging moved to the background: the layers of the steps that
                // succeeded are stored and cached, so that the next build starts after them
                layers.finish(request, stages);
                throw e;
            }
            BuildException packagingFailure = layers.finish(request, stages);
            if (packagingFailure != null) {
                throw packagingFailure;
            }
            return commit(request, stages, executed[0], executed[1]);
        }
    }

    /** Runs every step; returns {steps executed, RUNs executed}. Executed layers are left packaging in {@code layers}. */
    private int[] runSteps(Request request, Path work, Map<Integer, StageState> stages, Layers layers)
            throws BuildException, InterruptedException {
        Sandbox sandbox = null;
        int dirs = 0;
        int stepsExecuted = 0;
        int runsExecuted = 0;
        int total = (int) request.plan().stages().stream().flatMap(s -> s.steps().stream())
                .filter(s -> s.effect() != StepEffect.NONE).count();
        int number = 0;
        for (StagePlan stage : request.plan().stages()) {
            StageState st = base(stage, stages, work, request.fileName());
            stages.put(stage.index(), st);
            for (Step step : stage.steps()) {
                if (step.effect() == StepEffect.NONE) {
                    continue;
                }
                number++;
                layers.failFast(request);
                long started = System.nanoTime();
                progress.started(number, total, stage.displayName(), step);
                if (step.effect() == StepEffect.METADATA) {
                    String key = cacheKey(request, st, step, "");
                    CachedLayer hit = lookup(request, key);
                    String created = hit != null && hit.created() != null ? hit.created() : now();
                    if (step.instruction() instanceof Instruction.Onbuild) {
                        st.config = st.config.withConfig(metadata(st, step)); // BuildKit writes no history line
                    } else {
                        st.config = st.config.withMetadata(metadata(st, step),
                                HistoryEntry.empty(created, step.createdBy()));
                    }
                    if (step.instruction() instanceof Instruction.Maintainer m && m.maintainer() != null) {
                        st.config = st.config.withAuthor(m.maintainer().value());
                    }
                    st.cacheKey = key;
                    if (hit == null) {
                        remember(key, new CachedLayer(created, null, null, 0, 0));
                    }
                    progress.finished(number, total, step, hit != null, elapsedSince(started));
                    continue;
                }
                Path dir = work.resolve("l").resolve(Integer.toString(dirs++));
                try {
                    Files.createDirectories(dir);
                    Set<String> excluded = Set.of();
                    boolean isCopy = !step.keyword().equals("RUN") && !step.keyword().equals("WORKDIR");
                    RunPrep prep = null;
                    String key = null;
                    CachedLayer hit = null;
                    BuiltLayer madeHere = null;
                    if (isCopy) {
                        // unchanged context sources: their stat fingerprint gives the input digest of
                        // the last copy, so a cache hit neither copies nor hashes them
                        CopyFingerprint.Result fingerprint = copyFingerprint(request, st, step);
                        String known = fingerprint == null || request.noCache() ? null
                                : store.copyInputs(fingerprint.value());
                        if (known != null) {
                            key = cacheKey(request, st, step, known);
                            madeHere = layers.madeHere(request, key);
                            hit = madeHere != null ? null : lookupLayer(request, st, key, layers);
                            if (madeHere == null && !usable(hit)) {
                                key = null;
                            }
                        }
                        if (key == null) {
                            copy(request, stages, st, step, dir, work.resolve("copy").resolve(dir.getFileName()));
                            String inputs = treeDigest(dir);
                            if (fingerprint != null && fingerprint.settled()) {
                                store.putCopyInputs(fingerprint.value(), inputs);
                            }
                            key = cacheKey(request, st, step, inputs);
                            madeHere = layers.madeHere(request, key);
                            hit = madeHere != null ? null : lookupLayer(request, st, key, layers);
                        }
                    } else {
                        String inputs = "";
                        if (step.keyword().equals("RUN")) {
                            prep = prepareRun(request, stages, step, work.resolve("mounts").resolve(dir.getFileName()));
                            inputs = prep.mounts().inputs();
                        }
                        key = cacheKey(request, st, step, inputs);
                        madeHere = layers.madeHere(request, key);
                        hit = madeHere != null ? null : lookupLayer(request, st, key, layers);
                    }
                    if (madeHere != null) {
                        // an identical step of another stage of this build made the layer (perhaps still packaging)
                        LayerExtractor.deleteRecursively(dir);
                        LayerPackager.Pending p = layers.pendingOf(madeHere);
                        BuiltLayer reused = new BuiltLayer(madeHere.dir(), step, null, null, true);
                        layers.track(reused, p);
                        st.layers.add(reused);
                        ContainerConfig cfg = step.keyword().equals("WORKDIR") ? metadata(st, step) : st.config.config();
                        st.config = st.config.withConfig(cfg).withLayer(p.placeholder(),
                                HistoryEntry.layer(p.created(), step.createdBy()));
                        st.cacheKey = key;
                        progress.finished(number, total, step, true, elapsedSince(started));
                        continue;
                    }
                    if (usable(hit)) {
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
                        st.config = st.config.withConfig(cfg).withLayer(layer.diffId(), HistoryEntry.layer(
                                        hit.created() != null ? hit.created() : now(), step.createdBy()));
                        st.cacheKey = key;
                        progress.finished(number, total, step, true, elapsedSince(started));
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
                        excluded = run(sandbox, request, st, step, prep, dir, work.resolve("w").resolve(dir.getFileName()));
                    } else if (step.keyword().equals("WORKDIR")) {
                        mkdirs(dir, step.workdir());
                    }
                    // tarred, hashed and gzipped in the background while the next steps run; until
                    // then the config carries a placeholder diffId (Layers.finish)
                    Path gz = work.resolve("layer-" + dir.getFileName() + ".tar.gz");
                    OverlayView view = step.keyword().equals("RUN") ? new LinuxOverlayView(true, dir) : OverlayView.NONE;
                    String created = now();
                    LayerPackager.Pending p = layers.packager.submit(step, key, st.config.rootfs().diffIds(), created,
                            dir, excluded, new DirectoryLayer(dir, view, st.lowersTopFirst(), excluded), gz);
                    BuiltLayer built = new BuiltLayer(dir, step, null, null, false);
                    layers.track(built, p);
                    layers.madeHere.put(key, built);
                    st.layers.add(built);
                    ContainerConfig cfg = step.keyword().equals("WORKDIR") ? metadata(st, step) : st.config.config();
                    st.config = st.config.withConfig(cfg).withLayer(p.placeholder(), HistoryEntry.layer(created, step.createdBy()));
                    st.cacheKey = key;
                    progress.finished(number, total, step, false, elapsedSince(started));
                } catch (IOException | StoreException e) {
                    // sim-safety: a full disk is named as such and exits 3
                    throw BuildException.ofFileError(request.fileName() + ":" + step.line() + ": "
                            + step.keyword() + " failed: ", e);
                }
            }
        }
        return new int[] {stepsExecuted, runsExecuted};
    }

    /** Commits the target stage (its layers written and stored by now) and reports on it. */
    private Result commit(Request request, Map<Integer, StageState> stages, int stepsExecuted, int runsExecuted)
            throws BuildException {
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
            throw BuildException.ofFileError("cannot store the image: ", e); // sim-safety
        }
        BuildReport report = BuildReporter.report(request.fileName(), target.displayName(), image.name(),
                chain(request.plan(), target), st.layers);
        return new Result(image, report, stepsExecuted, runsExecuted);
    }

    /**
     * The layers this build executes: packaged in the background ({@link LayerPackager}), reused by an
     * identical step of another stage, and at the end stored, kept unpacked and cached.
     */
    private final class Layers {
        final LayerPackager packager;
        /** Chain key -> the layer this build made for it. */
        final Map<String, BuiltLayer> madeHere = new HashMap<>();
        private final Map<BuiltLayer, LayerPackager.Pending> pending = new java.util.IdentityHashMap<>();

        Layers(LayerPackager packager) {
            this.packager = packager;
        }

        @Nullable BuiltLayer madeHere(Request request, String key) {
            return request.noCache() ? null : madeHere.get(key);
        }

        void track(BuiltLayer layer, LayerPackager.Pending p) {
            pending.put(layer, p);
        }

        LayerPackager.Pending pendingOf(BuiltLayer layer) {
            return java.util.Objects.requireNonNull(pending.get(layer));
        }

        /** Whether a layer of {@code st} is still packaging: its diffId, part of the store's cache key, is not known. */
        boolean packaging(StageState st) {
            return st.layers.stream().anyMatch(pending::containsKey);
        }

        /** Stops the build before its next step when a layer's packaging has failed already. */
        void failFast(Request request) throws BuildException, InterruptedException {
            LayerPackager.Pending failed = packager.firstFailed();
            if (failed != null) {
                try {
                    LayerPackager.await(failed);
                } catch (LayerException e) {
                    throw packagingFailed(request, failed, e);
                }
            }
        }

        /**
         * Waits for every layer, then stores its blob, keeps its dir unpacked for the next build (only
         * now: a layer's packaging reads the dirs below it), records its cache entry under the real
         * diffIds and puts the real diffIds into the stages' configs; up to the first layer that
         * failed, whose error it returns (null when all went well).
         */
        @Nullable BuildException finish(Request request, Map<Integer, StageState> stages) throws InterruptedException {
            List<LayerPackager.Pending> all = packager.pending();
            List<LayerDescriptor> written = new ArrayList<>();
            BuildException failure = null;
            for (LayerPackager.Pending p : all) {
                try {
                    written.add(LayerPackager.await(p));
                } catch (LayerException e) {
                    failure = packagingFailed(request, p, e);
                    break;
                }
            }
            Map<String, String> diffIds = new HashMap<>(); // placeholder -> real
            Map<LayerPackager.Pending, BuiltLayer> done = new java.util.IdentityHashMap<>();
            for (int i = 0; i < written.size(); i++) {
                LayerPackager.Pending p = all.get(i);
                LayerDescriptor layer = written.get(i);
                try {
                    Descriptor desc = store.putLayer(p.gzip(), layer);
                    Path dir = p.dir();
                    if (p.excluded().stream().noneMatch(x -> Files.exists(p.dir().resolve(x), LinkOption.NOFOLLOW_LINKS))) {
                        dir = unpacked.adopt(layer.digest(), dir, layer.files()); // the next build's cache hit
                    }
                    diffIds.put(p.placeholder().toString(), layer.diffId().toString());
                    List<String> lowers = p.lowerDiffIds().stream().map(d -> diffIds.getOrDefault(d, d)).toList();
                    remember(storeKey(p.key(), lowers), new CachedLayer(p.created(), layer.digest().toString(),
                            layer.diffId().toString(), layer.size(), layer.compressedSize()));
                    done.put(p, new BuiltLayer(dir, p.step(), layer, desc, false));
                } catch (IOException | StoreException | BuildException e) {
                    failure = e instanceof BuildException be ? be : BuildException.ofFileError(where(request, p), e);
                    break;
                }
            }
            for (StageState st : stages.values()) {
                st.layers.replaceAll(l -> {
                    LayerPackager.Pending p = pending.get(l);
                    BuiltLayer d = p == null ? null : done.get(p);
                    return d == null ? l : new BuiltLayer(d.dir(), l.step(), d.layer(), d.descriptor(), l.cached());
                });
                ImageConfig c = st.config;
                List<String> ids = c.rootfs().diffIds().stream().map(d -> diffIds.getOrDefault(d, d)).toList();
                st.config = new ImageConfig(c.created(), c.author(), c.architecture(), c.os(), c.config(),
                        RootFs.layers(ids), c.history());
            }
            return failure;
        }

        private BuildException packagingFailed(Request request, LayerPackager.Pending p, LayerException e) {
            return BuildException.ofFileError(where(request, p), e); // sim-safety: a full disk exits 3
        }

        private static String where(Request request, LayerPackager.Pending p) {
            return request.fileName() + ":" + p.step().line() + ": " + p.step().keyword() + " failed: ";
        }
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

    private StageState base(StagePlan stage, Map<Integer, StageState> stages, Path work, String fileName)
            throws BuildException {
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
        try { // FROM resolution (dev.dftools.sim.registry): the store first, then a pull as --pull says
            image = baseImages.resolve(base, stage.platform());
        } catch (BaseImages.UnavailableException e) {
            throw new BuildException(BuildException.INPUT, fileName + ":" + stage.line() + ": base image " + base + " "
                    + e.getMessage(), e);
        }
        StageState st = new StageState(image.config());
        st.cacheKey = sha256("base\n" + new String(image.config().toJson(), StandardCharsets.UTF_8));
        if (image.config().config().onBuild() != null) {
            // the planner put the triggers first in this stage; like Docker, the child does not inherit them
            st.config = st.config.withConfig(st.config.config().withOnBuild(null));
        }
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

    /** A cache entry that names a stored layer (metadata steps have none). */
    private static boolean usable(@Nullable CachedLayer hit) {
        return hit != null && hit.digest() != null && hit.diffId() != null;
    }

    /** The stat fingerprint of a context COPY/ADD ({@link CopyFingerprint}), taken before its files are copied. */
    private CopyFingerprint.@Nullable Result copyFingerprint(Request request, StageState st, Step step)
            throws IOException, BuildException {
        CopySpec spec = step.copy();
        if (spec == null || !spec.fromContext()) {
            return null;
        }
        String where = request.fileName() + ":" + step.line() + ": ";
        int @Nullable [] chown = owner(spec.chown(), st, where);
        DockerIgnore excludes;
        try {
            excludes = DockerIgnore.of(spec.excludes());
        } catch (DockerIgnore.BadPatternException e) {
            return null; // the copy reports it
        }
        return CopyFingerprint.of(request, step, chown != null ? chown : new int[] {0, 0},
                spec.chmod() == null ? null : parseMode(spec.chmod(), where), excludes,
                java.time.Instant.now()); // the file system's clock, not the build's (which may be fixed)
    }

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

    /**
     * A stored layer for the step with chain key {@code key}, made over exactly the layers below it
     * now; none while a layer below is still packaging (this build executed it, so what the store
     * holds was made over something else).
     */
    private @Nullable CachedLayer lookupLayer(Request request, StageState st, String key, Layers layers)
            throws BuildException {
        return layers.packaging(st) ? null : lookup(request, storeKey(key, st.config.rootfs().diffIds()));
    }

    /**
     * The store's key of a layer entry: the chain key and the diffIds of the layers it was made over.
     * The chain key leaves them out, so that a step's key is known while the layer below it is still
     * being packaged; the store's key keeps them, so that a layer is only ever reused over the layers
     * it was made on (e.g. not after a --no-cache build that failed half-way re-made those).
     */
    private static String storeKey(String key, List<String> lowerDiffIds) {
        StringBuilder b = new StringBuilder("dfsim-layer-entry 1\nkey ").append(key).append('\n');
        lowerDiffIds.forEach(d -> b.append("layer ").append(d).append('\n'));
        return sha256(b.toString());
    }

    /**
     * The chain key: the parent's key (for the base: its config, layer diffIds included) + the
     * expanded instruction + what it sees + the COPY/ADD input digest.
     */
    private static String cacheKey(Request request, StageState st, Step step, String inputs) {
        StringBuilder b = new StringBuilder("dfsim-layer-cache 2\n");
        b.append("parent ").append(st.cacheKey).append('\n');
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

    /**
     * Digest of a directory tree's paths, types, modes, owners, symlink targets and file contents
     * (not mtimes), hashed by {@link Sha256Sink} (the host's sha256 tool when there is one).
     */
    static String treeDigest(Path root) throws IOException {
        List<Path> all;
        try (var w = Files.walk(root)) {
            all = w.sorted(java.util.Comparator.comparing(p -> root.relativize(p).toString())).toList();
        }
        try (Sha256Sink md = Sha256Sink.open()) {
            for (Path p : all) {
                String rel = root.relativize(p).toString();
                int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                Object gid = Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
                md.write((rel.length() + " " + rel + " " + Integer.toOctalString(mode) + " " + uid + ":" + gid + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                if (Files.isSymbolicLink(p)) {
                    String target = Files.readSymbolicLink(p).toString();
                    md.write(("-> " + target.length() + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    md.write(("data " + Files.size(p) + "\n").getBytes(StandardCharsets.UTF_8));
                    Files.copy(p, md);
                }
            }
            return md.finish().hex();
        }
    }

    // ---- RUN

    /** A RUN's command and mounts, prepared before its cache key (bind sources are part of it). */
    private record RunPrep(RunCommand command, RunMounts.Prepared mounts) {}

    private RunPrep prepareRun(Request request, Map<Integer, StageState> stages, Step step, Path scratch)
            throws BuildException, IOException {
        String where = request.fileName() + ":" + step.line() + ": ";
        Instruction.Run run = (Instruction.Run) step.instruction();
        Files.createDirectories(scratch);
        RunMounts.Prepared mounts = RunMounts.prepare(step, request, i -> stages.get(i).lowersBottomFirst(),
                (image, dir) -> imageLayers(image, dir, where), store.root().resolve("dfsim-mount-cache"), scratch, where);
        RunCommand command;
        if (run.command() instanceof Command.ExecForm exec) {
            command = RunCommand.exec(exec.args().stream().map(Word::value).toList());
        } else if (run.command() instanceof Command.ShellForm shell) {
            RunScript script = RunScript.of(shell.script().value(), run.heredocs());
            command = RunCommand.shell(step.shell(), script.script());
            if (script.executable() != null) {
                // BuildKit: a lone heredoc starting with #! runs as a file mounted read-only at /dev/pipes/
                Path pipes = Files.createDirectories(scratch.resolve("pipes"));
                Path file = pipes.resolve(script.executable().name());
                Files.writeString(file, script.executable().effectiveContent(), StandardCharsets.UTF_8);
                Files.setAttribute(file, "unix:mode", 0755);
                List<RunMount> all = new ArrayList<>(mounts.mounts());
                all.add(0, RunMount.bind(pipes, RunScript.PIPES_DIR.substring(0, RunScript.PIPES_DIR.length() - 1), true));
                mounts = new RunMounts.Prepared(all, mounts.env(), mounts.inputs());
            }
        } else {
            throw new BuildException(BuildException.INPUT, where + "RUN needs a command");
        }
        // heredoc bodies are not in the instruction text: they join the cache key here
        StringBuilder inputs = new StringBuilder(mounts.inputs());
        for (Heredoc h : run.heredocs()) {
            inputs.append("heredoc ").append(h.name()).append(' ').append(sha256(h.content())).append('\n');
        }
        return new RunPrep(command, new RunMounts.Prepared(mounts.mounts(), mounts.env(), inputs.toString()));
    }

    private Set<String> run(Sandbox sandbox, Request request, StageState st, Step step, RunPrep prep, Path upper,
            Path workDir) throws BuildException, InterruptedException {
        Map<String, String> env = new LinkedHashMap<>(step.args());
        env.putAll(st.baseEnv);
        env.putAll(step.env());
        env.putAll(prep.mounts().env());
        RunSpec spec = RunSpec.of(st.lowersBottomFirst(), upper, workDir, prep.command()).withEnv(env)
                .withWorkingDir(step.workdir()).withUser(step.user()).withNetwork(request.network())
                .withMounts(prep.mounts().mounts())
                .withTimeout(runTimeout); // sim-safety
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

    private void copy(Request request, Map<Integer, StageState> stages, StageState st, Step step, Path layerDir,
            Path scratch) throws IOException, BuildException, InterruptedException {
        CopySpec spec = step.copy();
        if (spec == null) {
            throw new IllegalStateException("COPY without a spec");
        }
        String where = request.fileName() + ":" + step.line() + ": ";
        boolean add = step.keyword().equals("ADD");
        Files.createDirectories(scratch);
        int @Nullable [] chown = owner(spec.chown(), st, where);
        int[] contextOwner = chown != null ? chown : new int[] {0, 0};
        Integer mode = spec.chmod() == null ? null : parseMode(spec.chmod(), where);
        DockerIgnore excludes;
        try {
            excludes = DockerIgnore.of(spec.excludes());
        } catch (DockerIgnore.BadPatternException e) {
            throw new BuildException(BuildException.INPUT, where + "bad --exclude pattern: " + e.getMessage(), e);
        }
        boolean intoDir = spec.destination().endsWith("/") || spec.sources().size() > 1;
        String dest = GoPaths.clean(spec.destination());
        List<Path> fromLayers = null;
        if (spec.fromImage() != null) {
            fromLayers = imageLayers(spec.fromImage(), scratch.resolve("image"), where);
        } else if (spec.fromStage() != null) {
            StageState from = stages.get(spec.fromStage());
            if (from == null) {
                throw new BuildException(BuildException.INPUT, where + "stage " + spec.fromStage() + " was not built");
            }
            fromLayers = from.lowersBottomFirst();
        }
        int n = 0;
        for (String source : spec.sources()) {
            Heredoc heredoc = heredocSource(step, source);
            if (heredoc != null) {
                // COPY <<EOF /dest: a file named after the delimiter, mode 0644 (BuildKit's Mkfile)
                Path file = Files.createDirectories(scratch.resolve("heredoc-" + n++)).resolve(heredoc.name());
                Files.writeString(file, heredoc.content(), StandardCharsets.UTF_8);
                Files.setAttribute(file, "unix:mode", 0644);
                Files.setLastModifiedTime(file, FileTime.from(java.time.Instant.EPOCH));
                place(file, intoDir, dest, layerDir, contextOwner, mode, rel -> false, "");
                continue;
            }
            if (source.startsWith("http://") || source.startsWith("https://")) {
                if (request.network() == Network.NONE) {
                    throw new BuildException(BuildException.INPUT, where + "ADD of " + UrlFetcher.redact(source)
                            + " needs the network, but the build runs with --network none");
                }
                UrlFetcher.Fetched fetched;
                try {
                    fetched = UrlFetcher.fetch(source, scratch.resolve("url-" + n++), spec.checksum());
                } catch (IOException e) {
                    throw new BuildException(BuildException.INPUT, where + "ADD " + UrlFetcher.redact(source) + ": "
                            + e.getMessage(), e);
                }
                place(fetched.file(), intoDir, dest, layerDir, contextOwner, mode, rel -> false, "");
                continue;
            }
            if (source.startsWith("git@")) {
                throw new BuildException(BuildException.INPUT, where + "ADD of a git repository is not supported");
            }
            // sim-safety: a context source may not climb out of the context (Docker's "forbidden path
            // outside the build context"); symlinks on its path are followed inside the context only
            if (fromLayers == null && RootedPaths.climbsOut(source)) {
                throw new BuildException(BuildException.INPUT, request.fileName() + ":" + step.line() + ":"
                        + sourceColumn(step, spec.sources().indexOf(source)) + ": " + step.keyword() + " source \""
                        + source + "\" is outside the build context");
            }
            String rel = GoPaths.clean("/" + source).substring(1);
            if (fromLayers != null) {
                Path fromRoot = scratch.resolve("from-" + n++);
                mergeInto(fromLayers, rel, fromRoot);
                Path m = rel.isEmpty() ? fromRoot : fromRoot.resolve(rel);
                if (!Files.exists(m, LinkOption.NOFOLLOW_LINKS)) {
                    throw new BuildException(BuildException.INPUT, where + "\"" + source + "\" not found in "
                            + (spec.fromImage() != null ? "image " + spec.fromImage() : "stage " + spec.fromStage()));
                }
                // from another stage or image the files keep their owners unless --chown says otherwise
                place(m, intoDir, parentsDest(spec, dest, source, rel), layerDir, chown, mode,
                        r -> excludes.excludes(r), "");
                continue;
            }
            List<Path> matches = contextMatches(request, rel);
            if (isGlob(source)) {
                intoDir = intoDir || matches.size() > 1;
            }
            if (matches.isEmpty()) {
                throw new BuildException(BuildException.INPUT, where + step.keyword() + " source \"" + source
                        + "\" is not in the build context (missing or excluded by .dockerignore)");
            }
            for (Path m : matches) {
                String mrel = request.context().relativize(m).toString();
                if (add && ArchiveUnpacker.isArchive(m)) {
                    // ADD of a local tar: unpacked into the destination directory, never copied as a file
                    mkdirs(layerDir, dest);
                    try {
                        ArchiveUnpacker.unpack(m, dest.equals("/") ? layerDir : layerDir.resolve(dest.substring(1)),
                                chown, mode);
                    } catch (IOException e) {
                        throw new BuildException(BuildException.INPUT, where + "ADD " + source + ": " + e.getMessage(), e);
                    }
                    continue;
                }
                place(m, intoDir, parentsDest(spec, dest, source, mrel), layerDir, contextOwner, mode,
                        contextSkip(request, excludes, m), "");
            }
        }
    }

    static boolean isGlob(String source) {
        return source.contains("*") || source.contains("?") || source.contains("[");
    }

    /**
     * The context paths a COPY/ADD source ({@code rel}, cleaned, relative to the context) names:
     * the path itself or a glob's matches, sorted; missing and .dockerignore'd ones left out.
     */
    static List<Path> contextMatches(Request request, String rel) throws IOException {
        List<Path> matches = new ArrayList<>();
        if (isGlob(rel)) {
            Path dir = RootedPaths.resolve(request.context(), parentOf("/" + rel)); // sim-safety
            String glob = Path.of(rel).getFileName().toString();
            if (dir != null && Files.isDirectory(dir)) {
                try (var ds = Files.newDirectoryStream(dir, glob)) {
                    ds.forEach(matches::add);
                }
            }
            matches.sort(null);
        } else {
            matches.add(RootedPaths.resolve(request.context(), rel)); // sim-safety: stays in the context
        }
        matches.removeIf(p -> !Files.exists(p, LinkOption.NOFOLLOW_LINKS) || excluded(request, p));
        return matches;
    }

    /** What a copy of the context path {@code match} leaves out: .dockerignore and --exclude, by path below it. */
    static java.util.function.Predicate<String> contextSkip(Request request, DockerIgnore excludes, Path match) {
        String top = request.context().relativize(match).toString();
        return r -> request.ignore().excludes(r.isEmpty() ? top : top.isEmpty() ? r : top + "/" + r)
                || excludes.excludes(r.isEmpty() ? match.getFileName().toString() : r);
    }

    /** The heredoc a COPY/ADD source names ({@code <<EOF}), or null. */
    static @Nullable Heredoc heredocSource(Step step, String source) {
        if (!source.startsWith("<<")) {
            return null;
        }
        for (Heredoc h : step.instruction().heredocs()) {
            if (h.opener().value().equals(source) || source.replaceAll("^<<-?", "").replaceAll("[\"']", "").equals(h.name())) {
                return h;
            }
        }
        return null;
    }

    /**
     * {@code --parents}: the source's directories below the context root (or below a {@code /./}
     * pivot in the source) are kept under the destination.
     */
    private static String parentsDest(CopySpec spec, String dest, String source, String matchedRel) {
        if (!spec.parents()) {
            return dest;
        }
        String kept = matchedRel;
        int pivot = source.indexOf("/./");
        if (pivot >= 0) {
            String prefix = GoPaths.clean("/" + source.substring(0, pivot)).substring(1);
            if (!prefix.isEmpty() && kept.startsWith(prefix + "/")) {
                kept = kept.substring(prefix.length() + 1);
            }
        }
        int slash = kept.lastIndexOf('/');
        String parent = slash < 0 ? "" : kept.substring(0, slash);
        return parent.isEmpty() ? dest : GoPaths.clean(dest + "/" + parent);
    }

    /** COPY --from=IMAGE: the layers of an image in the store, unpacked, bottom first. */
    private List<Path> imageLayers(String name, Path scratch, String where) throws BuildException, IOException {
        StoredImage image;
        try {
            image = store.image(name);
        } catch (StoreException e) {
            throw new BuildException(BuildException.INPUT, where + "--from=" + name + ": not a stage and not an "
                    + "image in the local store " + store.root() + ": " + e.getMessage(), e);
        }
        List<Path> layers = new ArrayList<>();
        int i = 0;
        for (Descriptor layer : image.manifest().layers()) {
            Path dir = scratch.resolve("layer-" + i++);
            try {
                LayerExtractor.extract(store.verifiedBlob(layer.blobDigest()), dir);
            } catch (StoreException e) {
                throw new BuildException(BuildException.INPUT, where + "cannot unpack " + name + ": " + e.getMessage(), e);
            }
            layers.add(dir);
        }
        return layers;
    }

    /** sim-safety: the column of the {@code index}th source word of a COPY/ADD, else the instruction's. */
    private static int sourceColumn(Step step, int index) {
        List<Word> words = step.instruction() instanceof Instruction.Copy c ? c.sources()
                : step.instruction() instanceof Instruction.Add a ? a.sources() : List.of();
        return index >= 0 && index < words.size() ? words.get(index).range().start().column() : step.column();
    }

    private static boolean excluded(Request request, Path p) {
        String rel = request.context().relativize(p).toString();
        return !rel.isEmpty() && request.ignore().excludes(rel);
    }

    /** Docker's rules: a dir's contents go into dest; a file goes to dest, or dest/name when dest is a dir. */
    private static void place(Path source, boolean intoDir, String dest, Path layerDir, int @Nullable [] owner,
            @Nullable Integer mode, java.util.function.Predicate<String> skip, String rel) throws IOException {
        boolean isDir = Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS);
        String target = isDir || !intoDir ? dest : (dest.equals("/") ? "" : dest) + "/" + source.getFileName();
        Path t = layerDir.resolve(GoPaths.clean(target).substring(1));
        if (t.getParent() != null && !t.equals(layerDir)) {
            mkdirs(layerDir, GoPaths.clean(target).equals("/") ? "/" : parentOf(GoPaths.clean(target)));
        }
        if (!isDir && skip.test(rel)) {
            return;
        }
        copyTree(source, t, owner, mode, skip, rel);
    }

    private static String parentOf(String abs) {
        int slash = abs.lastIndexOf('/');
        return slash <= 0 ? "/" : abs.substring(0, slash);
    }

    /** A context file or tree copied as it is (owner 0:0, modes and mtimes kept), .dockerignore honoured. */
    static void copyContextTree(Path source, Path target, Request request, String contextRel) throws IOException {
        copyTree(source, target, new int[] {0, 0}, null,
                r -> !r.isEmpty() && request.ignore().excludes(r), contextRel);
    }

    /** Copies a tree; {@code skip} gets each path relative to the copy's root ({@code rel} for the top). */
    private static void copyTree(Path source, Path target, int @Nullable [] owner, @Nullable Integer mode,
            java.util.function.Predicate<String> skip, String rel) throws IOException {
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(target);
            }
            try (var s = Files.list(source)) {
                for (Path c : s.sorted().toList()) {
                    String childRel = rel.isEmpty() ? c.getFileName().toString() : rel + "/" + c.getFileName();
                    if (skip.test(childRel)) {
                        continue;
                    }
                    copyTree(c, target.resolve(c.getFileName().toString()), owner, mode, skip, childRel);
                }
            }
            attributes(source, target, owner, mode);
            return;
        }
        LayerExtractor.deleteRecursively(target);
        if (Files.isSymbolicLink(source)) {
            Files.createSymbolicLink(target, Files.readSymbolicLink(source));
            Files.setAttribute(target, "unix:uid", owner != null ? owner[0]
                    : Files.getAttribute(source, "unix:uid", LinkOption.NOFOLLOW_LINKS), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", owner != null ? owner[1]
                    : Files.getAttribute(source, "unix:gid", LinkOption.NOFOLLOW_LINKS), LinkOption.NOFOLLOW_LINKS);
            return;
        }
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            return; // devices, fifos and whiteouts are not copied
        }
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        attributes(source, target, owner, mode);
    }

    private static void attributes(Path source, Path target, int @Nullable [] owner, @Nullable Integer mode)
            throws IOException {
        int m = (Integer) Files.getAttribute(source, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        Files.setAttribute(target, "unix:uid", owner != null ? owner[0]
                : Files.getAttribute(source, "unix:uid", LinkOption.NOFOLLOW_LINKS), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:gid", owner != null ? owner[1]
                : Files.getAttribute(source, "unix:gid", LinkOption.NOFOLLOW_LINKS), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:mode", mode != null ? mode : m);
        FileTime t = Files.getLastModifiedTime(source, LinkOption.NOFOLLOW_LINKS);
        Files.setLastModifiedTime(target, t);
    }

    /** The merged view of {@code rel} over the layers, bottom first (whiteouts delete; opaque dirs are not honoured). */
    static void mergeInto(List<Path> layersBottomFirst, String rel, Path out) throws IOException {
        for (Path layer : layersBottomFirst) {
            if (RootedPaths.throughSymlink(layer, rel)) { // sim-safety: never follow a layer's link on the host
                throw new IOException("the source path /" + rel + " goes through a symlink in the stage;"
                        + " dfsim does not follow symlinks in COPY --from paths yet");
            }
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

    /**
     * --chown: {@code user[:group]}, numbers or names looked up in the stage's /etc/passwd and
     * /etc/group; without a group the gid is the uid (Docker's rule for --chown). Null when absent.
     */
    private static int @Nullable [] owner(@Nullable String chown, StageState st, String where) throws BuildException {
        if (chown == null || chown.isEmpty()) {
            return null;
        }
        String[] parts = chown.split(":", 2);
        try {
            int uid = parts[0].matches("[0-9]+") ? Integer.parseInt(parts[0])
                    : UserResolver.resolve(parts[0], st.lowersBottomFirst()).uid();
            int gid = parts.length < 2 ? uid : parts[1].matches("[0-9]+") ? Integer.parseInt(parts[1])
                    : UserResolver.resolve("0:" + parts[1], st.lowersBottomFirst()).gid();
            return new int[] {uid, gid};
        } catch (NumberFormatException | SandboxException e) {
            throw new BuildException(BuildException.INPUT, where + "--chown=" + chown + ": " + e.getMessage(), e);
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
        Map<String, Map<String, Object>> volumes = c.volumes();
        Map<String, String> labels = c.labels();
        dev.dftools.sim.image.Healthcheck healthcheck = c.healthcheck();
        List<String> onBuild = c.onBuild();
        Instruction in = step.instruction();
        if (in instanceof Instruction.Cmd x) {
            cmd = command(x.command(), step.shell());
        } else if (in instanceof Instruction.Entrypoint x) {
            entrypoint = command(x.command(), step.shell());
            cmd = null; // ENTRYPOINT resets an inherited CMD, as docker does
        } else if (step.keyword().equals("EXPOSE")) {
            Map<String, Map<String, Object>> p = ports == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(ports);
            step.values().forEach(port -> p.put(port, Map.of()));
            ports = p;
        } else if (step.keyword().equals("VOLUME")) {
            Map<String, Map<String, Object>> v = volumes == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(volumes);
            step.values().forEach(path -> v.put(path, Map.of()));
            volumes = v;
        } else if (step.keyword().equals("LABEL")) {
            Map<String, String> l = labels == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(labels);
            for (int i = 0; i + 1 < step.values().size(); i += 2) {
                l.put(step.values().get(i), step.values().get(i + 1));
            }
            labels = l;
        } else if (in instanceof Instruction.Healthcheck h) {
            HealthcheckSpec spec = HealthcheckSpec.parse(h); // the planner has checked it
            healthcheck = new dev.dftools.sim.image.Healthcheck(spec.test(), spec.interval(), spec.timeout(),
                    spec.startPeriod(), spec.startInterval(), spec.retries());
        } else if (in instanceof Instruction.Onbuild) {
            List<String> triggers = onBuild == null ? new ArrayList<>() : new ArrayList<>(onBuild);
            triggers.add(step.text().replaceFirst("(?i)^\\s*ONBUILD\\s+", ""));
            onBuild = triggers;
        } else if (step.keyword().equals("STOPSIGNAL")) {
            stopSignal = step.text().substring("STOPSIGNAL".length()).trim();
        }
        List<String> shell = step.shell().equals(RunCommand.DEFAULT_SHELL) ? c.shell() : step.shell();
        String user = step.user().isEmpty() ? c.user() : step.user();
        String workdir = step.workdir().equals("/") && c.workingDir() == null ? null : step.workdir();
        return new ContainerConfig(user, ports, env, entrypoint, cmd, volumes, workdir, labels, stopSignal,
                shell, healthcheck, onBuild);
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

    private static java.time.Duration elapsedSince(long nanos) {
        return java.time.Duration.ofNanos(System.nanoTime() - nanos);
    }

    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    private static String oneLine(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 100 ? one.substring(0, 97) + "..." : one;
    }
}
