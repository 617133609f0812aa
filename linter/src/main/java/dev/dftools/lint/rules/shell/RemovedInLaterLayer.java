package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.shell.Redirect;
import dev.dftools.grammar.shell.RedirectOperator;
import dev.dftools.grammar.shell.ShellScript;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageInflow;
import dev.dftools.lint.StageRule;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The Docker docs' first layer lesson: a file deleted in a later layer is only hidden (a whiteout
 * entry); its bytes still ship in the layer that created it. Reported on the {@code rm} of a RUN
 * that deletes what an earlier RUN/COPY/ADD of the same stage (or of the stage it is built
 * {@code FROM}) put there, naming that line. Only in stages whose layers ship (the last stage and
 * stages used as a base); a builder stage hands over only what {@code COPY --from} takes.
 * <p>
 * What counts as created, kept to what is certain: COPY/ADD destinations (a directory or
 * {@code .} source puts its content under the destination, so deleting anything inside counts;
 * a file source only its own path); files written by {@code wget}, {@code curl -o|-O} and
 * {@code > file}; {@code git clone} directories; the package lists and caches that package managers
 * leave behind ({@code apt-get update} → /var/lib/apt/lists, {@code apk} without
 * {@code --no-cache} → /var/cache/apk, {@code pip install} without {@code --no-cache-dir} →
 * /root/.cache/pip, {@code yum}/{@code dnf install} → their caches). A RUN that deletes its own
 * files cancels them, and paths under a {@code --mount} target never reach a layer. Deleting
 * something inside a copied directory counts only until a command that may write there (a build)
 * has run: after that it may be build output, not copied bytes. Relative
 * paths resolve against WORKDIR and literal {@code cd}s; paths with variables are compared as
 * written.
 */
@RuleInfo(code = "DF3510", slug = "removed-in-later-layer", severity = Severity.WARNING,
        summary = "A RUN deletes files an earlier instruction created; their bytes stay in the earlier layer.",
        tags = {"run", "layers", "size"})
public final class RemovedInLaterLayer implements StageRule, StageInflow {

    /**
     * Something an instruction put into a layer.
     *
     * @param tree deleting a path inside it also deletes bytes it brought
     */
    private record Created(String path, boolean tree, int line, String by) {

        /** A COPY/ADD tree: what is inside is known only until some command may have written there. */
        boolean isCopy() {
            return by.equals("COPY") || by.equals("ADD");
        }
    }

    /** Commands that do not write files a later rm could mean. */
    private static final String[] HARMLESS = {"rm", "cd", "set", "echo", "true", ":", "ls", "chmod", "chown",
        "mkdir", "test", "["};

    private static final class StageState {
        String workdir = "/";
        List<Created> created = new ArrayList<>();
        /**
         * The first {@code settled} entries hold no copied tree any more (a command that may write
         * has run since): later such commands need not look at them, which keeps long chains of
         * stages linear.
         */
        int settled;

        StageState copy() {
            StageState s = new StageState();
            s.workdir = workdir;
            s.created = new ArrayList<>(created);
            s.settled = settled;
            return s;
        }

        /** An immutable copy, comparable with equals. */
        List<Object> snapshot() {
            return List.of(workdir, List.copyOf(created), settled);
        }
    }

    /** What each stage ends with, computed on demand (a stage's start needs only its parents'). */
    private static final class Ends {
        private final Map<Stage, StageState> ends = new IdentityHashMap<>();

        /** The stage's end, computed after its parents' (in a loop: chains of stages may be long). */
        synchronized StageState end(Analysis analysis, Stage stage) {
            List<Stage> chain = new ArrayList<>();
            for (Stage s = stage; s != null && !ends.containsKey(s); s = analysis.parentStage(s).orElse(null)) {
                chain.add(s);
            }
            for (int i = chain.size() - 1; i >= 0; i--) {
                Stage s = chain.get(i);
                StageState start = analysis.parentStage(s).map(p -> ends.get(p).copy()).orElseGet(StageState::new);
                ends.put(s, run(analysis, s, start, Findings.DISCARD));
            }
            return ends.get(stage);
        }

