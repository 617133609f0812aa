package dev.dftools.sim.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.ast.Word;
import dev.dftools.grammar.context.GoPaths;
import dev.dftools.grammar.expand.Env;
import dev.dftools.grammar.expand.ExpansionException;
import dev.dftools.grammar.expand.ShellLex;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Turns a parsed Dockerfile into a {@link BuildPlan} with BuildKit's semantics (dockerfile2llb):
 * only the stages the target needs, global ARGs visible in FROM and in a stage only when
 * re-declared, ARG/ENV applied in order, and every instruction BuildKit expands expanded.
 */
public final class Planner {

    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Dockerfile dockerfile;
    private final PlanOptions options;
    private final ShellLex lex;
    private final List<Stage> stages;
    private final Map<String, String> globalArgs = new LinkedHashMap<>();
    private final Map<String, String> platformArgs = new LinkedHashMap<>();
    private final Map<Integer, StagePlan> planned = new TreeMap<>();

    private Planner(Dockerfile dockerfile, PlanOptions options) {
        this.dockerfile = dockerfile;
        this.options = options;
        this.lex = new ShellLex(dockerfile.escape());
        this.stages = dockerfile.stages();
    }

    /** Plans the build of {@code options.target()} (the last stage when null). */
    public static BuildPlan plan(Dockerfile dockerfile, PlanOptions options) throws PlanException {
        return new Planner(dockerfile, options).plan();
    }

    private BuildPlan plan() throws PlanException {
        if (dockerfile.hasErrors()) {
            var e = dockerfile.errors().get(0);
            throw new PlanException(options.fileName(), e.range(), e.message());
        }
        if (stages.isEmpty()) {
            throw new PlanException(options.fileName(), null, "the Dockerfile has no FROM instruction");
        }
        definePlatformArgs();
        for (Instruction instruction : dockerfile.preamble()) {
            if (!(instruction instanceof Instruction.Arg arg)) {
                throw error(instruction.range(), "only ARG may come before the first FROM, found "
                        + instruction.node().keyword().value().toUpperCase(Locale.ROOT));
            }
            for (ArgDeclaration d : arg.declarations()) {
                Env env = Env.builder().putAll(Env.of(platformArgs)).putAll(Env.of(globalArgs)).build();
                String name = d.name().value();
                String value = options.buildArgs().containsKey(name) ? options.buildArgs().get(name)
                        : d.defaultValue() == null ? null : expand(d.defaultValue(), env);
                if (value != null) {
                    globalArgs.put(name, value);
                } else {
                    globalArgs.remove(name);
                    globalArgs.put(name, null); // declared without a value: known, but unset
                }
            }
        }
        int target = targetIndex();
        planStage(target);
        List<StagePlan> ordered = new ArrayList<>();
        int index = 0;
        for (StagePlan stage : planned.values()) {
            List<Step> steps = new ArrayList<>();
            for (Step s : stage.steps()) {
                steps.add(new Step(index++, s.stage(), s.line(), s.column(), s.keyword(), s.text(), s.createdBy(),
                        s.effect(), s.workdir(), s.user(), s.shell(), s.env(), s.args(), s.copy(), s.mounts(),
                        s.instruction(), s.values()));
            }
            ordered.add(new StagePlan(stage.index(), stage.name(), stage.line(), stage.baseImage(),
                    stage.baseStage(), stage.platform(), steps, stage.dependsOn()));
        }
        Map<String, String> globals = new LinkedHashMap<>();
        globalArgs.forEach((k, v) -> globals.put(k, v == null ? "" : v));
        return new BuildPlan(ordered, globals);
    }

    private void definePlatformArgs() {
        String platform = options.platform();
        String[] parts = platform.split("/");
        String os = parts[0];
        String arch = parts.length > 1 ? parts[1] : "";
        String variant = parts.length > 2 ? parts[2] : "";
        for (String prefix : List.of("BUILD", "TARGET")) {
            platformArgs.put(prefix + "PLATFORM", platform);
            platformArgs.put(prefix + "OS", os);
            platformArgs.put(prefix + "ARCH", arch);
            platformArgs.put(prefix + "VARIANT", variant);
        }
    }

