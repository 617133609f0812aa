package dev.dftools.lint.rules.run;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code apk add --virtual .build-deps gcc musl-dev} groups build dependencies so that one
 * {@code apk del .build-deps} removes them once the build is done. That removal must happen in the
 * same RUN: in a later RUN the packages are hidden but still stored in the earlier layer.
 * Only layers that ship are reported (the last stage's and those a later FROM builds on).
 * A virtual package is also the usual way to keep <em>runtime</em> dependencies together
 * ({@code .redis-rundeps}, {@code .persistent-deps}, as in the official images), so only groups
 * that are clearly for building are reported: the name says so (build, dev, tmp, fetch, compile)
 * or a package in it is a build tool ({@code gcc}, {@code make}, {@code *-dev}, ...).
 */
@RuleInfo(code = "DF3101", slug = "apk-virtual-not-deleted", severity = Severity.WARNING,
        summary = "Build dependencies grouped with apk add --virtual are never deleted in the same RUN.",
        tags = {"packages", "apk", "alpine", "image-size"})
public final class ApkVirtualNotDeleted implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run) || !StageScope.ships(analysis, run)) {
            return;
        }
        List<SimpleCommand> commands = analysis.commands(run);
        for (SimpleCommand c : commands) {
            Word virtual = PackageManagers.apkAdd(c) == null ? null : virtualName(c);
            if (virtual == null || virtual.hasExpansion() || !forBuilding(c, virtual)
                    || CommandArgs.after(commands, c).stream().anyMatch(r -> deletes(r, virtual.value()))) {
                continue;
            }
            String later = deletedLater(analysis, run, virtual.value());
            out.report(virtual.range(), "Add '&& apk del " + virtual.value() + "' at the end of this RUN: "
                    + (later == null ? "the packages of '" + virtual.value() + "' are never removed"
                            : "deleting them in the RUN on line " + later + " does not shrink this layer")
                    + ".");
        }
    }

    private static final Pattern KEPT = Pattern.compile("(?i).*(run|persist|keep|so-deps).*");
    private static final Pattern TRANSIENT = Pattern.compile("(?i).*(build|dev|tmp|temp|fetch|compile|make).*");

    /** Whether the virtual package groups build-time dependencies (see the class comment). */
    private static boolean forBuilding(SimpleCommand c, Word virtual) {
        String name = virtual.value();
        if (KEPT.matcher(name).matches()) {
            return false;
        }
        if (TRANSIENT.matcher(name).matches()) {
            return true;
        }
        for (Word pkg : CommandArgs.packages(c, PackageManagers.APK_VALUE_FLAGS)) {
            String v = pkg.value().split("[=~<>]", 2)[0];
            if (!pkg.hasExpansion() && BuildDepsNotPurged.isBuildTool(v)) {
                return true;
            }
        }
        return false;
    }

    /** The word naming the virtual package: {@code --virtual NAME}, {@code -t NAME}, {@code --virtual=NAME}. */
    private static Word virtualName(SimpleCommand c) {
        List<Word> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            Word w = args.get(i);
            if (w.is("--virtual", "-t") && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (w.startsWith("--virtual=")) {
                // the value part of the word: its source range starts after the '='
                return subWord(w, "--virtual=".length());
            }
        }
        return null;
    }

    private static Word subWord(Word w, int from) {
        var text = w.valueText().slice(from, w.value().length());
        return new Word(w.raw(), w.value().substring(from), text.range(), w.parts(), w.hasExpansion(), w.quoted(),
                text);
    }

    private static boolean deletes(SimpleCommand c, String name) {
        if (!c.isNamed("apk")) {
            return false;
        }
        List<Word> operands = CommandArgs.operands(c, PackageManagers.APK_VALUE_FLAGS);
        return !operands.isEmpty() && operands.get(0).is("del")
                && operands.stream().anyMatch(w -> w.is(name));
    }

    /** The line of a later RUN in the same stage that deletes the virtual package, or null. */
    private static String deletedLater(Analysis analysis, Instruction.Run run, String name) {
        var stage = analysis.stageOf(run);
        if (stage.isEmpty()) {
            return null;
        }
        boolean after = false;
        for (Instruction i : stage.get().instructions()) {
            if (i == run) {
                after = true;
            } else if (after && i instanceof Instruction.Run later
                    && analysis.commands(later).stream().anyMatch(c -> deletes(c, name))) {
                return String.valueOf(later.range().startLine());
            }
        }
        return null;
    }
}
