package dev.dftools.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.layer.LayerFile;
import dev.dftools.sim.layer.TarFiles;
import dev.dftools.sim.plan.PlanOptions;
import dev.dftools.sim.plan.Planner;
import dev.dftools.sim.report.Advice;
import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.report.LayerReport;
import dev.dftools.sim.report.TableRenderer;
import dev.dftools.sim.sandbox.Network;
import dev.dftools.sim.sandbox.OutputSink;
import dev.dftools.sim.sandbox.Sandbox;
import dev.dftools.sim.store.ImageStore;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D3a/D3b and D4bad/D4good of shared/reference/build-anchor-dockerfiles, built for real on a Debian
 * bookworm minbase made by debootstrap from the apt mirror (src/test/scripts/debian-base.sh, cached
 * under ~/.cache/dftools/test-bases) and imported with the store's import, as {@code dfsim import}
 * does. apt-get runs in the host network. Compared with build-sandbox.md §3 "D3" and "D4".
 *
 * <p>Tolerance: the apt lists are the mirror's current Packages and Translation-en indexes, and curl
 * is the current bookworm security build, so both drift with every point release (the reference has
 * lists of 82,914,816 B in tar form). Sizes are asserted within 5% of the reference; what must hold
 * exactly is asserted exactly: the lists' bytes are the whole difference between the two variants.
 */
class DebianBuildIntegrationTest {
    private static final Path ANCHORS = Path.of("/work/shared/reference/build-anchor-dockerfiles");
    private static final Path BASE_SCRIPT = Path.of("src/test/scripts/debian-base.sh");
    private static final String LISTS = "var/lib/apt/lists/";
    /** build-sandbox.md §3 D3: D3a minus D3b under buildah overlay, the lists in tar form. */
    private static final long REFERENCE_LISTS = 82_914_816;
    /** §3 D3b / D4good under buildah overlay. */
    private static final long REFERENCE_GOOD = 12_928_000;

    @TempDir
    static Path tmp;

    private static ImageStore store;

