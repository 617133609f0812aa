package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Comment;
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.BatchRule;
import dev.dftools.lint.DocumentRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.RuleMeta;
import dev.dftools.lint.Severity;
import dev.dftools.lint.TextEdit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;

/**
 * ShellCheck on every shell-form RUN, as hadolint does it: the script is a shebang from the SHELL
 * in force (default {@code /bin/sh}), {@code export NAME=1} for each ARG/ENV in scope and the proxy
 * variables, then the RUN's text; codes SC2187, SC1090 and SC1091 are left out. Skipped for exec
 * form, non-POSIX shells (pwsh, powershell, cmd, also via {@code # hadolint shell=}) and heredoc
 * scripts whose shebang names another interpreter. Runs the {@code shellcheck} binary when it is
 * on PATH (one process per Dockerfile); without it the rule reports nothing.
 * <p>
 * Better than hadolint: the range is what ShellCheck points at, mapped back through continuation
 * lines (the text given to ShellCheck keeps the lines as written), heredoc bodies are checked, and
 * ShellCheck's own fixes become fixes. {@code FROM <stage>} inherits SHELL and variables (as in
 * hadolint). An ONBUILD RUN runs in a child build: it sees the ENV (in the image config) but not
 * the ARGs of this file, and the SHELL in force here (also in the image config), where hadolint
 * assumes {@code /bin/sh}.
 * <p>
 * Each finding is reported under ShellCheck's own code (SC2086) and level, so configuration,
 * severity overrides and inline ignores treat SC codes like any other.
 */
@RuleInfo(code = "DF3900", slug = "shellcheck", severity = Severity.WARNING,
        summary = "ShellCheck reports a problem in the shell script of a RUN.", tags = {"run", "shell"})
public final class ShellCheck implements DocumentRule, BatchRule {

    static final List<String> PROXY_VARS = List.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy");
    private static final Pattern SHEBANG = Pattern.compile("^#!\\s*(\\S+)(?:\\s+(\\S+))?");
    private static final Set<String> SHELLCHECK_SHELLS = Set.of("sh", "bash", "ksh", "dash", "ash");

    /** One script handed to ShellCheck, for one RUN. */
    private record Job(Instruction.Run run, MappedScript script) {
    }

    /** The scripts of one file and what ShellCheck said about them. */
    private record Checked(List<Job> jobs, List<ShellCheckRunner.Comment> comments) {
    }

    /** One ShellCheck process for every script of every file of the run (a process costs ~70 ms). */
    @Override
    public void prepare(List<Analysis> analyses) {
        Path shellcheck = ShellCheckRunner.find();
        if (shellcheck == null) {
            return;
        }
        List<List<Job>> jobsPerFile = analyses.stream().map(ShellCheck::jobs).toList();
        List<String> texts = new ArrayList<>();
        for (List<Job> jobs : jobsPerFile) {
            jobs.forEach(j -> texts.add(j.script().text()));
        }
        List<ShellCheckRunner.Comment> all = ShellCheckRunner.run(shellcheck, texts);
        int first = 0;
        for (int f = 0; f < analyses.size(); f++) {
            int from = first;
            int to = first + jobsPerFile.get(f).size();
            List<ShellCheckRunner.Comment> mine = new ArrayList<>();
            for (ShellCheckRunner.Comment c : all) {
                if (c.script() >= from && c.script() < to) {
                    mine.add(c.withScript(c.script() - from));
                }
            }
            analyses.get(f).putPrepared(ShellCheck.class, new Checked(jobsPerFile.get(f), mine));
            first = to;
        }
    }

    @Override
    public void check(Analysis analysis, Findings out) {
        Checked checked = analysis.prepared(ShellCheck.class, Checked.class).orElseGet(() -> {
            Path shellcheck = ShellCheckRunner.find();
            if (shellcheck == null) {
                return new Checked(List.of(), List.of()); // not installed: nothing to prepare either
            }
            List<Job> jobs = jobs(analysis);
            return new Checked(jobs, ShellCheckRunner.run(shellcheck, jobs.stream().map(j -> j.script().text()).toList()));
        });
        List<Job> jobs = checked.jobs();
        LineIndex fileLines = analysis.dockerfile().lines();
        for (ShellCheckRunner.Comment c : checked.comments()) {
            if (c.script() < 0 || c.script() >= jobs.size()) {
                continue;
            }
            Job job = jobs.get(c.script());
            String code = "SC" + c.code();
            LineIndex scriptLines = LineIndex.of(job.script().text());
            int from = scriptLines.offset(c.line(), c.column());
            int to = scriptLines.offset(c.endLine(), c.endColumn());
            SourceRange range = job.script().range(fileLines, from, Math.max(from, to));
            if (range == null) {
                range = job.run().node().keyword().range();
            }
            Severity severity = severity(c.level());
            out.reportAs(meta(code, severity), severity, range, c.message(), fix(job, c, scriptLines, fileLines, code));
        }
    }

    /** The scripts ShellCheck gets for one file: each shell-form RUN (and ONBUILD RUN) with a POSIX shell. */
    private static List<Job> jobs(Analysis analysis) {
        Map<Instruction.Run, RunShells.RunShell> shells = RunShells.of(analysis);
        List<Job> jobs = new ArrayList<>();
        for (Instruction instruction : analysis.dockerfile().instructions()) {
            if (instruction instanceof Instruction.Run run) {
                addJobs(analysis, run, shells.get(run), false, jobs);
            } else if (instruction instanceof Instruction.Onbuild onbuild
                    && onbuild.trigger() instanceof Instruction.Run run) {
                addJobs(analysis, run, shells.get(run), true, jobs);
            }
        }
        return jobs;
    }

