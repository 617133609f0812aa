package dev.dftools.sim.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dftools.grammar.context.GoGlob;
import dev.dftools.grammar.context.GoPaths;
import dev.dftools.sim.plan.BuildPlan;
import dev.dftools.sim.plan.CopySpec;
import dev.dftools.sim.plan.PlanException;
import dev.dftools.sim.plan.StagePlan;
import dev.dftools.sim.plan.Step;
import dev.dftools.sim.plan.StepEffect;

import org.eclipse.jdt.annotation.Nullable;

/**
 * {@code --dry-run}: a report without executing anything. COPY/ADD from the context are sized
 * from the files they would copy; RUN and COPY --from are marked not executed.
 */
public final class DryRunEstimator {

    private static final int LARGEST = 5;

    private final String fileName;
    private final ContextFiles context;

    public DryRunEstimator(String fileName, ContextFiles context) {
        this.fileName = fileName;
        this.context = context;
    }

    public BuildReport estimate(BuildPlan plan, @Nullable String imageName) throws PlanException {
        // the image holds the target stage and the stages it is based on (FROM <stage>), not the others
        List<StagePlan> chain = new ArrayList<>();
        Map<Integer, StagePlan> byIndex = new HashMap<>();
        plan.stages().forEach(s -> byIndex.put(s.index(), s));
        for (StagePlan s = plan.target(); s != null; s = s.baseStage() == null ? null : byIndex.get(s.baseStage())) {
            chain.add(0, s);
        }
        List<LayerReport> layers = new ArrayList<>();
        List<Advice> advice = new ArrayList<>();
        Map<String, int[]> owner = new HashMap<>(); // image path -> {layer position, line}
        Map<String, Long> ownerSize = new HashMap<>();
        List<Long> wasted = new ArrayList<>();
        for (StagePlan stage : chain) {
            for (Step step : stage.steps()) {
                if (step.effect() == StepEffect.NONE) {
                    continue;
                }
                int position = layers.size();
                wasted.add(0L);
                LayerStatus status = LayerStatus.EXECUTED;
                Map<String, Long> copied = Map.of();
                if (step.effect() == StepEffect.LAYER) {
                    CopySpec copy = step.copy();
                    if (copy != null && copy.fromContext() && copy.sources().stream().noneMatch(DryRunEstimator::isUrl)) {
                        status = LayerStatus.ESTIMATED;
                        copied = copied(step, copy);
                    } else if (step.keyword().equals("WORKDIR")) {
                        status = LayerStatus.ESTIMATED; // an empty directory: no file content
                    } else {
                        status = LayerStatus.NOT_EXECUTED;
                    }
                } else {
                    status = LayerStatus.ESTIMATED;
                }
                int changed = 0;
                for (var e : copied.entrySet()) {
                    int[] previous = owner.get(e.getKey());
                    if (previous != null) {
                        changed++;
                        long size = ownerSize.get(e.getKey());
                        wasted.set(previous[0], wasted.get(previous[0]) + size);
                        if (size > 0) {
                            advice.add(new Advice(previous[1], null, size, "/" + e.getKey() + " is overwritten at line "
                                    + step.line() + " but still ships in this layer; copy it once"));
                        }
                    }
                    owner.put(e.getKey(), new int[] {position, step.line()});
                    ownerSize.put(e.getKey(), e.getValue());
                }
                long size = copied.values().stream().mapToLong(Long::longValue).sum();
                List<FileEntry> largest = copied.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                        .limit(LARGEST).map(e -> new FileEntry(e.getKey(), e.getValue())).toList();
                layers.add(new LayerReport(step.index(), stage.displayName(), step.line(), step.text(), step.createdBy(),
                        step.effect() != StepEffect.LAYER, status, size, -1, copied.size() - changed, changed, 0, 0,
                        largest));
            }
        }
        List<LayerReport> withWaste = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerReport l = layers.get(i);
            withWaste.add(new LayerReport(l.step(), l.stage(), l.line(), l.instruction(), l.createdBy(), l.emptyLayer(),
                    l.status(), l.size(), l.gzipSize(), l.filesAdded(), l.filesChanged(), l.filesRemoved(),
                    wasted.get(i), l.largestFiles()));
        }
        advice.sort(Comparator.comparingLong(Advice::bytes).reversed());
        return new BuildReport(BuildReport.SCHEMA_VERSION, fileName, plan.target().displayName(), "dry-run", imageName,
                withWaste, Totals.of(withWaste), advice);
    }

    private static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    /** Image path (no leading slash) to size for every file a context COPY/ADD would write. */
    private Map<String, Long> copied(Step step, CopySpec copy) throws PlanException {
        Map<String, Long> result = new LinkedHashMap<>();
        boolean intoDir = copy.destination().endsWith("/") || copy.sources().size() > 1;
        String dest = GoPaths.clean(copy.destination()).substring(1);
        for (String source : copy.sources()) {
            dev.dftools.grammar.ast.Heredoc heredoc = heredoc(step, source);
            if (heredoc != null) {
                // COPY <<EOF /dest: the body becomes a file named by the delimiter (BuildKit's rule)
                long size = heredoc.effectiveContent().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                result.put(intoDir ? join(dest, heredoc.name()) : dest, size);
                continue;
            }
            String path = GoPaths.inContext(source);
            if (GoPaths.containsWildcards(path)) {
                int matches = 0;
                for (String candidate : candidates()) {
                    if (matches(path, candidate)) {
                        matches++;
                        add(result, candidate, join(dest, GoPaths.base(candidate)));
                    }
                }
                if (matches == 0) {
                    throw notFound(step, source);
                }
                intoDir = true;
            } else if (context.isDirectory(path)) {
                add(result, path, dest);
            } else if (context.files().containsKey(path)) {
                add(result, path, intoDir ? join(dest, GoPaths.base(path)) : dest);
            } else {
                throw notFound(step, source);
            }
        }
        return result;
    }

    /** The heredoc a COPY/ADD source word opens ({@code <<EOF}), or null for a path. */
    private static dev.dftools.grammar.ast.@org.eclipse.jdt.annotation.Nullable Heredoc heredoc(Step step,
            String source) {
        for (dev.dftools.grammar.ast.Heredoc h : step.instruction().heredocs()) {
            if (h.opener().value().equals(source)) {
                return h;
            }
        }
        return null;
    }

    private List<String> candidates() {
        List<String> all = new ArrayList<>(context.directories());
        all.addAll(context.files().keySet());
        return all;
    }

    private boolean matches(String pattern, String path) throws PlanException {
        try {
            return GoGlob.match(pattern, path);
        } catch (GoGlob.BadPatternException e) {
            throw new PlanException(fileName, null, "bad COPY pattern " + pattern + ": " + e.getMessage());
        }
    }

    /** A file lands at {@code target}; a directory's contents land below it. */
    private void add(Map<String, Long> result, String contextPath, String target) {
        if (context.isDirectory(contextPath)) {
            String prefix = contextPath.equals(".") ? "" : contextPath + "/";
            context.under(contextPath).forEach((p, s) -> result.put(join(target, p.substring(prefix.length())), s));
        } else {
            result.put(target, context.files().get(contextPath));
        }
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    private PlanException notFound(Step step, String source) {
        return new PlanException(fileName, step.instruction().range(), step.keyword() + " source \"" + source
                + "\" is not in the build context (missing or excluded by .dockerignore)");
    }
}