    @BeforeAll
    static void importDebianBase() throws Exception {
        Assumptions.assumeTrue(Sandbox.check().ok(), "sandbox not available here: " + Sandbox.check().message());
        if (!Files.isExecutable(Path.of("/usr/sbin/debootstrap")) && Sandbox.check().ok()) {
            exec(300, "apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=120", "debootstrap");
        }
        Process p = new ProcessBuilder(BASE_SCRIPT.toAbsolutePath().toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS));
        // 3: a prerequisite is missing (not root, no debootstrap); 1: debootstrap failed (no mirror)
        Assumptions.assumeTrue(p.exitValue() == 0, "no Debian base (" + BASE_SCRIPT + " exit " + p.exitValue()
                + "): " + err);
        store = ImageStore.open(tmp.resolve("store"));
        store.importRootfs(Path.of(out), "localhost/debian-minbase:local");
    }

    private static void exec(int seconds, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor(seconds, TimeUnit.SECONDS);
    }

    private static Builder.Result build(String anchor) throws Exception {
        Path context = ANCHORS.resolve(anchor);
        String text = Files.readString(context.resolve("Dockerfile"));
        var plan = Planner.plan(Dockerfiles.parse(text), PlanOptions.defaults("Dockerfile"));
        Builder builder = new Builder(store, tmp.resolve("work"), OutputSink.discard(), Clock.systemUTC());
        return builder.build(new Builder.Request(plan, context, DockerIgnore.empty(), "Dockerfile",
                "localhost/" + anchor.toLowerCase() + ":test", Network.HOST, true));
    }

    private static List<LayerFile> layerFiles(Builder.Result result, int layer) throws Exception {
        Digest d = result.image().manifest().layers().get(layer).blobDigest();
        try (InputStream in = TarFiles.open(store.verifiedBlob(d))) {
            return TarFiles.list(in);
        }
    }

    /** The apt lists' share of a layer tar: 512 B header per entry plus the data in 512 B blocks. */
    private static long listsTarBytes(List<LayerFile> files) {
        return files.stream().filter(f -> f.path().startsWith(LISTS) && f.kind() == LayerFile.Kind.FILE)
                .mapToLong(f -> 512 + (f.size() + 511) / 512 * 512).sum();
    }

    private static void assertNear(long expected, long actual, String what) {
        assertTrue(Math.abs(actual - expected) <= expected / 20,
                what + ": " + actual + " B, not within 5% of the reference's " + expected + " B");
    }

    private static long size(BuildReport report) {
        return report.layers().stream().mapToLong(LayerReport::size).sum();
    }

    @Test
    void d3aKeepsTheAptListsThatD3bDeletesInTheSameRun() throws Exception {
        Builder.Result a = build("D3a");
        Builder.Result b = build("D3b");
        String tables = TableRenderer.render(a.report()) + TableRenderer.render(b.report());
        assertEquals(1, a.report().layers().size(), tables);
        assertEquals(1, b.report().layers().size(), tables);
        List<LayerFile> aFiles = layerFiles(a, 1);
        long lists = listsTarBytes(aFiles);
        assertTrue(aFiles.stream().anyMatch(f -> f.path().endsWith("_dists_bookworm_main_binary-amd64_Packages")),
                "the main Packages index is in D3a's layer");
        assertTrue(layerFiles(b, 1).stream().noneMatch(f -> f.path().startsWith(LISTS) && f.size() > 0),
                "D3b removes the lists in the same RUN");
        // the whole difference is the lists (apt's logs and debconf caches vary by a few KiB per run)
        long difference = size(a.report()) - size(b.report());
        assertTrue(Math.abs(difference - lists) < 64 * 1024, "difference " + difference + " vs lists " + lists);
        assertNear(REFERENCE_LISTS, difference, "D3a - D3b");
        assertNear(REFERENCE_GOOD, size(b.report()), "D3b");
        assertTrue(a.report().layers().get(0).largestFiles().get(0).path().startsWith(LISTS), tables);

        // the report explains it: DF3009 on line 2 with the lists' bytes; D3b gets no advice
        Advice advice = a.report().advice().stream().filter(x -> Advice.APT_LISTS.equals(x.rule())).findFirst()
                .orElseThrow(() -> new AssertionError("no DF3009 advice:\n" + tables));
        assertEquals(2, advice.line());
        long listData = aFiles.stream().filter(f -> f.path().startsWith(LISTS)).mapToLong(LayerFile::size).sum();
        assertEquals(listData, advice.bytes());
        assertTrue(advice.message().contains("rm -rf /var/lib/apt/lists/*"), advice.message());
        assertEquals(List.of(), b.report().advice(), tables);
        assertEquals(0, b.report().totals().wastedBytes());
    }

    @Test
    void d4badShipsTheListsItDeletesTwoLayersLater() throws Exception {
        Builder.Result bad = build("D4bad");
        Builder.Result good = build("D4good");
        String tables = TableRenderer.render(bad.report()) + TableRenderer.render(good.report());
        List<LayerReport> layers = bad.report().layers();
        assertEquals(3, layers.size(), tables);
        assertEquals(1, good.report().layers().size(), tables);
        long lists = listsTarBytes(layerFiles(bad, 1));
        // §3 D4: update 82,919,936 (the lists plus its run/ mount point), install 12,928,000, rm 6,656
        assertNear(82_919_936 - 512, layers.get(0).size(), "RUN apt-get update");
        assertTrue(Math.abs(layers.get(0).size() - lists) < 16 * 1024, layers.get(0).size() + " vs lists " + lists);
        assertNear(12_928_000, layers.get(1).size(), "RUN apt-get install");
        assertTrue(layers.get(2).filesRemoved() >= 5, "the rm layer holds whiteouts: " + tables);
        assertTrue(layers.get(2).size() < 16 * 1024, tables);
        assertNear(95_854_592, size(bad.report()), "D4bad above the base");
        assertNear(REFERENCE_GOOD, size(good.report()), "D4good");
        assertNear(REFERENCE_LISTS, size(bad.report()) - size(good.report()), "D4bad - D4good");

        // the report: line 2's lists are wasted, DF3510 names line 4 (the rm) and line 2 (the writer)
        long listData = layerFiles(bad, 1).stream().filter(f -> f.path().startsWith(LISTS)).mapToLong(LayerFile::size)
                .sum();
        assertTrue(layers.get(0).wastedBytes() >= listData, tables);
        Advice advice = bad.report().advice().get(0);
        assertEquals(Advice.REMOVED_LATER, advice.rule(), tables);
        assertEquals(4, advice.line());
        assertTrue(advice.bytes() >= listData, tables);
        assertTrue(advice.message().contains("added at line 2") && advice.message().contains("(line 4)"),
                advice.message());
        assertTrue(bad.report().advice().stream().noneMatch(x -> Advice.APT_LISTS.equals(x.rule())),
                "the lists do not survive D4bad: " + tables);
        assertEquals(List.of(), good.report().advice(), tables);
    }
}