    private static void addJobs(Analysis analysis, Instruction.Run run, RunShells.@Nullable RunShell shell,
            boolean onbuild, List<Job> jobs) {
        if (!(run.command() instanceof Command.ShellForm form) || shell == null || shell.isNonPosix()) {
            return;
        }
        String fileText = analysis.dockerfile().text();
        int anchor = run.node().keyword().range().start().offset();
        String shebang = "#!" + (shell.shell().isEmpty() ? "/bin/sh" : shell.shell().get(0));
        Set<String> vars = new LinkedHashSet<>();
        if (!onbuild) {
            vars.addAll(shell.argNames()); // a child build does not see this file's ARGs
        }
        vars.addAll(shell.envNames());
        vars.addAll(PROXY_VARS);
        List<Heredoc> heredocs = run.heredocs();
        StringBuilder mentioned = new StringBuilder(form.source().text());
        heredocs.forEach(h -> mentioned.append('\n').append(h.body().text()));
        String exports = ScriptExports.of(vars, mentioned.toString());
        if (Analysis.runsHeredocBodies(run)) {
            for (Heredoc heredoc : heredocs) {
                String body = heredoc.body().text();
                Matcher m = SHEBANG.matcher(body);
                MappedScript script = new MappedScript();
                if (m.find()) {
                    String interpreter = baseName(m.group(1));
                    if (interpreter.equals("env") && m.group(2) != null) {
                        interpreter = baseName(m.group(2));
                    }
                    if (!SHELLCHECK_SHELLS.contains(interpreter)) {
                        continue; // a python/perl/... script
                    }
                    int eol = body.indexOf('\n');
                    int cut = eol < 0 ? body.length() : eol + 1;
                    script.appendShell(heredoc.body().slice(0, cut), fileText);
                    script.appendSynthetic(exports, anchor);
                    script.appendShell(heredoc.body().slice(cut, body.length()), fileText);
                } else {
                    script.appendSynthetic(shebang + "\n" + exports, anchor);
                    script.appendShell(heredoc.body(), fileText);
                }
                jobs.add(new Job(run, script));
            }
            return;
        }
        MappedScript script = new MappedScript();
        script.appendSynthetic(shebang + "\n" + exports, anchor);
        script.appendShell(form.source(), fileText);
        int lineEnd = form.source().length() == 0 ? anchor
                : form.source().sourceOffset(form.source().length() - 1) + 1;
        for (Heredoc heredoc : heredocs) {
            // RUN cmd <<EOF: the bodies follow the line, as the shell reads them
            script.appendSynthetic("\n", lineEnd);
            script.appendShell(heredoc.body(), fileText);
            int term = heredoc.terminator() == null ? lineEnd : heredoc.terminator().start().offset();
            script.appendSynthetic(heredoc.name(), term);
            lineEnd = heredoc.terminator() == null ? lineEnd : heredoc.terminator().end().offset();
        }
        script.appendSynthetic("\n", lineEnd);
        jobs.add(new Job(run, script));
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** ShellCheck's own fix, when every replacement lies in the RUN's text. */
    private static @Nullable Fix fix(Job job, ShellCheckRunner.Comment c, LineIndex scriptLines,
            LineIndex fileLines, String code) {
        if (c.replacements().isEmpty()) {
            return null;
        }
        List<TextEdit> edits = new ArrayList<>();
        for (ShellCheckRunner.Replacement r : c.replacements()) {
            int from = scriptLines.offset(r.line(), r.column());
            int to = scriptLines.offset(r.endLine(), r.endColumn());
            boolean outside = to == from
                    ? job.script().isSynthetic(from) && (from == 0 || job.script().isSynthetic(from - 1))
                    : job.script().isSynthetic(from) || job.script().isSynthetic(to - 1);
            if (to < from || outside) {
                return null;
            }
            SourceRange range = job.script().range(fileLines, from, to);
            if (range == null) {
                return null;
            }
            edits.add(new TextEdit(range, r.text()));
        }
        for (int i = 0; i < edits.size(); i++) {
            for (int k = i + 1; k < edits.size(); k++) {
                SourceRange a = edits.get(i).range();
                SourceRange b = edits.get(k).range();
                if (a.start().offset() < b.end().offset() && b.start().offset() < a.end().offset()
                        || a.isEmpty() && b.isEmpty() && a.start().offset() == b.start().offset()) {
                    return null; // overlapping edits: leave it to the user
                }
            }
        }
        return new Fix("Apply ShellCheck's fix for " + code, edits);
    }

    /** ShellCheck's levels are hadolint's severities. */
    private static Severity severity(String level) {
        return switch (level) {
            case "error" -> Severity.ERROR;
            case "info" -> Severity.INFO;
            case "style" -> Severity.STYLE;
            default -> Severity.WARNING;
        };
    }

    private static RuleMeta meta(String code, Severity severity) {
        return new RuleMeta(code, "shellcheck-" + code.toLowerCase(Locale.ROOT), severity,
                "ShellCheck " + code + ", see https://www.shellcheck.net/wiki/" + code + ".", List.of(),
                List.of("shellcheck"), true);
    }
}
