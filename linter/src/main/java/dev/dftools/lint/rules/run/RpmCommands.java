package dev.dftools.lint.rules.run;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks yum, dnf/microdnf and zypper share: a confirmation flag, cache cleanup, pinning. */
final class RpmCommands {

    private RpmCommands() {
    }

    /** The subcommand word when it is one of {@code names}, else null. */
    static Word subcommandIn(SimpleCommand c, Set<String> valueFlags, Set<String> names) {
        Word sub = CommandArgs.subcommand(c, valueFlags);
        return sub != null && !sub.hasExpansion() && names.contains(sub.value()) ? sub : null;
    }

    /** Whether {@code c} is {@code <tool> clean all} (or, with {@code allNeeded} false, {@code <tool> clean}). */
    static boolean isClean(SimpleCommand c, String tool, Set<String> valueFlags, Set<String> cleanWords,
            boolean allNeeded) {
        if (!c.isNamed(tool)) {
            return false;
        }
        List<Word> operands = CommandArgs.operands(c, valueFlags);
        if (operands.isEmpty() || !operands.get(0).is(cleanWords.toArray(String[]::new))) {
            return false;
        }
        return !allNeeded || operands.stream().anyMatch(w -> w.is("all"));
    }

    /**
     * Reports each package of an rpm install that names no version, judging words built from
     * variables by whether the Dockerfile defines the variable (an ARG anywhere before, an ENV
     * in the stage or the stages it builds on).
     */
    static void reportUnpinned(Analysis analysis, Instruction.Run run, SimpleCommand c, Set<String> valueFlags,
            String tool, Findings out) {
        List<Word> operands = CommandArgs.operands(c, valueFlags);
        if (operands.isEmpty()) {
            return;
        }
        if (operands.get(0).is("module")) {
            if (operands.size() > 1 && operands.get(1).is("install")) {
                for (Word module : operands.subList(2, operands.size())) {
                    if (!module.hasExpansion() && !module.value().contains(":")) {
                        out.report(module.range(), "Pin the stream of module '" + module.value() + "' in " + tool
                                + " module install ('" + module.value() + ":<stream>').");
                    }
                }
            }
            return;
        }
        if (!operands.get(0).is("install")) {
            return;
        }
        Set<String> variables = new HashSet<>(StageScope.argNames(analysis, run));
        variables.addAll(StageScope.envNames(analysis, run));
        for (Word pkg : operands.subList(1, operands.size())) {
            String v = pkg.value();
            if (PackageManagers.rpmNotAPackageName(v) || PackageManagers.rpmPinned(v, variables)) {
                continue;
            }
            out.report(pkg.range(), "Pin the version of '" + v + "' in " + tool + " install ('" + v
                    + "-<version>'), so that a rebuild installs the same package.");
        }
    }
}
