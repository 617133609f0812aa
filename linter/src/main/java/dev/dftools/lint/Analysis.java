package dev.dftools.lint;

import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceText;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.shell.ShellParser;
import dev.dftools.grammar.shell.ShellScript;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;


/**
 * What rules share about one Dockerfile, computed once: its stages and how they relate, and the
 * shell model of each RUN. Immutable apart from the memo of parsed shell scripts.
 */
public final class Analysis {

    private static final Pattern HEREDOC_ONLY = Pattern.compile("(\\s*\\d*<<-?\\S+)+\\s*");

    private final Dockerfile dockerfile;
    private final LintConfig config;
    private final List<Stage> stages;
    private final Map<Instruction, Stage> stageOf = new IdentityHashMap<>();
    private final Map<SourceText, ShellScript> shells = new IdentityHashMap<>();
    /** Results computed for this file ahead of time by a {@link BatchRule}, by key. */
    private final Map<Object, Object> prepared = new java.util.concurrent.ConcurrentHashMap<>();

    public Analysis(Dockerfile dockerfile, LintConfig config) {
        this.dockerfile = dockerfile;
        this.config = config;
        this.stages = dockerfile.stages();
        for (Stage stage : stages) {
            stageOf.put(stage.from(), stage);
            for (Instruction instruction : stage.instructions()) {
                stageOf.put(instruction, stage);
                if (instruction instanceof Instruction.Onbuild onbuild && onbuild.trigger() != null) {
                    stageOf.put(onbuild.trigger(), stage);
                }
            }
        }
    }

    public Dockerfile dockerfile() {
        return dockerfile;
    }

    public LintConfig config() {
        return config;
    }

    public List<Stage> stages() {
        return stages;
    }

    /** The stage an instruction belongs to; empty for instructions before the first FROM. */
    public Optional<Stage> stageOf(Instruction instruction) {
        return Optional.ofNullable(stageOf.get(instruction));
    }

    /** The stage named {@code name} (case-insensitive, as BuildKit compares stage names). */
    public Optional<Stage> stageNamed(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return stages.stream().filter(s -> s.name().map(lower::equals).orElse(false)).findFirst();
    }

    /** The earlier stage this stage builds on ({@code FROM builder}), if its image is a stage name. */
    public Optional<Stage> parentStage(Stage stage) {
        if (stage.from().image() == null) {
            return Optional.empty();
        }
        String image = stage.from().image().value().toLowerCase(Locale.ROOT);
        for (Stage earlier : stages.subList(0, stage.index())) {
            if (earlier.name().map(image::equals).orElse(false)) {
                return Optional.of(earlier);
            }
        }
        return Optional.empty();
    }

    /** True when a later FROM builds on this stage. */
    public boolean isUsedAsBase(Stage stage) {
        return stages.stream().anyMatch(s -> parentStage(s).map(p -> p == stage).orElse(false));
    }

    /**
     * Whether a stage's layers end up in the image built by default: the last stage and stages a
     * later FROM builds on (as hadolint's DL3009 decides). Stages only copied from do not ship.
     */
    public boolean ships(Stage stage) {
        return stage == lastStage() || isUsedAsBase(stage);
    }

    /** True for {@code RUN <<EOF} whose line holds nothing but heredoc openers: the bodies are the scripts. */
    public static boolean runsHeredocBodies(Instruction.Run run) {
        return run.command() instanceof Command.ShellForm form && !run.heredocs().isEmpty()
                && HEREDOC_ONLY.matcher(form.script().value()).matches();
    }

    public Stage lastStage() {
        return stages.get(stages.size() - 1);
    }

    /** Stores what a {@link BatchRule} computed for this file in its batch. */
    public void putPrepared(Object key, Object value) {
        prepared.put(key, value);
    }

    /** What a {@link BatchRule} computed for this file, if it ran a batch that included it. */
    public <T> Optional<T> prepared(Object key, Class<T> type) {
        return Optional.ofNullable(prepared.get(key)).map(type::cast);
    }

    /** The shell model of a piece of shell text (memoised). */
    public ShellScript shell(SourceText text) {
        return shells.computeIfAbsent(text, ShellParser::parse);
    }

    /**
     * The shell scripts a RUN executes: its shell-form command, or, for {@code RUN <<EOF} whose
     * line holds nothing but heredoc openers, the heredoc bodies. Exec form runs no shell.
     */
    public List<ShellScript> shellScripts(Instruction.Run run) {
        if (!(run.command() instanceof Command.ShellForm shellForm)) {
            return List.of();
        }
        if (runsHeredocBodies(run)) {
            List<ShellScript> scripts = new ArrayList<>();
            for (Heredoc heredoc : run.heredocs()) {
                scripts.add(shell(heredoc.body()));
            }
            return scripts;
        }
        return List.of(shell(shellForm.source()));
    }

    /** All simple commands a RUN executes, across its scripts. */
    public List<dev.dftools.grammar.shell.SimpleCommand> commands(Instruction.Run run) {
        List<dev.dftools.grammar.shell.SimpleCommand> result = new ArrayList<>();
        for (ShellScript script : shellScripts(run)) {
            result.addAll(script.commands());
        }
        return result;
    }

}