    private int targetIndex() throws PlanException {
        String target = options.target();
        if (target == null) {
            return stages.size() - 1;
        }
        for (Stage stage : stages) {
            if (stage.name().filter(n -> n.equals(target.toLowerCase(Locale.ROOT))).isPresent()) {
                return stage.index();
            }
        }
        List<String> names = stages.stream().flatMap(s -> s.name().stream()).toList();
        throw new PlanException(options.fileName(), null, "target stage \"" + target + "\" could not be found"
                + (names.isEmpty() ? " (no stage is named)" : "; stages: " + String.join(", ", names)));
    }

    /** A stage named or numbered {@code ref} defined before {@code before}, or null (then it is an image). */
    private @Nullable Integer stageRef(String ref, int before) {
        String lower = ref.toLowerCase(Locale.ROOT);
        for (int i = before - 1; i >= 0; i--) {
            if (stages.get(i).name().filter(lower::equals).isPresent()) {
                return i;
            }
        }
        if (lower.matches("[0-9]+")) {
            try {
                int i = Integer.parseInt(lower);
                return i < before ? i : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private Env fromEnv() {
        Map<String, String> vars = new LinkedHashMap<>(platformArgs);
        globalArgs.forEach((k, v) -> {
            if (v != null) {
                vars.put(k, v);
            }
        });
        return Env.of(vars);
    }

    private void planStage(int index) throws PlanException {
        if (planned.containsKey(index)) {
            return;
        }
        Stage stage = stages.get(index);
        Instruction.From from = stage.from();
        List<Integer> deps = new ArrayList<>();
        if (from.image() == null) {
            throw error(from.range(), "FROM needs an image");
        }
        String image = expand(from.image(), fromEnv());
        String platform = options.platform();
        var platformFlag = from.flag("platform");
        if (platformFlag.isPresent() && platformFlag.get().value() != null) {
            platform = expand(platformFlag.get().value(), platformFlag.get().range(), fromEnv());
            if (!platform.equals(options.platform())) {
                throw error(platformFlag.get().range(), "FROM --platform=" + platform
                        + " differs from the build platform " + options.platform() + "; cross-platform builds are not supported");
            }
        }
        Integer baseStage = stageRef(image, index);
        if (baseStage != null && !image.matches("[0-9]+")) {
            deps.add(baseStage);
            planStage(baseStage);
        } else {
            baseStage = null;
        }
        StageState state = new StageState();
        if (baseStage != null) {
            List<Step> baseSteps = planned.get(baseStage).steps();
            if (!baseSteps.isEmpty()) {
                Step last = baseSteps.get(baseSteps.size() - 1);
                state.workdir = last.workdir();
                state.user = last.user();
                state.shell = last.shell();
                state.env.putAll(last.env());
            }
        }
        if (!state.env.containsKey("PATH")) {
            state.env.put("PATH", DEFAULT_PATH);
        }
        List<Step> steps = new ArrayList<>();
        if (baseStage == null && !image.equals("scratch")) {
            steps.addAll(onBuildSteps(index, image, from, state, deps));
        }
        for (Instruction instruction : stage.instructions()) {
            steps.add(step(index, instruction, state, deps));
        }
        planned.put(index, new StagePlan(index, stage.name().orElse(null), from.range().startLine(),
                baseStage == null ? image : null, baseStage, platform, steps, deps.stream().distinct().sorted().toList()));
    }

    /**
     * The base image's ONBUILD triggers, planned like the stage's own instructions and run before
     * them; errors point at the FROM line (the triggers have no lines of their own).
     */
    private List<Step> onBuildSteps(int stage, String image, Instruction.From from, StageState state,
            List<Integer> deps) throws PlanException {
        List<Step> steps = new ArrayList<>();
        for (String trigger : options.onBuild().apply(image)) {
            Dockerfile fragment = dev.dftools.grammar.Dockerfiles.parse("FROM scratch\n" + trigger + "\n");
            if (fragment.hasErrors() || fragment.stages().isEmpty() || fragment.stages().get(0).instructions().size() != 1) {
                throw error(from.range(), "ONBUILD trigger of " + image + " does not parse: " + trigger);
            }
            Instruction instruction = fragment.stages().get(0).instructions().get(0);
            String keyword = instruction.name().toUpperCase(Locale.ROOT);
            if (List.of("ONBUILD", "FROM", "MAINTAINER").contains(keyword)) {
                throw error(from.range(), keyword + " isn't allowed as an ONBUILD trigger (" + image + ")");
            }
            Step s;
            try {
                s = step(stage, instruction, state, deps);
            } catch (PlanException e) {
                throw error(from.range(), "ONBUILD trigger of " + image + ": " + e.getMessage());
            }
            steps.add(new Step(s.index(), s.stage(), from.range().startLine(), from.range().start().column(), s.keyword(),
                    s.text(), s.createdBy(), s.effect(), s.workdir(), s.user(), s.shell(), s.env(), s.args(), s.copy(),
                    s.mounts(), s.instruction(), s.values()));
        }
        return steps;
    }

    /** The mutable state while walking one stage. */
    private static final class StageState {
        String workdir = "/";
        String user = "";
        List<String> shell = DEFAULT_SHELL;
        final Map<String, String> env = new LinkedHashMap<>();
        final Map<String, String> args = new LinkedHashMap<>();
        /** Every ARG name the stage declared, in order, repeats kept: BuildKit's RUN history prefix. */
        final List<String> declaredArgs = new ArrayList<>();

        /** ENV wins over ARG of the same name, as in BuildKit. */
        Env expansionEnv() {
            Map<String, String> vars = new LinkedHashMap<>(args);
            vars.putAll(env);
            return Env.of(vars);
        }
    }

    private Step step(int stage, Instruction instruction, StageState st, List<Integer> deps) throws PlanException {
        Env env = st.expansionEnv();
        String keyword = instruction.name().toUpperCase(Locale.ROOT);
        StepEffect effect = StepEffect.METADATA;
        String text;
        String createdBy = null;
        CopySpec copy = null;
        List<Mount> mounts = List.of();
        List<String> values = new ArrayList<>();
        if (instruction instanceof Instruction.Invalid invalid) {
            throw error(invalid.range(), invalid.message());
        } else if (instruction instanceof Instruction.Unknown unknown) {
            throw error(unknown.range(), "unknown instruction: " + keyword);
        } else if (instruction instanceof Instruction.From f) {
            throw error(f.range(), "unexpected FROM");
        } else if (instruction instanceof Instruction.Arg arg) {
            List<String> parts = new ArrayList<>();
            List<String> history = new ArrayList<>();
            for (ArgDeclaration d : arg.declarations()) {
                String name = d.name().value();
                String value;
                if (options.buildArgs().containsKey(name)) {
                    value = options.buildArgs().get(name);
                } else if (d.defaultValue() != null) {
                    value = expand(d.defaultValue(), env);
                } else if (globalArgs.get(name) != null) {
                    value = globalArgs.get(name); // re-declared global ARG: its value comes back
                } else {
                    value = platformArgs.get(name);
                }
                if (value != null) {
                    st.args.put(name, value);
                }
                st.declaredArgs.add(name);
                parts.add(d.defaultValue() == null ? name : name + "=" + (value == null ? "" : value));
                history.add(value == null ? name : name + "=" + value);
            }
            text = "ARG " + String.join(" ", parts);
            createdBy = "ARG " + String.join(" ", history); // an empty_layer history line, as BuildKit writes
        } else if (instruction instanceof Instruction.Env e) {
            List<String> parts = new ArrayList<>();
            Map<String, String> updates = new LinkedHashMap<>();
            for (KeyValue kv : e.pairs()) {
                String key = expand(kv.key(), env);
                String value = expand(kv.value(), env); // values from before this ENV, as BuildKit does
                updates.put(key, value);
                parts.add(key + "=" + value);
            }
            st.env.putAll(updates);
            text = "ENV " + String.join(" ", parts);
        } else if (instruction instanceof Instruction.Label l) {
            List<String> parts = new ArrayList<>();
            for (KeyValue kv : l.pairs()) {
                parts.add(expand(kv.key(), env) + "=" + expand(kv.value(), env));
            }
            text = "LABEL " + String.join(" ", parts);
            for (KeyValue kv : l.pairs()) {
                values.add(expand(kv.key(), env));
                values.add(expand(kv.value(), env));
            }
        } else if (instruction instanceof Instruction.Workdir w) {
            if (w.path() == null) {
                throw error(w.range(), "WORKDIR needs a path");
            }
            String path = expand(w.path(), env);
            st.workdir = GoPaths.clean(path.startsWith("/") ? path : st.workdir + "/" + path);
            effect = StepEffect.LAYER; // BuildKit creates the directory in its own layer
            text = "WORKDIR " + st.workdir;
        } else if (instruction instanceof Instruction.User u) {
            if (u.user() == null) {
                throw error(u.range(), "USER needs a user");
            }
            st.user = expand(u.user(), env);
            text = "USER " + st.user;
        } else if (instruction instanceof Instruction.Shell s) {
            if (!(s.command() instanceof Command.ExecForm exec) || exec.args().isEmpty()) {
                throw error(s.range(), "SHELL needs a JSON array, e.g. SHELL [\"/bin/sh\", \"-c\"]");
            }
            st.shell = exec.args().stream().map(Word::value).toList();
            text = "SHELL [" + String.join(", ", st.shell.stream().map(Planner::quote).toList()) + "]";
            createdBy = "SHELL " + GoFormat.list(st.shell);
        } else if (instruction instanceof Instruction.Expose x) {
            List<String> ports = new ArrayList<>();
            for (Word p : x.ports()) {
                ports.addAll(expandWords(p, env));
            }
            text = "EXPOSE " + String.join(" ", ports);
            try {
                values.addAll(portSpecs(ports));
            } catch (IllegalArgumentException ex) {
                throw error(x.range(), ex.getMessage());
            }
            createdBy = "EXPOSE map[" + String.join(" ", values.stream().map(p -> p + ":{}").toList()) + "]";
        } else if (instruction instanceof Instruction.Volume v) {
            List<String> paths = new ArrayList<>();
            for (Word p : v.paths()) {
                paths.add(expand(p, env));
            }
            text = "VOLUME [" + String.join(", ", paths.stream().map(Planner::quote).toList()) + "]";
            if (paths.contains("")) {
                throw error(v.range(), "VOLUME specified can not be an empty string");
            }
            createdBy = "VOLUME " + GoFormat.list(paths);
            values.addAll(paths);
        } else if (instruction instanceof Instruction.StopSignal s) {
            text = "STOPSIGNAL " + (s.signal() == null ? "" : expand(s.signal(), env));
        } else if (instruction instanceof Instruction.Run run) {
            effect = StepEffect.LAYER;
            mounts = mounts(stage, run, env, deps);
            if (run.flag("security").isPresent()) {
                throw error(run.flag("security").get().range(), "RUN --security is not supported");
            }
            String command = commandText(run.command());
            String flags = run.flags().stream().map(Flag::text).reduce("", (a, b) -> a + b + " ");
            text = "RUN " + flags + command;
            String args = run.command() instanceof Command.ExecForm ? command
                    : String.join(" ", st.shell) + " " + RunScript.of(command, run.heredocs()).script();
            createdBy = "RUN " + buildArgPrefix(st) + args + " # buildkit";
        } else if (instruction instanceof Instruction.Copy c) {
            effect = StepEffect.LAYER;
            copy = copySpec(stage, c, c.sources(), c.destination(), env, st, deps, false);
            text = copyText("COPY", c, copy);
            createdBy = copyHistory("COPY", copy, expand(c.destination(), env));
        } else if (instruction instanceof Instruction.Add a) {
            effect = StepEffect.LAYER;
            copy = copySpec(stage, a, a.sources(), a.destination(), env, st, deps, true);
            text = copyText("ADD", a, copy);
            createdBy = copyHistory("ADD", copy, expand(a.destination(), env));
        } else if (instruction instanceof Instruction.Cmd c) {
            text = "CMD " + commandText(c.command());
            createdBy = "CMD " + GoFormat.quoteList(argv(c.command(), st.shell));
        } else if (instruction instanceof Instruction.Entrypoint e) {
            text = "ENTRYPOINT " + commandText(e.command());
            createdBy = "ENTRYPOINT " + GoFormat.quoteList(argv(e.command(), st.shell));
        } else if (instruction instanceof Instruction.Healthcheck h) {
            text = instruction.node().text().text();
            try {
                createdBy = HealthcheckSpec.parse(h).createdBy();
            } catch (IllegalArgumentException ex) {
                throw error(h.range(), ex.getMessage());
            }
        } else if (instruction instanceof Instruction.Maintainer m) {
            text = "MAINTAINER " + (m.maintainer() == null ? "" : m.maintainer().value());
        } else if (instruction instanceof Instruction.Onbuild o) {
            text = instruction.node().text().text(); // triggers expand in the child build
            if (o.trigger() == null) {
                throw error(o.range(), "ONBUILD needs an instruction");
            }
        } else {
            throw new IllegalStateException("unhandled " + instruction);
        }
        if (createdBy == null) {
            createdBy = text;
        }
        var range = instruction.range();
        return new Step(-1, stage, range.startLine(), range.start().column(), keyword, text, createdBy, effect,
                st.workdir, st.user, st.shell, st.env, st.args, copy, mounts, instruction, values);
    }

    /** BuildKit's {@code |N K=V ...} before a RUN's command when the stage declared build args. */
    private static String buildArgPrefix(StageState st) {
        if (st.declaredArgs.isEmpty()) {
            return "";
        }
        List<String> kv = new ArrayList<>();
        for (String name : st.declaredArgs) {
            String v = st.env.containsKey(name) ? st.env.get(name) : st.args.getOrDefault(name, "");
            kv.add(name + "=" + v);
        }
        return "|" + kv.size() + " " + String.join(" ", kv) + " ";
    }

    /** The argv a CMD/ENTRYPOINT stores: exec form as written, shell form behind the SHELL. */
    private static List<String> argv(@Nullable Command command, List<String> shell) {
        if (command instanceof Command.ExecForm exec) {
            return exec.args().stream().map(Word::value).toList();
        }
        List<String> argv = new ArrayList<>(shell);
        argv.add(command instanceof Command.ShellForm s ? s.script().value() : "");
        return argv;
    }

    /** nat.ParsePortSpecs keys: {@code 80/tcp}, ranges expanded, sorted as Go prints a map. */
    static List<String> portSpecs(List<String> ports) {
        java.util.TreeSet<String> specs = new java.util.TreeSet<>();
        for (String p : ports) {
            String proto = "tcp";
            String spec = p;
            int slash = p.indexOf('/');
            if (slash >= 0) {
                proto = p.substring(slash + 1).toLowerCase(Locale.ROOT);
                spec = p.substring(0, slash);
            }
            int colon = spec.lastIndexOf(':'); // ip:hostPort:containerPort keeps the container port
            spec = colon >= 0 ? spec.substring(colon + 1) : spec;
            String[] range = spec.split("-", 2);
            try {
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (from < 0 || to > 65535 || to < from) {
                    throw new NumberFormatException();
                }
                for (int port = from; port <= to; port++) {
                    specs.add(port + "/" + proto);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid port: " + p);
            }
        }
        return List.copyOf(specs);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String commandText(@Nullable Command command) {
        if (command instanceof Command.ShellForm shell) {
            return shell.script().value();
        }
        if (command instanceof Command.ExecForm exec) {
            return "[" + String.join(", ", exec.args().stream().map(w -> quote(w.value())).toList()) + "]";
        }
        return "";
    }

    /** BuildKit's dispatchCopy commit message: flags it records, sources, the destination as written. */
    private static String copyHistory(String keyword, CopySpec copy, String destAsWritten) {
        StringBuilder sb = new StringBuilder(keyword);
        if (copy.parents()) {
            sb.append(" --parents");
        }
        if (copy.chown() != null && !copy.chown().isEmpty()) {
            sb.append(" --chown=").append(copy.chown());
        }
        if (copy.chmod() != null && !copy.chmod().isEmpty()) {
            sb.append(" --chmod=").append(copy.chmod());
        }
        copy.sources().forEach(src -> sb.append(' ').append(src));
        return sb.append(' ').append(destAsWritten).append(" # buildkit").toString();
    }

    private String copyText(String keyword, Instruction instruction, CopySpec copy) {
        StringBuilder sb = new StringBuilder(keyword);
        for (Flag flag : instruction.flags()) {
            String value = switch (flag.name()) {
                case "chown" -> copy.chown();
                case "chmod" -> copy.chmod();
                default -> flag.value();
            };
            sb.append(" --").append(flag.name());
            if (value != null) {
                sb.append('=').append(value);
            }
        }
        copy.sources().forEach(s -> sb.append(' ').append(s));
        return sb.append(' ').append(copy.destination()).toString();
    }

    private CopySpec copySpec(int stage, Instruction instruction, List<Word> sources, @Nullable Word destination,
            Env env, StageState st, List<Integer> deps, boolean add) throws PlanException {
        if (destination == null || sources.isEmpty()) {
            throw error(instruction.range(), instruction.name().toUpperCase(Locale.ROOT) + " needs a source and a destination");
        }
        Integer fromStage = null;
        String fromImage = null;
        var fromFlag = instruction.flag("from");
        if (fromFlag.isPresent()) {
            Flag flag = fromFlag.get();
            String ref = flag.value() == null ? "" : flag.value();
            if (ref.contains("$")) {
                throw error(flag.range(), "--from does not expand variables; name the stage or image directly");
            }
            fromStage = stageRef(ref, stage);
            if (fromStage != null) {
                deps.add(fromStage);
                planStage(fromStage);
            } else if (ref.matches("[0-9]+")) {
                throw error(flag.range(), "--from=" + ref + ": there is no earlier stage with that index");
            } else {
                fromImage = ref;
            }
        }
        if (!add && instruction.flag("checksum").isPresent()) {
            throw error(instruction.flag("checksum").get().range(), "checksum can't be specified for COPY");
        }
        for (String unsupported : List.of("keep-git-dir")) {
            if (instruction.flag(unsupported).isPresent()) {
                throw error(instruction.flag(unsupported).get().range(),
                        instruction.name().toUpperCase(Locale.ROOT) + " --" + unsupported + " is not supported yet");
            }
        }
        List<String> expanded = new ArrayList<>();
        for (Word source : sources) {
            String value = expand(source, env);
            if (add && isGitSource(value)) {
                throw error(source.range(), "ADD of a git repository is not supported: " + value);
            }
            expanded.add(value);
        }
        String dest = expand(destination, env);
        String absolute = GoPaths.clean(dest.startsWith("/") ? dest : st.workdir + "/" + dest);
        // a trailing slash (or ".") means "into this directory"; cleaning must not lose it
        if ((dest.endsWith("/") || dest.equals(".") || dest.endsWith("/.")) && !absolute.endsWith("/")) {
            absolute += "/";
        }
        String chown = flagValue(instruction, "chown", env);
        String chmod = flagValue(instruction, "chmod", env);
        if (chmod != null && !chmod.matches("[0-7]{1,4}")) {
            throw error(instruction.flag("chmod").get().range(), "--chmod must be octal (e.g. 0755), not " + chmod);
        }
        List<String> excludes = new ArrayList<>();
        for (Flag f : instruction.node().flags("exclude")) {
            if (f.value() != null) {
                excludes.add(expand(f.value(), f.range(), env));
            }
        }
        String checksum = flagValue(instruction, "checksum", env);
        if (checksum != null) {
            if (expanded.size() != 1 || !expanded.get(0).matches("^https?://.*")) {
                throw error(instruction.flag("checksum").get().range(),
                        "--checksum needs exactly one http(s) source");
            }
            if (!checksum.matches("sha256:[0-9a-f]{64}")) {
                throw error(instruction.flag("checksum").get().range(), "--checksum must be sha256:<64 hex digits>");
            }
        }
        boolean link = boolFlag(instruction, "link");
        boolean parents = boolFlag(instruction, "parents");
        if (!add) {
            for (String source : expanded) {
                if (source.matches("^https?://.*")) {
                    throw error(instruction.range(), "source can't be a URL for COPY");
                }
            }
        }
        return new CopySpec(expanded, absolute, fromStage, fromImage, chown, chmod, link, excludes, parents, checksum);
    }

    /** {@code --link} alone or {@code --link=true}. */
    private static boolean boolFlag(Instruction instruction, String name) {
        var flag = instruction.flag(name);
        return flag.isPresent() && (flag.get().value() == null || flag.get().value().isEmpty()
                || flag.get().value().equalsIgnoreCase("true"));
    }

    private static boolean isGitSource(String source) {
        return source.startsWith("git@") || source.startsWith("git://")
                || (source.matches("^https?://.*") && source.replaceAll("[#?].*$", "").endsWith(".git"));
    }

    private @Nullable String flagValue(Instruction instruction, String name, Env env) throws PlanException {
        var flag = instruction.flag(name);
        if (flag.isEmpty() || flag.get().value() == null) {
            return null;
        }
        return expand(flag.get().value(), flag.get().range(), env);
    }

    private List<Mount> mounts(int stage, Instruction.Run run, Env env, List<Integer> deps) throws PlanException {
        List<Mount> mounts = new ArrayList<>();
        for (Flag flag : run.node().flags("mount")) {
            String value = expand(flag.value() == null ? "" : flag.value(), flag.range(), env);
            Map<String, String> opts = new LinkedHashMap<>();
            for (String field : value.split(",")) {
                int eq = field.indexOf('=');
                opts.put(eq < 0 ? field : field.substring(0, eq), eq < 0 ? "" : field.substring(eq + 1));
            }
            String type = opts.getOrDefault("type", "bind");
            if (!List.of("bind", "cache", "tmpfs", "secret").contains(type)) {
                throw error(flag.range(), "RUN --mount=type=" + type + " is not supported"
                        + (type.equals("ssh") ? " (no SSH agent forwarding in dfsim)" : ""));
            }
            Integer fromStage = null;
            String from = opts.get("from");
            if (from != null) {
                fromStage = stageRef(from, stage);
                if (fromStage != null) {
                    deps.add(fromStage);
                    planStage(fromStage);
                } else if (from.matches("[0-9]+")) {
                    throw error(flag.range(), "RUN --mount from=" + from + ": there is no earlier stage with that index");
                } else if (!type.equals("bind") && !type.equals("cache")) {
                    throw error(flag.range(), "RUN --mount=type=" + type + " takes no from=");
                }
                // else an image (from the store), resolved by the build
            }
            mounts.add(new Mount(type, opts, fromStage));
        }
        return mounts;
    }

    private String expand(Word word, Env env) throws PlanException {
        return expand(word.value(), word.range(), env);
    }

    private String expand(String value, SourceRange range, Env env) throws PlanException {
        try {
            return lex.processWord(value, env).value();
        } catch (ExpansionException e) {
            throw error(range, "cannot expand " + e.word() + ": " + e.reason());
        }
    }

    private List<String> expandWords(Word word, Env env) throws PlanException {
        try {
            return lex.processWords(word.value(), env).words();
        } catch (ExpansionException e) {
            throw error(word.range(), "cannot expand " + e.word() + ": " + e.reason());
        }
    }

    private PlanException error(SourceRange range, String message) {
        return new PlanException(options.fileName(), range, message);
    }
}