        StageState start(Analysis analysis, Stage stage) {
            return analysis.parentStage(stage).map(p -> end(analysis, p).copy()).orElseGet(StageState::new);
        }
    }

    @Override
    public void check(Stage stage, Analysis analysis, Findings out) {
        if (ShellFacts.ships(analysis, stage) && mayRunRm(analysis, stage)) { // else it reports nothing
            run(analysis, stage, ends(analysis).start(analysis, stage), out);
        }
    }

    /**
     * What the stages it builds on leave (the paths they created, the WORKDIR), which only
     * matters for a stage that may run {@code rm}: the others report nothing, and their inflow
     * spares parsing the shell of every RUN before them.
     */
    @Override
    public Object inflow(Analysis analysis, @Nullable Stage stage) {
        if (stage == null || !analysis.ships(stage) || !mayRunRm(analysis, stage)) {
            return List.of();
        }
        return ends(analysis).start(analysis, stage).snapshot();
    }

    private static Ends ends(Analysis analysis) {
        return analysis.memo(Ends.class, Ends.class, a -> new Ends());
    }

    /** Runs the stage's instructions over {@code state} (which it changes and returns). */
    private static StageState run(Analysis analysis, Stage stage, StageState state, Findings out) {
        for (Instruction instruction : stage.instructions()) {
            if (instruction instanceof Instruction.Workdir w && w.path() != null) {
                state.workdir = PathNames.resolve(state.workdir, w.path().value());
            } else if (instruction instanceof Instruction.Copy copy) {
                addCopied(state, copy.sources(), copy.destination(), copy.range().startLine(), "COPY");
            } else if (instruction instanceof Instruction.Add add) {
                addCopied(state, add.sources(), add.destination(), add.range().startLine(), "ADD");
            } else if (instruction instanceof Instruction.Run run) {
                checkRun(analysis, run, state, out);
            }
        }
        return state;
    }

    /**
     * Whether some RUN of the stage may have a command named {@code rm}, judged on the text
     * without parsing the shell: a command's name is its text less quotes, backslashes, the
     * {@code $} of {@code $'...'} and the line breaks of shell continuations (in a heredoc
     * script), so "rm" must show in the text without them. Kept while the stage's text is unchanged.
     */
    private static boolean mayRunRm(Analysis analysis, Stage stage) {
        return analysis.stageFact(stage, RemovedInLaterLayer.class, Boolean.class, RemovedInLaterLayer::mayRunRm);
    }

