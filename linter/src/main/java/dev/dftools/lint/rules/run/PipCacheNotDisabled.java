package dev.dftools.lint.rules.run;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.shell.Assignment;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageInflow;
import org.eclipse.jdt.annotation.Nullable;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * pip keeps every wheel it downloads in {@code ~/.cache/pip}; in an image that cache is dead
 * weight. Fine without the flag: {@code PIP_NO_CACHE_DIR} set to a true value by ENV (in this
 * stage or one it builds on) or in the RUN itself, or a cache/tmpfs mount on {@code .cache/pip}.
 */
@RuleInfo(code = "DF3042", slug = "pip-cache-not-disabled", severity = Severity.WARNING,
        summary = "pip install without --no-cache-dir leaves its download cache in the layer.",
        aliases = {"DL3042"}, tags = {"packages", "pip", "python", "image-size"})
public final class PipCacheNotDisabled implements InstructionRule, StageInflow {

    private static final Set<String> TRUE = Set.of("1", "true", "on", "yes", "y");
    static final String VARIABLE = "PIP_NO_CACHE_DIR";

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run) || RunMounts.hasCacheMount(run, ".cache/pip")) {
            return;
        }
        List<SimpleCommand> commands = analysis.commands(run);
        if (disabledInRun(commands)) {
            return;
        }
        Boolean byEnv = null; // the inherited ENV is looked at only for a RUN that installs with pip
        for (SimpleCommand c : commands) {
            PackageManagers.PipInstall pip = PackageManagers.pipInstall(c, false);
            if (pip == null || c.hasFlag("--no-cache-dir")) {
                continue;
            }
            if (byEnv == null) {
                byEnv = disabledByEnv(analysis, run);
            }
            if (byEnv) {
                return;
            }
            out.report(CommandArgs.head(c, pip.install()), "Add --no-cache-dir to pip install (or set "
                    + "PIP_NO_CACHE_DIR=1): the download cache stays in the layer otherwise.",
                    CommandArgs.insertAfter(pip.install(), "--no-cache-dir", "Add --no-cache-dir"));
        }
    }

    /** Whether the stages this one builds on leave PIP_NO_CACHE_DIR set to a true value. */
    @Override
    public Object inflow(Analysis analysis, @Nullable Stage stage) {
        if (stage == null) {
            return false;
        }
        Stage parent = analysis.parentStage(stage).orElse(null);
        return parent != null && isTrue(analysis.memo(LastValues.class, LastValues.class, PipCacheNotDisabled::lastValues)
                .atEnd().getOrDefault(parent, ""));
    }

    /** Per stage, the value its last PIP_NO_CACHE_DIR pair (its own or inherited) sets, if any. */
    private record LastValues(java.util.Map<Stage, String> atEnd) {
    }

    private static LastValues lastValues(Analysis analysis) {
        java.util.Map<Stage, String> atEnd = new IdentityHashMap<>();
        for (Stage stage : analysis.stages()) {
            String value = analysis.parentStage(stage).map(atEnd::get).orElse(null);
            value = analysis.stageFact(stage, LastValues.class, LastValue.class, PipCacheNotDisabled::lastValue)
                    .value().orElse(value);
            if (value != null) {
                atEnd.put(stage, value);
            }
        }
        return new LastValues(atEnd);
    }

    /** The value the stage's own last PIP_NO_CACHE_DIR pair sets, if any (a stage fact: kept while its text is unchanged). */
    private record LastValue(java.util.Optional<String> value) {
    }

    private static LastValue lastValue(Stage stage) {
        String value = null;
        for (Instruction instruction : stage.instructions()) {
            if (instruction instanceof Instruction.Env env) {
                for (KeyValue pair : env.pairs()) {
                    if (pair.key().value().equals(VARIABLE)) {
                        value = pair.value().value();
                    }
                }
            }
        }
        return new LastValue(java.util.Optional.ofNullable(value));
    }

    private static boolean disabledInRun(List<SimpleCommand> commands) {
        for (SimpleCommand c : commands) {
            for (Assignment a : c.declarations()) {
                if (a.name().equals(VARIABLE) && isTrue(a.value().value())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean disabledByEnv(Analysis analysis, Instruction run) {
        boolean disabled = false;
        for (KeyValue pair : StageScope.envPairs(analysis, run)) {
            if (pair.key().value().equals(VARIABLE)) {
                disabled = isTrue(pair.value().value());
            }
        }
        return disabled;
    }

    static boolean isTrue(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1);
        }
        return TRUE.contains(v.toLowerCase(Locale.ROOT));
    }
}
