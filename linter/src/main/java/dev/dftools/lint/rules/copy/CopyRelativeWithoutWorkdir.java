package dev.dftools.lint.rules.copy;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.DocumentRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A relative COPY destination is resolved against the working directory, which without a
 * WORKDIR in the stage (or in the stage it builds on) is whatever the base image chose.
 */
@RuleInfo(code = "DF4002", slug = "copy-relative-without-workdir", severity = Severity.WARNING,
        summary = "COPY to a relative destination in a stage that never set WORKDIR.",
        aliases = {"DL3045"}, tags = {"copy", "hadolint"})
public final class CopyRelativeWithoutWorkdir implements DocumentRule {

    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^[A-Za-z]:.*");

    @Override
    public void check(Analysis analysis, Findings out) {
        // whether WORKDIR was set by the end of each named stage, for FROM <stage>
        Map<String, Boolean> workdirAtEnd = new HashMap<>();
        String stageName = null;
        boolean workdir = false;
        boolean onbuildWorkdir = false;
        for (Instruction instruction : analysis.dockerfile().instructions()) {
            if (instruction instanceof Instruction.From from) {
                if (stageName != null) {
                    workdirAtEnd.put(stageName, workdir || onbuildWorkdir);
                }
                workdir = from.image() != null
                        && workdirAtEnd.getOrDefault(from.image().value().toLowerCase(Locale.ROOT), false);
                onbuildWorkdir = false;
                stageName = from.stageName() == null ? null : from.stageName().value().toLowerCase(Locale.ROOT);
            } else if (instruction instanceof Instruction.Workdir) {
                workdir = true;
            } else if (instruction instanceof Instruction.Copy copy) {
                report(copy, workdir, out);
            } else if (instruction instanceof Instruction.Onbuild onbuild) {
                // a trigger runs in the child build, after the triggers before it
                if (onbuild.trigger() instanceof Instruction.Workdir) {
                    onbuildWorkdir = true;
                } else if (onbuild.trigger() instanceof Instruction.Copy copy) {
                    report(copy, workdir || onbuildWorkdir, out);
                }
            }
        }
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
