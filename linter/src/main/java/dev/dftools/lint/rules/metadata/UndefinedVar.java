package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.Suggestions;
import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.ast.Word;
import dev.dftools.grammar.expand.Env;
import dev.dftools.grammar.expand.Expansion;
import dev.dftools.grammar.expand.ExpansionException;
import dev.dftools.grammar.expand.ShellLex;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageInflow;
import dev.dftools.lint.StageRule;
import dev.dftools.lint.rules.InheritedVariables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;

/**
 * BuildKit's UndefinedVar: a variable used in an instruction the builder expands (ENV, LABEL,
 * ADD, COPY, WORKDIR, USER, VOLUME, STOPSIGNAL, ARG defaults, RUN --mount) that is neither set
 * nor a declared ARG at that point (see {@link VariableScopes}: global ARGs and the automatic
 * platform args count only once re-declared in the stage, exactly as in BuildKit). Shell-form
 * RUN/CMD/ENTRYPOINT are left to the shell; EXPOSE is not checked, as in BuildKit.
 * <p>
 * What a base image's ENV defines cannot be known statically, so dflint is conservative there:
 * in a stage built from an external image it does not report the variables common base images
 * set in their config ({@link #BASE_IMAGE_ENV}: PATH, JAVA_HOME, GOPATH, NODE_VERSION, …). In a
 * stage built from {@code scratch} (directly or through parent stages) everything is known and
 * every unset variable is reported. {@code $HOME} is reported everywhere: images do not set it
 * in their config, so the builder expands it to nothing.
 */
@RuleInfo(code = "DF5215", slug = "undefined-var", severity = Severity.WARNING,
        summary = "A variable is used before it is defined; the builder expands it to an empty string.",
        aliases = {"UndefinedVar"}, tags = {"variables", "arg", "env", "buildkit"})
public final class UndefinedVar implements StageRule, StageInflow {

    /** Variables that well-known base images set in their config (so they are defined at build time). */
    static final Set<String> BASE_IMAGE_ENV = Set.of(
            "PATH", "LANG", "LANGUAGE", "LC_ALL", "LD_LIBRARY_PATH", "LIBRARY_PATH", "TZ",
            "GOLANG_VERSION", "GOPATH", "GOTOOLCHAIN",
            "NODE_VERSION", "YARN_VERSION",
            "PYTHON_VERSION", "PYTHON_SHA256", "PYTHON_PIP_VERSION", "PYTHON_SETUPTOOLS_VERSION",
            "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256", "GPG_KEY", "GPG_KEYS",
            "JAVA_HOME", "JAVA_VERSION", "JDK_VERSION", "JRE_VERSION", "MAVEN_HOME", "MAVEN_CONFIG",
            "GRADLE_HOME", "GRADLE_VERSION", "CATALINA_HOME", "TOMCAT_VERSION", "TOMCAT_MAJOR",
            "RUBY_VERSION", "RUBY_MAJOR", "RUBY_DOWNLOAD_SHA256", "GEM_HOME", "BUNDLE_APP_CONFIG",
            "BUNDLE_SILENCE_ROOT_WARNING",
            "PHP_VERSION", "PHP_INI_DIR", "PHPIZE_DEPS", "PHP_CFLAGS", "PHP_CPPFLAGS", "PHP_LDFLAGS", "PHP_URL",
            "PHP_ASC_URL", "PHP_SHA256", "APACHE_CONFDIR", "APACHE_ENVVARS", "HTTPD_PREFIX", "HTTPD_VERSION",
            "RUSTUP_HOME", "CARGO_HOME", "RUST_VERSION",
            "DOTNET_VERSION", "ASPNET_VERSION", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "APP_UID",
            "DOTNET_RUNNING_IN_CONTAINER",
            "NGINX_VERSION", "NJS_VERSION", "NJS_RELEASE", "PKG_RELEASE",
            "PG_MAJOR", "PG_VERSION", "PGDATA", "MYSQL_MAJOR", "MYSQL_VERSION", "MARIADB_VERSION",
            "REDIS_VERSION", "MONGO_VERSION", "MONGO_MAJOR",
            "OTP_VERSION", "ELIXIR_VERSION", "REBAR3_VERSION",
            "CUDA_VERSION", "NVIDIA_VISIBLE_DEVICES", "NVIDIA_DRIVER_CAPABILITIES", "NV_CUDA_LIB_VERSION",
            "CONDA_DIR", "MAMBA_ROOT_PREFIX");

