package dev.dftools.sim.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.dftools.sim.layer.LayerDescriptor;
import dev.dftools.sim.layer.LayerFile;
import dev.dftools.sim.plan.StagePlan;
import dev.dftools.sim.plan.Step;
import dev.dftools.sim.plan.StepEffect;
import dev.dftools.sim.report.Advice;
import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.report.CacheLeftovers;
import dev.dftools.sim.report.FileEntry;
import dev.dftools.sim.report.LayerReport;
import dev.dftools.sim.report.LayerStatus;
import dev.dftools.sim.report.TableRenderer;
import dev.dftools.sim.report.Totals;

/**
 * The report of an executed build. Added/changed is decided against the layer dirs below each layer
 * (a path present there, and not whited out, is "changed"); whiteouts count as removed. Wasted bytes:
 * a file written by one executed layer of the image and deleted (whiteout, opaque dir) or
 * overwritten by a later one counts with its size in the earlier layer. Files of the base image
 * deleted by the build are not counted as waste (the base layers are not part of the report).
 */
final class BuildReporter {
    private static final int LARGEST = 5;

    private BuildReporter() {}

    /** One removal of an earlier layer's file: who wrote it, who removed it, how big. */
    private record Loss(int writerLine, int removerLine, boolean overwritten, long bytes) {}

    private record Owner(int position, int line, long size) {}

