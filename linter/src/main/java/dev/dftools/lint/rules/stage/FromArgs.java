package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.expand.Env;
import dev.dftools.grammar.expand.Expansion;
import dev.dftools.grammar.expand.ExpansionException;
import dev.dftools.grammar.expand.ShellLex;
import dev.dftools.lint.Analysis;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a FROM line can expand: the automatic platform args and the global ARGs (those before the
 * first FROM) with their defaults, as BuildKit evaluates them when no build args are given.
 * The platform args get the values of a linux/amd64 build, the common case.
 *
 * @param declared every global ARG name, with or without a default
 * @param env      the platform args plus the global ARGs that have a default (expanded in order)
 * @param valid    false when a default could not be expanded (BuildKit would fail; rules stay quiet)
 */
record FromArgs(Set<String> declared, Env env, boolean valid, ShellLex lex) {

    /** The args BuildKit defines for every build, with the values of a linux/amd64 build. */
    static final Map<String, String> PLATFORM_ARGS = platformArgs();

    /** The global args of the analysed file, computed once per file. */
    static FromArgs of(Analysis analysis) {
        return analysis.memo(FromArgs.class, FromArgs.class, a -> of(a.dockerfile()));
    }

    static FromArgs of(Dockerfile file) {
        ShellLex lex = new ShellLex(file.escape());
        Set<String> declared = new LinkedHashSet<>();
        Map<String, String> values = new LinkedHashMap<>(PLATFORM_ARGS);
        boolean valid = true;
        for (Instruction instruction : file.preamble()) {
            if (!(instruction instanceof Instruction.Arg arg)) {
                continue;
            }
            for (ArgDeclaration declaration : arg.declarations()) {
                String name = declaration.name().value();
                declared.add(name);
                if (declaration.defaultValue() == null) {
                    continue;
                }
                try {
                    values.put(name, lex.processWord(declaration.defaultValue().value(), Env.of(values)).value());
                } catch (ExpansionException e) {
                    valid = false;
                }
            }
        }
        return new FromArgs(Set.copyOf(declared), Env.of(values), valid, lex);
    }

    /** Expands a FROM word (image or platform) with these args; empty when the word is malformed. */
    Optional<Expansion> expand(String word) {
        try {
            return Optional.of(lex.processWord(word, env));
        } catch (ExpansionException e) {
            return Optional.empty();
        }
    }

    /** Every name a FROM may use without a warning: declared global ARGs and the platform args. */
    Set<String> knownNames() {
        Set<String> names = new LinkedHashSet<>(PLATFORM_ARGS.keySet());
        names.addAll(declared);
        return names;
    }

    private static Map<String, String> platformArgs() {
        Map<String, String> args = new LinkedHashMap<>();
        for (String prefix : List.of("BUILD", "TARGET")) {
            args.put(prefix + "PLATFORM", "linux/amd64");
            args.put(prefix + "OS", "linux");
            args.put(prefix + "ARCH", "amd64");
            args.put(prefix + "VARIANT", "");
        }
        return Map.copyOf(args);
    }
}
