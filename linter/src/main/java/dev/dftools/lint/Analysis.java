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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;


/**
 * What rules share about one Dockerfile, computed once: its stages and how they relate, and the
 * shell model of each RUN. Immutable apart from the memo of parsed shell scripts.
 */
public final class Analysis {

    private static final Pattern HEREDOC_ONLY = Pattern.compile("(\\s*\\d*<<-?\\S+)+\\s*");

    private final Dockerfile dockerfile;
    private final LintConfig config;
    private final List<Stage> stages;
    /** Where each stage's FROM starts, in file order: an instruction belongs to the last stage starting at or before it. */
    private final int[] fromOffsets;
    /** Each stage's text (see {@link #stageText}), made on first use. */
    private final String[] stageTexts;
    private final StageFacts stageFacts;
    /** Each stage's facts (see {@link #stageFact}), looked up on first use. */
    private final AtomicReferenceArray<Map<Object, Object>> factsOf;
    /** Each stage's parent ({@code FROM name} of an earlier stage); stages built on an image are absent. */
    private final Map<Stage, Stage> parents = new IdentityHashMap<>();
    private final Set<Stage> usedAsBase = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The first stage of each (lower-cased) name. */
    private final Map<String, Stage> byName = new HashMap<>();
    /** Guarded by itself: a batch rule's thread may ask for shell models while the rules run. */
    private final Map<SourceText, ShellScript> shells = new IdentityHashMap<>();
    /** Facts rules derive from the whole file, computed once per file (see {@link #memo}). */
    private final Map<Object, Object> memos = new java.util.concurrent.ConcurrentHashMap<>();
    /** Results computed for this file ahead of time by a {@link BatchRule}, by key. */
    private final Map<Object, Object> prepared = new java.util.concurrent.ConcurrentHashMap<>();

    public Analysis(Dockerfile dockerfile, LintConfig config) {
        this(dockerfile, config, StageFacts.fresh());
    }

    /**
     * @param stageFacts what an earlier version of the same document found about its stages (see
     *                   {@link StageFacts}); {@link StageFacts#fresh()} when there is none
     */
    public Analysis(Dockerfile dockerfile, LintConfig config, StageFacts stageFacts) {
        this.dockerfile = dockerfile;
        this.config = config;
        this.stageFacts = stageFacts;
        this.stages = dockerfile.stages();
        this.fromOffsets = new int[stages.size()];
        this.stageTexts = new String[stages.size()];
        this.factsOf = new AtomicReferenceArray<>(stages.size());
        for (Stage stage : stages) {
            fromOffsets[stage.index()] = stage.from().range().start().offset();
            // a FROM can only name an earlier stage, so the names seen so far are the candidates
            if (stage.from().image() != null) {
                Stage parent = byName.get(stage.from().image().value().toLowerCase(Locale.ROOT));
                if (parent != null) {
                    parents.put(stage, parent);
                    usedAsBase.add(parent);
                }
            }
            stage.name().ifPresent(name -> byName.putIfAbsent(name, stage));
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

    /** The stage an instruction of this file belongs to; empty for instructions before the first FROM. */
    public Optional<Stage> stageOf(Instruction instruction) {
        int at = Arrays.binarySearch(fromOffsets, instruction.range().start().offset());
        int index = at >= 0 ? at : -at - 2; // else the last stage starting before it
        return index < 0 ? Optional.empty() : Optional.of(stages.get(index));
    }

    /** The stage named {@code name} (case-insensitive, as BuildKit compares stage names). */
    public Optional<Stage> stageNamed(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The earlier stage this stage builds on ({@code FROM builder}), if its image is a stage name. */
    public Optional<Stage> parentStage(Stage stage) {
        return Optional.ofNullable(parents.get(stage));
    }

    /** True when a later FROM builds on this stage. */
    public boolean isUsedAsBase(Stage stage) {
        return usedAsBase.contains(stage);
    }

    /** True for the instruction an {@code ONBUILD} of this file wraps (it runs in the builds of other Dockerfiles). */
    public boolean isOnbuildTrigger(Instruction instruction) {
        Optional<Stage> stage = stageOf(instruction);
        if (stage.isEmpty()) {
            return false;
        }
        // the stage's last instruction starting at or before it: the ONBUILD that wraps it, if any
        List<Instruction> body = stage.get().instructions();
        int found = Instruction.lastStartingAtOrBefore(body, instruction.range().start().offset());
        return found >= 0 && body.get(found) instanceof Instruction.Onbuild onbuild && onbuild.trigger() == instruction;
    }

    /**
     * The stage's text: from its first line (the comments attached to its FROM included) to the
     * first line of the next stage, or the end of the file.
     */
    public String stageText(Stage stage) {
        String text = stageTexts[stage.index()];
        if (text == null) {
            int start = dockerfile.textStart(stage);
            int end = stage.index() + 1 < stages.size()
                    ? dockerfile.textStart(stages.get(stage.index() + 1)) : dockerfile.text().length();
            text = dockerfile.text().substring(start, end);
            stageTexts[stage.index()] = text; // a racing thread makes an equal string
        }
        return text;
    }

    /**
     * A fact about one stage that its text decides, computed from the stage's instructions alone
     * and holding no AST node or position (see {@link StageFacts}): kept from the document's
     * previous version when the stage's text is unchanged, else computed now.
     */
    public <T> T stageFact(Stage stage, Object kind, Class<T> type, java.util.function.Function<Stage, T> compute) {
        Map<Object, Object> facts = factsOf.get(stage.index());
        if (facts == null) {
            facts = stageFacts.forText(stageText(stage));
            factsOf.set(stage.index(), facts); // a racing thread finds the same map
        }
        return StageFacts.get(facts, kind, type, () -> compute.apply(stage));
    }

    /**
     * A fact kept from the document's previous version under a key that decides it entirely (a
     * digest of every definition it is made from, say), or kept by this version; null when unknown.
     * Like a stage fact, it holds no AST node or position.
     */
    public <T> @Nullable T keptFact(Object kind, Object key, Class<T> type) {
        return stageFacts.keyed(kind, key, type);
    }

    /** Keeps a fact for this version and the next under a key that decides it entirely (see {@link #keptFact}). */
    public void keepFact(Object kind, Object key, Object value) {
        stageFacts.keep(kind, key, value);
    }

    /** What the next version of the document may reuse (see {@link StageFacts#next}). */
    public StageFacts stageFactsForNextVersion() {
        return stageFacts.next();
    }

    /**
     * A fact a rule derives from the whole file, computed on first use and then shared by every
     * rule that asks with the same key (e.g. variable scopes), so no rule repeats whole-file work
     * per instruction. The computation must depend on this file only.
     */
    public <T> T memo(Object key, Class<T> type, java.util.function.Function<Analysis, T> compute) {
        Object value = memos.get(key);
        if (value == null) {
            value = compute.apply(this);
            Object raced = memos.putIfAbsent(key, value);
            value = raced != null ? raced : value;
        }
        return type.cast(value);
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
        synchronized (shells) {
            return shells.computeIfAbsent(text, ShellParser::parse);
        }
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