    /** Names BuildKit never reports (they configure the build itself). */
    private static final Set<String> NON_ENV_ARGS = Set.of("BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A word the builder expands, and where it is. */
    private record Expanded(String text, SourceRange range) {
    }

    @Override
    public void check(Stage stage, Analysis analysis, Findings out) {
        VariableScopes scopes = VariableScopes.of(analysis);
        ShellLex lex = new ShellLex(analysis.dockerfile().escape());
        for (Instruction instruction : stage.instructions()) {
            VariableScopes.Scope scope = scopes.before(instruction);
            Set<String> reported = new HashSet<>();
            if (instruction instanceof Instruction.Arg arg) {
                checkArg(arg, scope, scopes, lex, analysis, reported, out);
                continue;
            }
            for (Expanded word : expandedWords(instruction)) {
                check(word, scope.env(), scope, scopes, lex, analysis, reported, out);
            }
        }
    }

    /**
     * The variables a stage starts with (everything it inherits, for the did-you-mean
     * suggestions too) are decided by the ARGs and ENVs of the stages it builds on.
     */
    @Override
    public Object inflow(Analysis analysis, @Nullable Stage stage) {
        return InheritedVariables.values(analysis, stage);
    }

    /** ARG defaults are expanded one after the other: a default sees the declarations before it. */
    private static void checkArg(Instruction.Arg arg, VariableScopes.Scope scope, VariableScopes scopes, ShellLex lex,
            Analysis analysis, Set<String> reported, Findings out) {
        // laid over the scope's variables, not copied: ARGs along a chain of stages stay linear
        LayeredEnv env = LayeredEnv.over(scope.env());
        LayeredNames declared = LayeredNames.over(scope.declaredArgs());
        for (ArgDeclaration declaration : arg.declarations()) {
            String name = declaration.name().value();
            Word value = declaration.defaultValue();
            VariableScopes.Scope current = new VariableScopes.Scope(env, declared, scope.fromScratch());
            if (value != null) {
                String expanded = check(new Expanded(value.value(), value.range()), current.env(), current, scopes,
                        lex, analysis, reported, out);
                env = env.with(name, expanded == null ? "" : expanded);
            } else if (scopes.globalArgs().get(name) != null) {
                env = env.with(name, scopes.globalArgs().get(name));
            }
            declared = declared.with(Set.of(name));
        }
    }

    private static @Nullable String check(Expanded word, Env env, VariableScopes.Scope scope, VariableScopes scopes,
            ShellLex lex, Analysis analysis, Set<String> reported, Findings out) {
        if (word.text().indexOf('$') < 0) {
            return word.text();
        }
        Expansion expansion;
        try {
            expansion = lex.processWord(word.text(), env);
        } catch (ExpansionException e) {
            return null; // a broken expansion is another rule's finding
        }
        for (String name : expansion.unmatched()) {
            if (!NAME.matcher(name).matches() || scope.defines(name) || NON_ENV_ARGS.contains(name)
                    || !scope.fromScratch() && BASE_IMAGE_ENV.contains(name) || !reported.add(name)) {
                continue;
            }
            out.report(VariableReferences.rangeOf(analysis, word.range(), name), message(name, scope, scopes));
        }
        return expansion.value();
    }

    static String message(String name, VariableScopes.Scope scope, VariableScopes scopes) {
        String message = "Usage of undefined variable '$" + name + "'";
        if (scopes.globalArgNames().contains(name)) {
            return message + " (the global ARG " + name + " is only visible in a stage after `ARG " + name + "` there)";
        }
        if (VariableScopes.AUTOMATIC_PLATFORM_ARGS.containsKey(name) || VariableScopes.PROXY_ARGS.contains(name)) {
            return message + " (the predefined ARG " + name + " needs `ARG " + name + "` in the stage to be used here)";
        }
        Set<String> candidates = new java.util.LinkedHashSet<>(scope.names());
        candidates.addAll(scopes.globalArgNames());
        String suggestion = suggest(name, candidates);
        return suggestion == null ? message : message + " (did you mean $" + suggestion + "?)";
    }

    /** The closest known name: same name in another case, or a small edit away. */
    static @Nullable String suggest(String name, Set<String> candidates) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = Suggestions.distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = name.length() < 3 ? 0 : Math.max(1, name.length() / 3); // short names: case only
        return best != null && bestDistance <= allowed ? best : null;
    }


    /** The words of an instruction the builder expands with the stage's variables. */
    private static List<Expanded> expandedWords(Instruction instruction) {
        List<Expanded> words = new ArrayList<>();
        if (instruction instanceof Instruction.Env env) {
            pairs(env.pairs(), words);
        } else if (instruction instanceof Instruction.Label label) {
            pairs(label.pairs(), words);
        } else if (instruction instanceof Instruction.Copy copy) {
            copy.sources().forEach(w -> words.add(of(w)));
            addIfPresent(copy.destination(), words);
            flags(instruction, words, "chown", "chmod");
        } else if (instruction instanceof Instruction.Add add) {
            add.sources().forEach(w -> words.add(of(w)));
            addIfPresent(add.destination(), words);
            flags(instruction, words, "chown", "chmod", "checksum");
        } else if (instruction instanceof Instruction.Workdir workdir) {
            addIfPresent(workdir.path(), words);
        } else if (instruction instanceof Instruction.User user) {
            addIfPresent(user.user(), words);
        } else if (instruction instanceof Instruction.Volume volume) {
            volume.paths().forEach(w -> words.add(of(w)));
        } else if (instruction instanceof Instruction.StopSignal stopSignal) {
            addIfPresent(stopSignal.signal(), words);
        } else if (instruction instanceof Instruction.Run) {
            flags(instruction, words, "mount");
        }
        return words;
    }

    private static void pairs(List<KeyValue> pairs, List<Expanded> words) {
        for (KeyValue pair : pairs) {
            words.add(of(pair.key()));
            words.add(of(pair.value()));
        }
    }

    private static void flags(Instruction instruction, List<Expanded> words, String... names) {
        for (String name : names) {
            for (Flag flag : instruction.node().flags(name)) {
                if (flag.value() != null) {
                    words.add(new Expanded(flag.value(), flag.valueRange() != null ? flag.valueRange() : flag.range()));
                }
            }
        }
    }

    private static void addIfPresent(@Nullable Word word, List<Expanded> words) {
        if (word != null) {
            words.add(of(word));
        }
    }

    private static Expanded of(Word word) {
        return new Expanded(word.value(), word.range());
    }
}
