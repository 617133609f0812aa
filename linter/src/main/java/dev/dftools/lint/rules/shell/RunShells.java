package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Comment;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.rules.metadata.LayeredNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The shell each RUN runs in and the variables it can see, walking the file as the build does:
 * SHELL and ARG/ENV accumulate in a stage, FROM resets them, and {@code FROM <stage>} starts from
 * the state that stage ended with (its image config carries SHELL and ENV). A Windows base image
 * ({@code mcr.microsoft.com/windows/servercore}, nanoserver) starts with cmd. The comment pragma
 * {@code # hadolint shell=X} (or {@code # dflint shell=X}) sets the shell name hadolint uses to
 * skip non-POSIX shells; before the first FROM it is the default of every stage.
 */
final class RunShells {

    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    static final List<String> WINDOWS_SHELL = List.of("cmd", "/S", "/C");
    private static final Pattern WINDOWS_IMAGE = Pattern.compile(
            "(?i).*(?:^|/)(?:windows|nanoserver|servercore|windowsservercore)(?:[/:@]|$).*");
    private static final Pattern SHELL_PRAGMA = Pattern.compile("^(?:hadolint|dflint)\\s+shell\\s*=\\s*(\\S+)\\s*$");

    /**
     * @param shell     the SHELL command in force (exec-form words), default {@code /bin/sh -c}
     * @param shellName the shell's program: the first SHELL word, or a later shell pragma
     * @param argNames  ARG names in scope
     * @param envNames  ENV names in scope
     */
    record RunShell(List<String> shell, String shellName, Set<String> argNames, Set<String> envNames) {

        /** PowerShell or cmd: not a POSIX shell, no shell analysis applies. */
        boolean isNonPosix() {
            String name = shellName.toLowerCase(Locale.ROOT);
            return name.contains("pwsh") || name.contains("powershell") || name.contains("cmd");
        }

        /** The shell program's base name, e.g. {@code bash} for {@code /usr/bin/bash}. */
        String baseName() {
            String first = shell.isEmpty() ? "" : shell.get(0);
            return first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
        }
    }

    /** What a stage has set so far; the name sets are shared with its copies, not copied (chains of stages stay linear). */
    private static final class State {
        List<String> shell = DEFAULT_SHELL;
        String shellName = "/bin/sh";
        LayeredNames args = LayeredNames.EMPTY;
        LayeredNames env = LayeredNames.EMPTY;

        State copy() {
            State s = new State();
            s.shell = shell;
            s.shellName = shellName;
            s.args = args;
            s.env = env;
            return s;
        }

        RunShell snapshot() {
            return new RunShell(shell, shellName, args, env);
        }
    }

    private RunShells() {
    }

    /** For every RUN (ONBUILD RUN included), the shell state right before it. */
    static Map<Instruction.Run, RunShell> of(Analysis analysis) {
        return walk(analysis, true).runs();
    }

    /**
     * The shells alone (the name sets of each {@link RunShell} left empty), computed once per
     * file: for every RUN, and for every stage as it starts, right after its FROM.
     */
    static Shells shells(Analysis analysis) {
        return analysis.memo(Shells.class, Shells.class, a -> walk(a, false));
    }

    /** The shell state before each RUN and at the start of each stage. */
    record Shells(Map<Instruction.Run, RunShell> runs, Map<Stage, RunShell> starts) {
    }

    private static Shells walk(Analysis analysis, boolean names) {
        Map<Instruction.Run, RunShell> result = new IdentityHashMap<>();
        Map<Stage, RunShell> starts = new IdentityHashMap<>();
        Map<String, State> stageEnds = new HashMap<>();
        List<Comment> comments = analysis.dockerfile().comments();
        int nextComment = 0;
        @Nullable String defaultPragma = null;
        boolean seenFrom = false;
        State state = new State();
        String currentStage = null;
        for (Instruction instruction : analysis.dockerfile().instructions()) {
            int line = instruction.range().startLine();
            while (nextComment < comments.size() && comments.get(nextComment).range().startLine() < line) {
                Matcher m = SHELL_PRAGMA.matcher(comments.get(nextComment).text());
                if (m.matches()) {
                    state.shellName = m.group(1);
                    if (!seenFrom) {
                        defaultPragma = m.group(1);
                    }
                }
                nextComment++;
            }
            if (instruction instanceof Instruction.From from) {
                if (currentStage != null) {
                    stageEnds.put(currentStage, state);
                }
                seenFrom = true;
                State parent = from.image() == null ? null
                        : stageEnds.get(from.image().value().toLowerCase(Locale.ROOT));
                if (parent != null) {
                    state = parent.copy();
                } else {
                    state = new State();
                    if (from.image() != null && isWindowsImage(from.image().value())) {
                        state.shell = WINDOWS_SHELL; // what Windows images run RUN with
                        state.shellName = "cmd";
                    }
                    if (defaultPragma != null) {
                        state.shellName = defaultPragma;
                    }
                }
                currentStage = from.stageName() == null ? null : from.stageName().value().toLowerCase(Locale.ROOT);
                State start = state;
                analysis.stageOf(from).ifPresent(stage -> starts.put(stage, start.snapshot()));
                continue;
            }
            apply(instruction, state, result, names);
            if (instruction instanceof Instruction.Onbuild onbuild && onbuild.trigger() != null) {
                apply(onbuild.trigger(), state.copy(), result, names);
            }
        }
        return new Shells(result, starts);
    }

    /** Windows base images (their default shell is cmd, not /bin/sh). */
    static boolean isWindowsImage(String image) {
        return WINDOWS_IMAGE.matcher(image).matches();
    }

    private static void apply(Instruction instruction, State state, Map<Instruction.Run, RunShell> result,
            boolean names) {
        if (instruction instanceof Instruction.Run run) {
            result.put(run, state.snapshot());
        } else if (instruction instanceof Instruction.Shell shell
                && shell.command() instanceof Command.ExecForm exec && !exec.args().isEmpty()) {
            List<String> words = new ArrayList<>();
            for (Word w : exec.args()) {
                words.add(w.value());
            }
            state.shell = List.copyOf(words);
            state.shellName = words.get(0);
        } else if (!names) {
            return; // the name sets stay empty
        } else if (instruction instanceof Instruction.Arg arg) {
            Set<String> declared = new LinkedHashSet<>();
            for (ArgDeclaration d : arg.declarations()) {
                declared.add(d.name().value());
            }
            state.args = state.args.with(declared);
        } else if (instruction instanceof Instruction.Env env) {
            Set<String> set = new LinkedHashSet<>();
            for (KeyValue kv : env.pairs()) {
                set.add(kv.key().value());
            }
            state.env = state.env.with(set);
        }
    }
}
