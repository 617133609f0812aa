package dev.dftools.lint.rules.copy;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageInflow;
import dev.dftools.lint.rules.Parts;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A relative COPY destination is resolved against the working directory, which without a
 * WORKDIR in the stage (or in the stage it builds on) is whatever the base image chose.
 */
@RuleInfo(code = "DF4002", slug = "copy-relative-without-workdir", severity = Severity.WARNING,
        summary = "COPY to a relative destination in a stage that never set WORKDIR.",
        aliases = {"DL3045"}, tags = {"copy", "hadolint"})
public final class CopyRelativeWithoutWorkdir implements InstructionRule, StageInflow {

    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^[A-Za-z]:.*");

    /**
     * Looks at each COPY (and ONBUILD COPY): its stage is followed once, in order, from what its
     * FROM inherits, to know whether a WORKDIR is set by then.
     */
    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        Instruction.Copy copy = instruction instanceof Instruction.Copy c ? c
                : instruction instanceof Instruction.Onbuild o && o.trigger() instanceof Instruction.Copy c ? c : null;
        if (copy == null) {
            return;
        }
        Stage stage = analysis.stageOf(instruction).orElse(null);
        Map<Instruction, Boolean> workdirSet = Parts.memo(analysis, CopyRelativeWithoutWorkdir.class,
                Parts.partOf(analysis, instruction), part -> {
                    boolean workdir = stage != null && startsWithWorkdir(analysis).contains(stage);
                    boolean onbuildWorkdir = false;
                    Map<Instruction, Boolean> set = new IdentityHashMap<>();
                    for (Instruction i : part) {
                        if (i instanceof Instruction.Workdir) {
                            workdir = true;
                        } else if (i instanceof Instruction.Copy) {
                            set.put(i, workdir);
                        } else if (i instanceof Instruction.Onbuild onbuild) {
                            // a trigger runs in the child build, after the triggers before it
                            if (onbuild.trigger() instanceof Instruction.Workdir) {
                                onbuildWorkdir = true;
                            } else if (onbuild.trigger() instanceof Instruction.Copy) {
                                set.put(i, workdir || onbuildWorkdir);
                            }
                        }
                    }
                    return set;
                });
        report(copy, workdirSet.get(instruction), out);
    }

    /** ONBUILD COPY is looked at through its ONBUILD (the WORKDIR triggers before it count). */
    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }

    /** Whether the stage starts with a WORKDIR set (by the stage it is built {@code FROM}). */
    @Override
    public Object inflow(Analysis analysis, @Nullable Stage stage) {
        return stage != null && startsWithWorkdir(analysis).contains(stage);
    }

    /**
     * The stages that start with a WORKDIR: built {@code FROM} a stage name whose stage (the
     * last of that name before) ended with one, its own or from an ONBUILD WORKDIR.
     */
    private static java.util.Set<Stage> startsWithWorkdir(Analysis analysis) {
        return analysis.memo(CopyRelativeWithoutWorkdir.class, StartsWithWorkdir.class, a -> {
            java.util.Set<Stage> starting = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            Map<String, Boolean> workdirAtEnd = new HashMap<>();
            for (Stage stage : a.stages()) {
                Instruction.From from = stage.from();
                boolean workdir = from.image() != null
                        && workdirAtEnd.getOrDefault(from.image().value().toLowerCase(Locale.ROOT), false);
                if (workdir) {
                    starting.add(stage);
                }
                workdir |= a.stageFact(stage, StartsWithWorkdir.class, Boolean.class,
                        CopyRelativeWithoutWorkdir::setsWorkdir);
                if (from.stageName() != null) {
                    workdirAtEnd.put(from.stageName().value().toLowerCase(Locale.ROOT), workdir);
                }
            }
            return new StartsWithWorkdir(starting);
        }).stages();
    }

    private record StartsWithWorkdir(java.util.Set<Stage> stages) {
    }

    /** Whether the stage has a WORKDIR, its own or an ONBUILD one (a stage fact: kept while its text is unchanged). */
    private static boolean setsWorkdir(Stage stage) {
        for (Instruction instruction : stage.instructions()) {
            if (instruction instanceof Instruction.Workdir
                    || instruction instanceof Instruction.Onbuild o && o.trigger() instanceof Instruction.Workdir) {
                return true;
            }
        }
        return false;
    }

    private static void report(Instruction.Copy copy, boolean workdirSet, Findings out) {
        Word destination = copy.destination();
        if (workdirSet || destination == null) {
            return;
        }
        String dest = CopySources.unquote(destination.value());
        if (dest.startsWith("/") || dest.startsWith("$") || WINDOWS_ABSOLUTE.matcher(dest).matches()) {
            return;
        }
        out.report(destination.range(), "COPY to the relative destination '" + dest + "' with no WORKDIR set in "
                + "this stage: it lands wherever the base image's working directory is. Set WORKDIR first or use "
                + "an absolute path.");
    }
}
