package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.expand.Env;
import dev.dftools.grammar.expand.ExpansionException;
import dev.dftools.grammar.expand.ShellLex;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.rules.InheritedVariables;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The variables in scope before each instruction, the way BuildKit tracks them while it
 * dispatches a stage (dockerfile2llb): the global ARGs before the first FROM (plus the automatic
 * platform args) are only visible inside a stage once re-declared with {@code ARG NAME}; ENV and
 * ARG take effect in order; a stage built {@code FROM <stage>} starts with everything its parent
 * stage ended with. ARG defaults are expanded one declaration after the other (so
 * {@code ARG A=1 B=$A} sees A); all pairs of one ENV see the values from before it.
 * <p>
 * What a base image defines is unknown statically, so each scope says whether its stage chain
 * starts from {@code scratch} (then the scope is complete) or from an external image.
 * One per file ({@link #of}); a stage is walked when a scope in it is first asked for.
 */
public final class VariableScopes {

    /** BuildKit's automatic platform args, always present in the global scope. */
    public static final Map<String, String> AUTOMATIC_PLATFORM_ARGS = Map.of(
            "BUILDPLATFORM", "linux/amd64", "BUILDOS", "linux", "BUILDARCH", "amd64", "BUILDVARIANT", "",
            "TARGETPLATFORM", "linux/amd64", "TARGETOS", "linux", "TARGETARCH", "amd64", "TARGETVARIANT", "");

    /** The proxy build args BuildKit predefines (they reach RUN without a declaration). */
    public static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    /** BuildKit sets a default PATH in every stage whose image has none. */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * The variables visible before one instruction.
     *
     * @param env          names with a value (ENV, ARGs with a default or a global value, PATH)
     * @param declaredArgs every ARG declared so far in the stage chain, with or without a value
     * @param fromScratch  the stage chain starts from {@code scratch}: nothing else is defined
     */
    public record Scope(Env env, Set<String> declaredArgs, boolean fromScratch) {

        public Scope {
            declaredArgs = declaredArgs instanceof LayeredNames ? declaredArgs : Set.copyOf(declaredArgs);
        }

        /** True when BuildKit would not report {@code name} as undefined. */
        public boolean defines(String name) {
            return env.get(name) != null || declaredArgs.contains(name);
        }

        /** Every name the scope knows (for did-you-mean suggestions). */
        public Set<String> names() {
            Set<String> names = new LinkedHashSet<>(env.names());
            names.addAll(declaredArgs);
            return names;
        }
    }

    /** Guarded by this (as is {@link #stageEnd}): stages are walked on first use. */
    private final Map<Instruction, Scope> before = new IdentityHashMap<>();
    private final Map<Stage, Scope> stageEnd = new IdentityHashMap<>();
    private final Analysis analysis;
    private final ShellLex lex;
    private final Env globalArgs;
    private final Set<String> globalArgNames;

    private VariableScopes(Analysis analysis, ShellLex lex, Env globalArgs, Set<String> globalArgNames) {
        this.analysis = analysis;
        this.lex = lex;
        this.globalArgs = globalArgs;
        this.globalArgNames = Set.copyOf(globalArgNames);
    }

    /** The scopes of the analysed file, computed once per file and shared by the rules that ask. */
    public static VariableScopes of(Analysis analysis) {
        return analysis.memo(VariableScopes.class, VariableScopes.class, VariableScopes::compute);
    }

    private static VariableScopes compute(Analysis analysis) {
        ShellLex lex = new ShellLex(analysis.dockerfile().escape());
        // the global scope: automatic platform args, then the ARGs before the first FROM
        LinkedHashMap<String, String> global = new LinkedHashMap<>(AUTOMATIC_PLATFORM_ARGS);
        Set<String> globalNames = new LinkedHashSet<>();
        Map<Instruction, Scope> preamble = new IdentityHashMap<>();
        for (Instruction instruction : analysis.dockerfile().preamble()) {
            preamble.put(instruction, new Scope(Env.of(global), globalNames, true));
            if (instruction instanceof Instruction.Arg arg) {
                for (ArgDeclaration declaration : arg.declarations()) {
                    String name = declaration.name().value();
                    globalNames.add(name);
                    if (declaration.defaultValue() != null) {
                        global.put(name, expand(lex, declaration.defaultValue().value(), Env.of(global)));
                    }
                }
            }
        }
        VariableScopes scopes = new VariableScopes(analysis, lex, Env.of(global), globalNames);
        scopes.before.putAll(preamble);
        return scopes;
    }

    /**
     * Walks the stage once, after the stages it builds on: a stage's scopes need only theirs (a
     * linter that checks one stage of a long file does not walk the others). What a stage it
     * builds on ends with is kept from the document's previous version when every definition it
     * is made from is unchanged (see {@link Analysis#keptFact}): an edit in a long chain of stages
     * walks the edited stage, not its ancestors.
     */
    private Scope walked(Stage stage) {
        List<Stage> chain = new ArrayList<>();
        for (Stage s = stage; s != null && !stageEnd.containsKey(s); s = analysis.parentStage(s).orElse(null)) {
            Scope kept = s == stage ? null
                    : analysis.keptFact(Scope.class, InheritedVariables.atEnd(analysis, s), Scope.class);
            if (kept != null) {
                stageEnd.put(s, kept);
                break;
            }
            chain.add(s);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            walk(chain.get(i), analysis, lex);
        }
        return stageEnd.get(stage);
    }

    private void walk(Stage stage, Analysis analysis, ShellLex lex) {
        Optional<Stage> parent = analysis.parentStage(stage);
        // a child stage shares its parent's variables and lays its own over them: copying them
        // per stage and instruction made long chains of stages quadratic
        LayeredEnv env;
        LayeredNames args;
        boolean fromScratch;
        if (parent.isPresent() && stageEnd.containsKey(parent.get())) {
            Scope inherited = stageEnd.get(parent.get());
            env = LayeredEnv.over(inherited.env());
            args = LayeredNames.over(inherited.declaredArgs());
            fromScratch = inherited.fromScratch();
        } else {
            Instruction.From from = stage.from();
            fromScratch = from.image() != null && from.image().value().toLowerCase(Locale.ROOT).equals("scratch");
            env = LayeredEnv.of(Map.of("PATH", DEFAULT_PATH));
            args = LayeredNames.EMPTY;
        }
        // one Scope object per run of instructions that change nothing
        Scope scope = null;
        for (Instruction instruction : stage.instructions()) {
            if (scope == null) {
                scope = new Scope(env, args, fromScratch);
            }
            before.put(instruction, scope);
            if (instruction instanceof Instruction.Onbuild onbuild && onbuild.trigger() != null) {
                before.put(onbuild.trigger(), scope);
            }
            if (instruction instanceof Instruction.Arg || instruction instanceof Instruction.Env) {
                scope = null; // the next instruction sees new variables
            }
            if (instruction instanceof Instruction.Arg arg) {
                Set<String> declared = new LinkedHashSet<>();
                for (ArgDeclaration declaration : arg.declarations()) {
                    String name = declaration.name().value();
                    if (declaration.defaultValue() != null) {
                        env = env.with(name, expand(lex, declaration.defaultValue().value(), env));
                    } else if (globalArgs.get(name) != null) {
                        env = env.with(name, globalArgs.get(name));
                    }
                    declared.add(name);
                }
                args = args.with(declared);
            } else if (instruction instanceof Instruction.Env envInstruction) {
                Env old = env;
                LinkedHashMap<String, String> pairs = new LinkedHashMap<>();
                for (KeyValue pair : envInstruction.pairs()) {
                    pairs.put(expand(lex, pair.key().value(), old), expand(lex, pair.value().value(), old));
                }
                env = env.with(pairs);
            }
        }
        Scope end = new Scope(env, args, fromScratch);
        stageEnd.put(stage, end);
        analysis.keepFact(Scope.class, InheritedVariables.atEnd(analysis, stage), end);
    }

    private static String expand(ShellLex lex, String word, Env env) {
        try {
            return lex.processWord(word, env).value();
        } catch (ExpansionException e) {
            return word; // another rule reports the broken word; keep the name defined
        }
    }

    /**
     * The scope right before an instruction (an ONBUILD trigger gets its wrapper's); for
     * instructions before the first FROM, the global scope built so far.
     */
    public synchronized Scope before(Instruction instruction) {
        Scope scope = before.get(instruction);
        if (scope == null) {
            Stage stage = analysis.stageOf(instruction).orElse(null);
            if (stage != null && !stageEnd.containsKey(stage)) {
                walked(stage);
                scope = before.get(instruction);
            }
        }
        return scope != null ? scope : new Scope(globalArgs, globalArgNames, true);
    }

    /** What a stage ends with (what a {@code FROM <stage>} child starts from). */
    public synchronized Scope atEnd(Stage stage) {
        return walked(stage);
    }

    /** The global ARGs with a value (defaults), and the automatic platform args. */
    public Env globalArgs() {
        return globalArgs;
    }

    /** The names declared by ARG before the first FROM, with or without a default. */
    public Set<String> globalArgNames() {
        return globalArgNames;
    }
}
