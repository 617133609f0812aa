package dev.dftools.lint;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Runs the rules over a Dockerfile. Each rule is isolated: one that throws becomes a single
 * internal finding and the others still run. Then the suppressions of the file and the
 * configuration are applied, and findings come back in file order.
 */
public final class Linter {

    /** The finding a rule that crashed turns into. */
    public static final RuleMeta INTERNAL_ERROR = new RuleMeta("DF0000", "internal-error", Severity.ERROR,
            "A rule failed on this file; the other rules still ran. Please report it.", List.of(), List.of(), true);

    private final RuleRegistry registry;

    public Linter(RuleRegistry registry) {
        this.registry = registry;
    }

    public RuleRegistry registry() {
        return registry;
    }

    public List<Finding> lint(Dockerfile file, LintConfig config, @Nullable BuildContext context) {
        Analysis analysis = new Analysis(file, config);
        Set<String> experimental = experimentalChecks(file);
        List<Finding> raw = new ArrayList<>();
        for (RuleMeta meta : registry.metas()) {
            if (isEnabled(meta, config) || enabledAsExperimental(meta, experimental)) {
                run(registry.rule(meta.code()), meta, analysis, context, raw);
            }
        }
        return postProcess(file, config, raw);
    }

    /** BuildKit's {@code # check=experimental=A,B|all} turns on checks that are off by default. */
    private static Set<String> experimentalChecks(Dockerfile file) {
        Set<String> names = new java.util.HashSet<>();
        file.directives().stream().filter(d -> d.name().equals("check"))
                .forEach(d -> names.addAll(CheckDirective.parse(d.value()).experimental()));
        return names;
    }

    private static boolean enabledAsExperimental(RuleMeta meta, Set<String> experimental) {
        return meta.aliases().stream().anyMatch(a -> RuleRegistry.isBuildKitName(a)
                && (experimental.contains("all") || experimental.contains(a)));
    }

    private boolean isEnabled(RuleMeta meta, LintConfig config) {
        if (meta.enabledByDefault() || config.enabled().contains("*")) {
            return true;
        }
        for (String name : config.enabled()) {
            if (registry.resolve(name).contains(meta.code())) {
                return true;
            }
        }
        for (String name : config.overrides().keySet()) {
            if (registry.resolve(name).contains(meta.code())) {
                return true;
            }
        }
        return false;
    }

    private static void run(Rule rule, RuleMeta meta, Analysis analysis, @Nullable BuildContext context,
            List<Finding> out) {
        List<Finding> found = new ArrayList<>();
        Findings sink = new Findings() {
            @Override
            public void report(SourceRange range, String message, @Nullable Fix fix) {
                found.add(new Finding(meta, meta.severity(), message, range, fix));
            }

            @Override
            public void reportAs(RuleMeta external, Severity severity, SourceRange range, String message,
                    @Nullable Fix fix) {
                found.add(new Finding(external, severity, message, range, fix));
            }
        };
        try {
            if (rule instanceof InstructionRule r) {
                for (Instruction instruction : analysis.dockerfile().instructions()) {
                    r.check(instruction, analysis, sink);
                    if (r.checksOnbuildTriggers() && instruction instanceof Instruction.Onbuild onbuild
                            && onbuild.trigger() != null) {
                        r.check(onbuild.trigger(), analysis, sink);
                    }
                }
            } else if (rule instanceof StageRule r) {
                for (Stage stage : analysis.stages()) {
                    r.check(stage, analysis, sink);
                }
            } else if (rule instanceof DocumentRule r) {
                r.check(analysis, sink);
            } else if (rule instanceof ContextRule r && context != null) {
                r.check(analysis, context, sink);
            }
            out.addAll(found);
        } catch (RuntimeException | StackOverflowError e) {
            SourceRange start = analysis.dockerfile().lines().range(0, 0);
            out.add(new Finding(INTERNAL_ERROR, Severity.ERROR,
                    "rule " + meta.code() + " (" + meta.slug() + ") failed: " + e, start, null));
        }
    }

    private List<Finding> postProcess(Dockerfile file, LintConfig config, List<Finding> raw) {
        Suppressions suppressions = Suppressions.of(file, registry, !config.disableIgnorePragma());
        Set<String> ignored = resolveAll(config.ignored());
        List<Finding> result = new ArrayList<>();
        for (Finding finding : raw) {
            if (ignored.contains(finding.code()) || suppressions.suppresses(finding)) {
                continue;
            }
            Finding f = finding;
            if (suppressions.checkErrors() && Suppressions.skippedByCheck(f.rule(), Set.of("all"))) {
                f = f.withSeverity(Severity.ERROR); // # check=error=true: BuildKit fails the build
            }
            for (Map.Entry<String, Severity> override : config.overrides().entrySet()) {
                if (registry.resolve(override.getKey()).contains(f.code())) {
                    f = f.withSeverity(override.getValue());
                }
            }
            result.add(f);
        }
        result.sort(Finding.ORDER);
        return result;
    }

    private Set<String> resolveAll(Set<String> names) {
        Set<String> codes = new java.util.HashSet<>();
        for (String name : names) {
            codes.addAll(registry.resolve(name));
        }
        return codes;
    }
}