    private static boolean mayRunRm(Stage stage) {
        for (Instruction instruction : stage.instructions()) {
            if (instruction instanceof Instruction.Run run) {
                if (run.command() instanceof Command.ShellForm form && containsRm(form.source().text())) {
                    return true;
                }
                for (Heredoc heredoc : run.heredocs()) {
                    if (containsRm(heredoc.body().text())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean containsRm(String text) {
        char previous = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '\\' || c == '$' || c == '\n' || c == '\r') {
                continue;
            }
            if (previous == 'r' && c == 'm') {
                return true;
            }
            previous = c;
        }
        return false;
    }

    private static void addCopied(StageState state, List<dev.dftools.grammar.ast.Word> sources,
            dev.dftools.grammar.ast.@Nullable Word destination, int line, String by) {
        if (destination == null || sources.isEmpty()) {
            return;
        }
        String dest = PathNames.resolve(state.workdir, destination.value());
        boolean intoDir = destination.value().endsWith("/") || sources.size() > 1;
        for (dev.dftools.grammar.ast.Word source : sources) {
            String s = source.value();
            boolean contents = s.equals(".") || s.endsWith("/") || s.endsWith("/.") || s.equals("*")
                    || !intoDir; // a single source copied to a name: whatever it is, it is at dest
            if (contents) {
                state.created.add(new Created(dest, true, line, by));
            } else {
                String trimmed = s.replaceAll("/+$", "");
                String base = trimmed.substring(trimmed.lastIndexOf('/') + 1).replaceAll("[?#].*", "");
                state.created.add(new Created(PathNames.resolve(dest, base), true, line, by));
            }
        }
    }

    private static void checkRun(Analysis analysis, Instruction.Run run, StageState state, Findings out) {
        List<String> mounts = PathNames.mountTargets(run);
        int line = run.range().startLine();
        List<Created> own = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        boolean wrote = false; // a command that may have written into a copied tree ran
        for (ShellScript script : analysis.shellScripts(run)) {
            List<SimpleCommand> commands = script.commands();
            for (SimpleCommand command : commands) {
                String cwd = PathNames.cwdAt(commands, command, state.workdir);
                if (command.isNamed("rm")) {
                    Created hit = null;
                    String hitPath = null;
                    for (Word op : command.operands()) {
                        String pattern = PathNames.resolve(cwd, PathNames.home(op.value()));
                        removed.add(pattern);
                        if (own.stream().anyMatch(c -> deletes(pattern, c))) {
                            continue; // made by this RUN: deleted in the same layer
                        }
                        for (int i = state.created.size() - 1; i >= 0 && hit == null; i--) {
                            Created c = state.created.get(i);
                            if (deletes(pattern, c) && !(wrote && c.isCopy() && !wholly(pattern, c))) {
                                hit = state.created.get(i);
                                hitPath = op.raw();
                            }
                        }
                    }
                    if (hit != null) {
                        out.report(command.name().range(), "`rm " + hitPath + "` deletes what " + hit.by()
                                + " on line " + hit.line() + " put into an earlier layer (" + hit.path()
                                + "): the bytes stay in the image; delete it in the instruction that creates it"
                                + (hit.by().startsWith("COPY") || hit.by().startsWith("ADD")
                                        ? " or keep it out of the build context (.dockerignore)" : ""));
                    }
                    continue;
                }
                wrote |= !command.isNamed(HARMLESS);
                for (Created c : creations(command, cwd, line)) {
                    if (!PathNames.underMount(c.path(), mounts)) {
                        own.add(c);
                    }
                }
            }
        }
        if (wrote) {
            // the copied trees may now hold build output: only their exact paths stay certain
            List<Created> created = state.created;
            for (int i = state.settled; i < created.size(); i++) {
                Created c = created.get(i);
                if (c.isCopy() && c.tree()) {
                    created.set(i, new Created(c.path(), false, c.line(), c.by()));
                }
            }
            state.settled = created.size();
        }
        state.created.addAll(own);
        if (!removed.isEmpty()) {
            // wholly deleted in this RUN: no longer there for later RUNs to delete (and no double reports)
            int before = state.created.size();
            List<Created> kept = new ArrayList<>(before);
            int removedSettled = 0;
            for (int i = 0; i < before; i++) {
                Created c = state.created.get(i);
                if (removed.stream().noneMatch(p -> PathNames.matches(p, c.path()) || PathNames.isInside(c.path(), p))) {
                    kept.add(c);
                } else if (i < state.settled) {
                    removedSettled++;
                }
            }
            state.settled -= removedSettled;
            state.created = kept;
        }
    }

    /** Whether removing {@code pattern} deletes all of {@code created}. */
    private static boolean wholly(String pattern, Created created) {
        return PathNames.matches(pattern, created.path()) || PathNames.isInside(created.path(), pattern);
    }

    /** Whether removing {@code pattern} deletes bytes {@code created} brought. */
    private static boolean deletes(String pattern, Created created) {
        return PathNames.matches(pattern, created.path()) || PathNames.isInside(created.path(), pattern)
                || created.tree() && PathNames.isInside(pattern, created.path());
    }

    private static List<Created> creations(SimpleCommand command, String cwd, int line) {
        List<Created> out = new ArrayList<>();
        String name = ShellFacts.baseName(command);
        for (Redirect r : command.redirects()) {
            if ((r.operator() == RedirectOperator.OUTPUT || r.operator() == RedirectOperator.APPEND
                    || r.operator() == RedirectOperator.CLOBBER || r.operator() == RedirectOperator.OUTPUT_ALL)
                    && r.target() != null && !r.target().value().startsWith("/dev/")) {
                out.add(new Created(PathNames.resolve(cwd, r.target().value()), false, line, "`" + name + " >`"));
            }
        }
        if (command.isNamed("wget")) {
            Word o = ShellFacts.optionValue(command, "-O", "--output-document");
            if (o != null && !ShellFacts.optionText(o, "-O", "--output-document").equals("-")) {
                out.add(file(cwd, ShellFacts.optionText(o, "-O", "--output-document"), line, "wget"));
            } else if (o == null) {
                Word dir = ShellFacts.optionValue(command, "-P", "--directory-prefix");
                String base = urlBase(command);
                if (base != null) {
                    String prefix = dir == null ? "" : ShellFacts.optionText(dir, "-P", "--directory-prefix") + "/";
                    out.add(file(cwd, prefix + base, line, "wget"));
                }
            }
        } else if (command.isNamed("curl")) {
            Word o = ShellFacts.optionValue(command, "-o", "--output");
            if (o != null && !ShellFacts.optionText(o, "-o", "--output").equals("-")) {
                out.add(file(cwd, ShellFacts.optionText(o, "-o", "--output"), line, "curl"));
            } else if (command.hasFlag("-O", "--remote-name") && urlBase(command) != null) {
                out.add(file(cwd, urlBase(command), line, "curl"));
            }
        } else if (command.isNamed("git") && command.hasArg("clone")) {
            // the repository is the operand that looks like one (option values such as --depth 1
            // are operands too); the directory, if given, follows it
            List<Word> ops = command.operands();
            int at = 0;
            while (at < ops.size() && !looksLikeRepository(ops.get(at).value())) {
                at++;
            }
            String dir = at + 1 < ops.size() ? ops.get(at + 1).value()
                    : at < ops.size() ? ops.get(at).value().replaceAll("/+$", "").replaceAll(".*[/:]", "")
                            .replaceAll("\\.git$", "") : null;
            if (dir != null && !dir.isEmpty()) {
                out.add(new Created(PathNames.resolve(cwd, dir), true, line, "`git clone`"));
            }
        } else if (command.isNamed("apt-get", "apt") && command.hasArg("update")) {
            out.add(new Created("/var/lib/apt/lists", true, line, "`" + name + " update`"));
        } else if (command.isNamed("apk") && (command.hasArg("add") || command.hasArg("update"))
                && !command.hasFlag("--no-cache")) {
            out.add(new Created("/var/cache/apk", true, line, "`apk`"));
        } else if (command.isNamed("pip", "pip3") && command.hasArg("install") && !command.hasFlag("--no-cache-dir")) {
            out.add(new Created("/root/.cache/pip", true, line, "`" + name + " install`"));
        } else if (command.isNamed("yum", "dnf", "microdnf") && command.hasArg("install")) {
            out.add(new Created("/var/cache/" + (name.equals("microdnf") ? "dnf" : name), true, line,
                    "`" + name + " install`"));
        }
        return out;
    }

    private static boolean looksLikeRepository(String operand) {
        return operand.contains("://") || operand.startsWith("git@") || operand.endsWith(".git");
    }

    private static Created file(String cwd, String path, int line, String by) {
        return new Created(PathNames.resolve(cwd, PathNames.home(path)), false, line, "`" + by + "`");
    }

    private static @Nullable String urlBase(SimpleCommand command) {
        for (Word op : command.operands()) {
            String url = op.value();
            int scheme = url.indexOf("://");
            if (scheme >= 0) {
                String path = url.substring(scheme + 3).replaceAll("[?#].*", "");
                int slash = path.lastIndexOf('/');
                String base = slash < 0 ? "" : path.substring(slash + 1);
                return base.isEmpty() ? null : base;
            }
        }
        return null;
    }
}
