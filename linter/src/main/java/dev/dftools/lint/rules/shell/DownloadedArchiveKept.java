package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.shell.ControlOperator;
import dev.dftools.grammar.shell.Redirect;
import dev.dftools.grammar.shell.RedirectOperator;
import dev.dftools.grammar.shell.ShellScript;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An archive downloaded to a file ({@code wget [-O f]}, {@code curl -o f|-O}, {@code curl url > f}),
 * extracted ({@code tar}, {@code unzip}) and not removed in the same RUN stays in the layer next to
 * what was extracted from it: the image carries it twice. Removing it in a later RUN does not help
 * (the layer is already written). Reported on the downloaded file's word (or on the download
 * command when the name comes from the URL). The fix adds {@code && rm -f FILE} right after the
 * extraction when the file name is plain and the extraction is not in the middle of a pipe or an
 * {@code ||}. Downloads into a {@code --mount} target are not in the layer and are skipped, and so
 * are builder stages (only the last stage and stages used as a base ship their layers).
 */
@RuleInfo(code = "DF3512", slug = "downloaded-archive-not-removed", severity = Severity.WARNING,
        summary = "A RUN downloads and extracts an archive but leaves the archive in the layer.",
        tags = {"run", "layers", "size"})
public final class DownloadedArchiveKept implements InstructionRule, StageLocal {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/+=:@%,~-]+");
    private static final Pattern PLAIN_WITH_VARS = Pattern.compile("[A-Za-z0-9._/+=:@%,~${}-]+");

    /** A file written by a download command. */
    private record Download(String path, String shown, SourceRange range, SimpleCommand command) {
    }

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        if (analysis.stageOf(run).map(stage -> !ShellFacts.ships(analysis, stage)).orElse(false)) {
            return; // a builder stage: its layers are not shipped
        }
        List<String> mounts = PathNames.mountTargets(run);
        for (ShellScript script : analysis.shellScripts(run)) {
            List<Download> downloads = new ArrayList<>();
            List<SimpleCommand> commands = script.commands();
            for (SimpleCommand command : commands) {
                Download d = download(command, cwdAt(commands, command));
                if (d != null && !PathNames.underMount(d.path(), mounts)) {
                    downloads.add(d);
                }
            }
            for (Download d : downloads) {
                SimpleCommand extraction = extraction(commands, d);
                if (extraction == null || removedLater(commands, d)) {
                    continue;
                }
                out.report(d.range(), "the archive " + d.shown() + " downloaded here is extracted by `"
                        + ShellFacts.baseName(extraction) + "` on line " + extraction.range().startLine()
                        + " but never removed in this RUN, so it stays in the layer; add `&& rm -f " + d.shown()
                        + "` after the extraction", fix(d, extraction));
            }
        }
    }

    private static @Nullable Download download(SimpleCommand command, String cwd) {
        Word explicit = null;
        String value = null;
        boolean fromUrl = false;
        String prefix = null;
        if (command.isNamed("wget")) {
            explicit = ShellFacts.optionValue(command, "-O", "--output-document");
            if (explicit != null) {
                value = ShellFacts.optionText(explicit, "-O", "--output-document");
            } else {
                fromUrl = true;
                Word dir = ShellFacts.optionValue(command, "-P", "--directory-prefix");
                prefix = dir == null ? null : ShellFacts.optionText(dir, "-P", "--directory-prefix");
            }
        } else if (command.isNamed("curl")) {
            explicit = ShellFacts.optionValue(command, "-o", "--output");
            if (explicit != null) {
                value = ShellFacts.optionText(explicit, "-o", "--output");
            } else if (command.hasFlag("-O", "--remote-name")) {
                fromUrl = true;
            }
        } else {
            return null;
        }
        if (explicit == null) {
            for (Redirect r : command.redirects()) {
                if ((r.operator() == RedirectOperator.OUTPUT || r.operator() == RedirectOperator.CLOBBER)
                        && r.fd() <= 1 && r.target() != null) {
                    explicit = r.target();
                    value = r.target().value();
                    fromUrl = false;
                }
            }
        }
        if (explicit != null) {
            if (value == null || value.equals("-") || value.startsWith("/dev/")) {
                return null;
            }
            return new Download(PathNames.resolve(cwd, value), value, explicit.range(), command);
        }
        if (!fromUrl || command.after() == ControlOperator.PIPE || command.after() == ControlOperator.PIPE_STDERR) {
            return null;
        }
        for (Word op : command.operands()) {
            String url = op.value();
            int scheme = url.indexOf("://");
            if (scheme < 0) {
                continue;
            }
            String path = url.substring(scheme + 3).replaceAll("[?#].*", "");
            int slash = path.lastIndexOf('/');
            String name = slash < 0 ? "" : path.substring(slash + 1);
            if (name.isEmpty()) {
                return null;
            }
            String shown = prefix == null ? name : prefix + "/" + name;
            return new Download(PathNames.resolve(cwd, shown), shown, command.name().range(), command);
        }
        return null;
    }

    private static String cwdAt(List<SimpleCommand> commands, SimpleCommand target) {
        return PathNames.cwdAt(commands, target, "<wd>");
    }

    private static @Nullable SimpleCommand extraction(List<SimpleCommand> commands, Download d) {
        boolean after = false;
        for (SimpleCommand c : commands) {
            if (c == d.command()) {
                after = true;
                continue;
            }
            if (!after || !(isTarExtract(c) || c.isNamed("unzip", "bsdtar", "7z", "7za"))) {
                continue;
            }
            String cwd = cwdAt(commands, c);
            for (Word arg : c.args()) {
                String v = arg.value();
                if (v.startsWith("--file=")) {
                    v = v.substring("--file=".length());
                }
                if (!v.startsWith("-") && (PathNames.resolve(cwd, v).equals(d.path()) || v.equals(d.shown()))) {
                    return c;
                }
            }
        }
        return null;
    }

    private static boolean isTarExtract(SimpleCommand c) {
        if (!c.isNamed("tar")) {
            return false;
        }
        if (c.hasFlag("-x", "--extract", "--get")) {
            return true;
        }
        // old style: tar xzf file
        return !c.args().isEmpty() && !c.args().get(0).value().startsWith("-")
                && c.args().get(0).value().contains("x");
    }

    private static boolean removedLater(List<SimpleCommand> commands, Download d) {
        boolean after = false;
        for (SimpleCommand c : commands) {
            if (c == d.command()) {
                after = true;
            }
            if (!after || !c.isNamed("rm")) {
                continue;
            }
            String cwd = cwdAt(commands, c);
            for (Word op : c.operands()) {
                String pattern = PathNames.resolve(cwd, op.value());
                // also as written: cd in if/else branches can make the resolved paths differ
                if (PathNames.matches(pattern, d.path()) || PathNames.isInside(d.path(), pattern)
                        || PathNames.matches(op.value(), d.shown())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static @Nullable Fix fix(Download d, SimpleCommand extraction) {
        ControlOperator next = extraction.after();
        ControlOperator before = extraction.before();
        boolean safePlace = (next == null || next == ControlOperator.AND || next == ControlOperator.SEQUENCE
                || next == ControlOperator.NEWLINE)
                && before != ControlOperator.PIPE && before != ControlOperator.PIPE_STDERR;
        String file;
        if (PLAIN.matcher(d.shown()).matches()) {
            file = d.shown();
        } else if (PLAIN_WITH_VARS.matcher(d.shown()).matches()) {
            file = "\"" + d.shown() + "\"";
        } else {
            return null;
        }
        if (!safePlace) {
            return null;
        }
        SourceRange end = extraction.range();
        return Fix.of("Remove " + d.shown() + " after extracting it",
                new TextEdit(new SourceRange(end.end(), end.end()), " && rm -f " + file));
    }
}
