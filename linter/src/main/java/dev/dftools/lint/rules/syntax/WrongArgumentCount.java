package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.List;
import java.util.Locale;

/**
 * The argument counts BuildKit's instruction layer enforces: COPY/ADD need a source and a
 * destination, FROM takes {@code image} or {@code image AS name}, MAINTAINER/WORKDIR/USER/STOPSIGNAL
 * exactly one argument, ENV/LABEL/ARG/EXPOSE/VOLUME/ONBUILD/SHELL/HEALTHCHECK at least one,
 * {@code HEALTHCHECK NONE} none and {@code HEALTHCHECK CMD} a command. The range is the extra
 * argument(s), or the keyword when one is missing.
 */
@RuleInfo(code = "DF1012", slug = "wrong-argument-count", severity = Severity.ERROR,
        summary = "The instruction has too many or too few arguments; BuildKit refuses the build.",
        tags = {"syntax", "buildkit-error"})
public final class WrongArgumentCount implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        List<Word> args = instruction.node().args();
        Word keyword = instruction.node().keyword();
        String name = keyword.value().toUpperCase(Locale.ROOT);
        if (instruction instanceof Instruction.From) {
            checkFrom(args, keyword, out);
        } else if (instruction instanceof Instruction.Copy || instruction instanceof Instruction.Add) {
            if (args.size() == 1) {
                out.report(args.get(0).range(), name + " requires at least two arguments, but only one was provided."
                        + " Destination could not be determined");
            } else if (args.isEmpty()) {
                out.report(keyword.range(), name + " requires at least two arguments: source(s) and a destination");
            }
        } else if (instruction instanceof Instruction.Maintainer || instruction instanceof Instruction.Workdir
                || instruction instanceof Instruction.User || instruction instanceof Instruction.StopSignal) {
            if (args.size() != 1) {
                out.report(args.isEmpty() ? keyword.range() : span(args.subList(1, args.size())),
                        name + " requires exactly one argument");
            }
        } else if (instruction instanceof Instruction.Env || instruction instanceof Instruction.Label
                || instruction instanceof Instruction.Arg || instruction instanceof Instruction.Expose
                || instruction instanceof Instruction.Volume || instruction instanceof Instruction.Onbuild
                || instruction instanceof Instruction.Shell) {
            boolean none = instruction instanceof Instruction.Onbuild ? instruction.node().trigger() == null
                    : args.isEmpty(); // an ONBUILD's trigger is its argument
            if (none) {
                out.report(keyword.range(), name + " requires at least one argument");
            }
        } else if (instruction instanceof Instruction.Healthcheck healthcheck) {
            checkHealthcheck(healthcheck, args, keyword, out);
        }
    }

    private static void checkFrom(List<Word> args, Word keyword, Findings out) {
        String message = "FROM requires either one or three arguments (FROM image [AS name])";
        if (args.isEmpty()) {
            out.report(keyword.range(), message);
        } else if (args.size() == 3) {
            if (!args.get(1).value().equalsIgnoreCase("as")) {
                out.report(args.get(1).range(), message + ": expected AS, found '" + args.get(1).value() + "'");
            }
        } else if (args.size() != 1) {
            out.report(span(args.subList(1, args.size())), message);
        }
    }

    private static void checkHealthcheck(Instruction.Healthcheck healthcheck, List<Word> args, Word keyword,
            Findings out) {
        if (args.isEmpty()) {
            out.report(keyword.range(), "HEALTHCHECK requires at least one argument");
            return;
        }
        String type = args.get(0).value().toUpperCase(Locale.ROOT);
        if (type.equals("NONE") && args.size() > 1) {
            out.report(span(args.subList(1, args.size())), "HEALTHCHECK NONE takes no arguments");
        } else if (type.equals("CMD") && isEmpty(healthcheck.command())) {
            out.report(args.get(0).range(), "Missing command after HEALTHCHECK CMD");
        }
    }

    private static boolean isEmpty(Command command) {
        return command == null || command instanceof Command.ExecForm exec && exec.args().isEmpty()
                || command instanceof Command.ShellForm shell && shell.script().value().isBlank();
    }

    private static SourceRange span(List<Word> words) {
        return words.get(0).range().union(words.get(words.size() - 1).range());
    }
}
