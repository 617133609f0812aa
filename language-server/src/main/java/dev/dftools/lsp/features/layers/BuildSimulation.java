package dev.dftools.lsp.features.layers;

import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.lint.BuildContext;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.sim.plan.BuildPlan;
import dev.dftools.sim.plan.PlanException;
import dev.dftools.sim.plan.PlanOptions;
import dev.dftools.sim.plan.Planner;
import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.report.ContextFiles;
import dev.dftools.sim.report.DryRunEstimator;
import java.io.IOException;
import java.nio.file.Path;

/**
 * "Simulate build": what {@code dfsim build --dry-run --format json -f <document> <context>} computes,
 * run in-process on the editor's text (saved or not): COPY/ADD sizes estimated from the context,
 * RUN not executed. Needs no root, no network and no image store.
 */
public final class BuildSimulation {

    /** A simulation that cannot run, with the one line to show the user. */
    public static final class SimulationException extends Exception {
        private static final long serialVersionUID = 1L;

        public SimulationException(String message) {
            super(message, null, false, false);
        }
    }

    private BuildSimulation() {
    }

    public static BuildReport dryRun(DocumentSnapshot snapshot, BuildContext context) throws SimulationException {
        Path dockerfile = context.dockerfile();
        String name = dockerfile == null ? "Dockerfile" : relativeName(context.root(), dockerfile);
        try {
            BuildPlan plan = Planner.plan(snapshot.ast(), new PlanOptions(name, java.util.Map.of(), null,
                    PlanOptions.hostPlatform()));
            DockerIgnore ignore = DockerIgnore.load(context.root(), dockerfile).orElse(DockerIgnore.empty());
            return new DryRunEstimator(name, ContextFiles.scan(context.root(), ignore)).estimate(plan, null);
        } catch (PlanException e) {
            throw new SimulationException("cannot simulate: " + e.getMessage());
        } catch (DockerIgnore.BadPatternException e) {
            throw new SimulationException("bad .dockerignore: " + e.getMessage());
        } catch (IOException e) {
            throw new SimulationException("cannot read the build context " + context.root() + ": " + e.getMessage());
        }
    }

    private static String relativeName(Path root, Path dockerfile) {
        return dockerfile.startsWith(root) ? root.relativize(dockerfile).toString() : dockerfile.toString();
    }
}
