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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

        /** A state at a snapshot without name sets. */
        static State of(RunShell shell) {
            State s = new State();
            s.shell = shell.shell();
            s.shellName = shell.shellName();
            return s;
        }
    }

    private RunShells() {
    }

    /** For every RUN (ONBUILD RUN included), the shell state right before it. */
    static Map<Instruction.Run, RunShell> of(Analysis analysis) {
        return walk(analysis, true);
    }

    /** The shell in force when the stage starts, right after its FROM (the name sets left empty). */
    static RunShell start(Analysis analysis, Stage stage) {
        return starts(analysis).get(stage.index());
    }

    /** The shell in force right before a RUN of the file, ONBUILD RUN included (the name sets left empty). */
    static @Nullable RunShell before(Analysis analysis, Instruction.Run run) {
        Optional<Stage> stage = analysis.stageOf(run);
        @SuppressWarnings("unchecked")
        Map<Integer, Map<Instruction.Run, RunShell>> byPart = analysis.memo(RunsByPart.class, Map.class,
                a -> new ConcurrentHashMap<Integer, Map<Instruction.Run, RunShell>>());
        int part = stage.map(Stage::index).orElse(-1);
        return byPart.computeIfAbsent(part, p -> stage.isPresent() ? runs(analysis, stage.get()) : preambleRuns(analysis))
                .get(run);
    }

    /** The key of the shells before the RUNs of each part, computed when a rule first asks about the part. */
    private record RunsByPart() {
    }

    /** A change to the shell state: a SHELL (its words, whose first names the shell) or a shell pragma (the name only). */
    private record ShellEvent(@Nullable List<String> shell, String name) {

        void applyTo(State state) {
            if (shell != null) {
                state.shell = shell;
            }
            state.shellName = name;
        }
    }

    /**
     * What a stage's text does to the shell, as {@link Analysis#stageFact} (kept while the text is
     * unchanged): the pragmas in the comments above its FROM (met before the FROM, so they belong
     * to what comes before), then its SHELLs and the pragmas after its FROM, in the order met.
     */
    private record StageEvents(List<String> headPragmas, List<ShellEvent> body) {
    }

    private static StageEvents events(Analysis analysis, Stage stage) {
        return analysis.stageFact(stage, StageEvents.class, StageEvents.class, s -> {
            int fromLine = s.from().range().startLine();
            List<Comment> comments = partComments(analysis, s);
            List<String> head = new ArrayList<>();
            List<ShellEvent> body = new ArrayList<>();
            int c = 0;
            for (; c < comments.size() && comments.get(c).range().startLine() < fromLine; c++) {
                String pragma = pragma(comments.get(c));
                if (pragma != null) {
                    head.add(pragma);
                }
            }
            for (Instruction instruction : s.instructions()) {
                c = pragmaEvents(comments, c, instruction.range().startLine(), body);
                List<String> words = shellWords(instruction);
                if (words != null) {
                    body.add(new ShellEvent(words, words.get(0)));
                }
            }
            pragmaEvents(comments, c, Integer.MAX_VALUE, body);
            return new StageEvents(List.copyOf(head), List.copyOf(body));
        });
    }

    /** Adds the pragmas of the comments from {@code c} on that lie above {@code line}; returns the next comment's index. */
    private static int pragmaEvents(List<Comment> comments, int c, int line, List<ShellEvent> out) {
        for (; c < comments.size() && comments.get(c).range().startLine() < line; c++) {
            String pragma = pragma(comments.get(c));
            if (pragma != null) {
                out.add(new ShellEvent(null, pragma));
            }
        }
        return c;
    }

    /** Every stage's start, once per file, from the stages' events: one step per stage, not per instruction. */
    private static List<RunShell> starts(Analysis analysis) {
        return analysis.memo(StageStarts.class, StageStarts.class, a -> {
            List<Stage> stages = a.stages();
            String defaultPragma = null;
            for (Comment comment : preambleComments(a)) {
                String pragma = pragma(comment);
                defaultPragma = pragma != null ? pragma : defaultPragma;
            }
            if (!stages.isEmpty()) {
                List<String> head = events(a, stages.get(0)).headPragmas();
                defaultPragma = head.isEmpty() ? defaultPragma : head.get(head.size() - 1);
            }
            List<RunShell> starts = new ArrayList<>(stages.size());
            Map<String, State> ends = new HashMap<>();
            for (Stage stage : stages) {
                State state = startState(stage.from(), ends, defaultPragma);
                starts.add(state.snapshot());
                for (ShellEvent event : events(a, stage).body()) {
                    event.applyTo(state);
                }
                if (stage.index() + 1 < stages.size()) {
                    for (String pragma : events(a, stages.get(stage.index() + 1)).headPragmas()) {
                        state.shellName = pragma;
                    }
                }
                if (stage.from().stageName() != null) {
                    ends.put(stage.from().stageName().value().toLowerCase(Locale.ROOT), state);
                }
            }
            return new StageStarts(starts);
        }).starts();
    }

    private record StageStarts(List<RunShell> starts) {
    }

    /** A stage's state right after its FROM: that of the stage it names (the last of the name so far), or a fresh one. */
    private static State startState(Instruction.From from, Map<String, State> stageEnds, @Nullable String defaultPragma) {
        State parent = from.image() == null ? null : stageEnds.get(from.image().value().toLowerCase(Locale.ROOT));
        if (parent != null) {
            return parent.copy();
        }
        State state = new State();
        if (from.image() != null && isWindowsImage(from.image().value())) {
            state.shell = WINDOWS_SHELL; // what Windows images run RUN with
            state.shellName = "cmd";
        }
        if (defaultPragma != null) {
            state.shellName = defaultPragma;
        }
        return state;
    }

    /** The shell before each RUN of a stage: its start, then its SHELLs and pragmas in order. */
    private static Map<Instruction.Run, RunShell> runs(Analysis analysis, Stage stage) {
        int fromLine = stage.from().range().startLine();
        List<Comment> comments = partComments(analysis, stage);
        int c = 0;
        while (c < comments.size() && comments.get(c).range().startLine() < fromLine) {
            c++;
        }
        State state = State.of(starts(analysis).get(stage.index()));
        return runs(stage.instructions(), comments.subList(c, comments.size()), state);
    }

    /** The shell before each RUN before the first FROM (which a build rejects, but rules still see). */
    private static Map<Instruction.Run, RunShell> preambleRuns(Analysis analysis) {
        return runs(analysis.dockerfile().preamble(), preambleComments(analysis), new State());
    }

    /** The comments before the first stage's text (all of them when there is no FROM). */
    private static List<Comment> preambleComments(Analysis analysis) {
        List<Stage> stages = analysis.stages();
        int end = stages.isEmpty() ? Integer.MAX_VALUE : stages.get(0).firstLine();
        List<Comment> comments = new ArrayList<>();
        for (Comment comment : analysis.dockerfile().comments()) {
            if (comment.range().startLine() >= end) {
                break;
            }
            comments.add(comment);
        }
        return comments;
    }

    private static Map<Instruction.Run, RunShell> runs(List<Instruction> instructions, List<Comment> comments,
            State state) {
        Map<Instruction.Run, RunShell> result = new IdentityHashMap<>();
        List<ShellEvent> pending = new ArrayList<>();
        int c = 0;
        for (Instruction instruction : instructions) {
            pending.clear();
            c = pragmaEvents(comments, c, instruction.range().startLine(), pending);
            pending.forEach(event -> event.applyTo(state));
            apply(instruction, state, result, false);
            if (instruction instanceof Instruction.Onbuild onbuild && onbuild.trigger() != null) {
                apply(onbuild.trigger(), state.copy(), result, false);
            }
        }
        return result;
    }

    /** The comments in the stage's text (from its first line to the next stage's), in order. */
    private static List<Comment> partComments(Analysis analysis, Stage stage) {
        List<Comment> all = analysis.dockerfile().comments();
        List<Stage> stages = analysis.stages();
        int from = stage.firstLine();
        int to = stage.index() + 1 < stages.size() ? stages.get(stage.index() + 1).firstLine() : Integer.MAX_VALUE;
        int lo = 0;
        int hi = all.size();
        while (lo < hi) { // the first comment on or after the stage's first line
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).range().startLine() < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        while (end < all.size() && all.get(end).range().startLine() < to) {
            end++;
        }
        return all.subList(lo, end);
    }

    /** The shell a {@code # hadolint shell=X} (or dflint) comment names, else null. */
    private static @Nullable String pragma(Comment comment) {
        Matcher m = SHELL_PRAGMA.matcher(comment.text());
        return m.matches() ? m.group(1) : null;
    }

    /** The words of a SHELL in exec form with at least one word, else null. */
    private static @Nullable List<String> shellWords(Instruction instruction) {
        if (instruction instanceof Instruction.Shell shell
                && shell.command() instanceof Command.ExecForm exec && !exec.args().isEmpty()) {
            List<String> words = new ArrayList<>();
            for (Word w : exec.args()) {
                words.add(w.value());
            }
            return List.copyOf(words);
        }
        return null;
    }

    private static Map<Instruction.Run, RunShell> walk(Analysis analysis, boolean names) {
        Map<Instruction.Run, RunShell> result = new IdentityHashMap<>();
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
                String pragma = pragma(comments.get(nextComment));
                if (pragma != null) {
                    state.shellName = pragma;
                    if (!seenFrom) {
                        defaultPragma = pragma;
                    }
                }
                nextComment++;
            }
            if (instruction instanceof Instruction.From from) {
                if (currentStage != null) {
                    stageEnds.put(currentStage, state);
                }
                seenFrom = true;
                state = startState(from, stageEnds, defaultPragma);
                currentStage = from.stageName() == null ? null : from.stageName().value().toLowerCase(Locale.ROOT);
                continue;
            }
            apply(instruction, state, result, names);
            if (instruction instanceof Instruction.Onbuild onbuild && onbuild.trigger() != null) {
                apply(onbuild.trigger(), state.copy(), result, names);
            }
        }
        return result;
    }

    /** Windows base images (their default shell is cmd, not /bin/sh). */
    static boolean isWindowsImage(String image) {
        return WINDOWS_IMAGE.matcher(image).matches();
    }

    private static void apply(Instruction instruction, State state, Map<Instruction.Run, RunShell> result,
            boolean names) {
        if (instruction instanceof Instruction.Run run) {
            result.put(run, state.snapshot());
        } else if (shellWords(instruction) != null) {
            List<String> words = shellWords(instruction);
            state.shell = words;
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