    static BuildReport report(String fileName, String target, String image, List<StagePlan> chain,
            List<BuiltLayer> layers) throws BuildException {
        Map<Integer, Integer> layerOfStep = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Step s = layers.get(i).step();
            if (s != null) {
                layerOfStep.put(s.index(), i);
            }
        }
        List<LayerReport> reports = new ArrayList<>();
        List<Long> wasted = new ArrayList<>();
        List<Loss> losses = new ArrayList<>();
        NavigableMap<String, Owner> owners = new TreeMap<>();
        Map<Integer, List<LayerFile>> runLayerFiles = new HashMap<>(); // by report position
        List<int[]> runs = new ArrayList<>(); // {step index, line, report position} of RUN layers
        for (StagePlan stage : chain) {
            for (Step step : stage.steps()) {
                if (step.effect() == StepEffect.NONE) {
                    continue;
                }
                int position = reports.size();
                wasted.add(0L);
                if (step.effect() == StepEffect.METADATA) {
                    reports.add(new LayerReport(step.index(), stage.displayName(), step.line(), step.text(),
                            step.createdBy(), true, LayerStatus.EXECUTED, 0, 0, 0, 0, 0, 0, List.of()));
                    continue;
                }
                Integer li = layerOfStep.get(step.index());
                if (li == null) {
                    throw new IllegalStateException("step " + step.index() + " has no layer");
                }
                LayerDescriptor layer = layers.get(li).layer();
                List<Path> lowersTopFirst = new ArrayList<>();
                for (int j = li - 1; j >= 0; j--) {
                    lowersTopFirst.add(layers.get(j).dir());
                }
                int added = 0;
                int changed = 0;
                int removed = 0;
                List<FileEntry> files = new ArrayList<>();
                for (LayerFile f : layer.files()) {
                    switch (f.kind()) {
                        case DIRECTORY -> { }
                        case WHITEOUT -> {
                            removed++;
                            String dir = parent(f.path());
                            String gone = (dir.isEmpty() ? "" : dir + "/") + name(f.path()).substring(4);
                            drop(owners, gone, true, step.line(), wasted, losses);
                        }
                        case OPAQUE -> drop(owners, parent(f.path()), false, step.line(), wasted, losses);
                        default -> {
                            try {
                                if (existsBelow(lowersTopFirst, f.path())) {
                                    changed++;
                                } else {
                                    added++;
                                }
                            } catch (IOException e) {
                                throw new BuildException(BuildException.INPUT, "cannot read layers: " + e.getMessage(), e);
                            }
                            Owner previous = owners.put(f.path(), new Owner(position, step.line(), f.size()));
                            if (previous != null && previous.size() > 0) {
                                wasted.set(previous.position(), wasted.get(previous.position()) + previous.size());
                                losses.add(new Loss(previous.line(), step.line(), true, previous.size()));
                            }
                            if (f.kind() == LayerFile.Kind.FILE) {
                                files.add(new FileEntry(f.path(), f.size()));
                            }
                        }
                    }
                }
                files.sort(Comparator.comparingLong(FileEntry::size).reversed().thenComparing(FileEntry::path));
                if (step.keyword().equals("RUN")) {
                    runLayerFiles.put(position, layer.files());
                    runs.add(new int[] {step.index(), step.line(), position});
                }
                reports.add(new LayerReport(step.index(), stage.displayName(), step.line(), step.text(),
                        step.createdBy(), false, layers.get(li).cached() ? LayerStatus.CACHED : LayerStatus.EXECUTED,
                        layer.size(), layer.compressedSize(), added,
                        changed, removed, 0, files.subList(0, Math.min(LARGEST, files.size()))));
            }
        }
        List<LayerReport> withWaste = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            LayerReport l = reports.get(i);
            withWaste.add(new LayerReport(l.step(), l.stage(), l.line(), l.instruction(), l.createdBy(),
                    l.emptyLayer(), l.status(), l.size(), l.gzipSize(), l.filesAdded(), l.filesChanged(),
                    l.filesRemoved(), wasted.get(i), l.largestFiles()));
        }
        List<Advice> advice = new ArrayList<>(advice(losses));
        advice.addAll(leftovers(runs, runLayerFiles, owners));
        advice.addAll(chains(runs, wasted));
        advice.sort(Comparator.comparingLong(Advice::bytes).reversed()); // stable: DF3510 first on a tie
        return new BuildReport(BuildReport.SCHEMA_VERSION, fileName, target, "build", image, withWaste,
                Totals.of(withWaste), advice);
    }

    /**
     * Caches and archives a RUN left in its layer that still ship: files a later layer deletes or
     * overwrites are DF3510's (wasted), not a cache to clean (DF3009 and the like).
     */
    private static List<Advice> leftovers(List<int[]> runs, Map<Integer, List<LayerFile>> runLayerFiles,
            Map<String, Owner> survivors) {
        List<Advice> out = new ArrayList<>();
        for (int[] run : runs) {
            int position = run[2];
            List<LayerFile> kept = runLayerFiles.get(position).stream().filter(f -> {
                Owner owner = survivors.get(f.path());
                return f.kind() != LayerFile.Kind.FILE || owner != null && owner.position() == position;
            }).toList();
            out.addAll(CacheLeftovers.of(run[1], kept));
        }
        return out;
    }

    /** One item per removing line (and kind): the bytes it leaves behind and the lines that wrote them. */
    private static List<Advice> advice(List<Loss> losses) {
        Map<String, List<Loss>> byRemover = new TreeMap<>();
        for (Loss l : losses) {
            if (l.bytes() > 0) {
                byRemover.computeIfAbsent(l.removerLine() + (l.overwritten() ? "o" : "d"), k -> new ArrayList<>()).add(l);
            }
        }
        List<Advice> advice = new ArrayList<>();
        for (List<Loss> group : byRemover.values()) {
            Loss first = group.get(0);
            long bytes = group.stream().mapToLong(Loss::bytes).sum();
            TreeSet<Integer> writers = new TreeSet<>();
            group.forEach(l -> writers.add(l.writerLine()));
            String lines = (writers.size() == 1 ? "line " : "lines ")
                    + String.join(", ", writers.stream().map(String::valueOf).toList());
            String what = group.size() == 1 ? "1 file" : group.size() + " files";
            String message = first.overwritten()
                    ? what + " (" + TableRenderer.bytes(bytes) + ") written at " + lines + " are overwritten at line "
                            + first.removerLine() + ": the old copies still ship in the earlier layers; write them once"
                    : what + " (" + TableRenderer.bytes(bytes) + ") added at " + lines + " are removed in a later layer "
                            + "(line " + first.removerLine() + ") but still ship in the layers that added them; "
                            + "delete them in the same RUN that creates them";
            advice.add(new Advice(first.removerLine(), Advice.REMOVED_LATER, bytes, message));
        }
        advice.sort(Comparator.comparingLong(Advice::bytes).reversed());
        return advice;
    }

    /**
     * DF3509: three or more RUN layers in a row of which some files are deleted or overwritten later:
     * one chained RUN would not ship those bytes.
     */
    private static List<Advice> chains(List<int[]> runs, List<Long> wasted) {
        List<Advice> out = new ArrayList<>();
        int i = 0;
        while (i < runs.size()) {
            int j = i;
            while (j + 1 < runs.size() && runs.get(j + 1)[0] == runs.get(j)[0] + 1) {
                j++;
            }
            if (j - i + 1 >= 3) {
                long bytes = 0;
                for (int k = i; k <= j; k++) {
                    bytes += wasted.get(runs.get(k)[2]);
                }
                if (bytes > 0) {
                    out.add(new Advice(runs.get(i)[1], Advice.LAYER_BLOAT, bytes, (j - i + 1) + " RUN layers in a row "
                            + "(lines " + runs.get(i)[1] + "-" + runs.get(j)[1] + ") ship " + TableRenderer.bytes(bytes)
                            + " that later steps delete or overwrite; chain them into one RUN"));
                }
            }
            i = j + 1;
        }
        return out;
    }

    /** Everything owned at {@code path} (when {@code self}) and below it is gone. */
    private static void drop(NavigableMap<String, Owner> owners, String path, boolean self, int line, List<Long> wasted,
            List<Loss> losses) {
        String prefix = path.isEmpty() ? "" : path + "/";
        List<Owner> gone = new ArrayList<>();
        if (self && owners.containsKey(path)) {
            gone.add(owners.remove(path));
        }
        // the paths under the directory are one contiguous range of the sorted map
        Map<String, Owner> below = prefix.isEmpty() ? owners : owners.subMap(prefix, prefix + Character.MAX_VALUE);
        gone.addAll(below.values());
        below.clear();
        for (Owner o : gone) {
            wasted.set(o.position(), wasted.get(o.position()) + o.size());
            losses.add(new Loss(o.line(), line, false, o.size()));
        }
    }

    private static boolean existsBelow(List<Path> lowersTopFirst, String path) throws IOException {
        for (Path lower : lowersTopFirst) {
            Path p = lower.resolve(path);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                boolean whiteout = (mode & 0170000) == 020000
                        && (Long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS) == 0;
                return !whiteout;
            }
        }
        return false;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
