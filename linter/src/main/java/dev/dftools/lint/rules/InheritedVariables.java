package dev.dftools.lint.rules;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.StageInflow;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What a stage takes in from the variables defined outside it, summarised for
 * {@link StageInflow#inflow}: each summary is chained along the stages (a stage's is its parent's
 * continued by the SHA-256 of what the stage itself defines, see {@link Digest#then}), so it costs
 * each stage one step, not everything it inherits, and equal summaries mean equal definitions (a
 * collision is not a practical concern). Computed once per file, in file order; each stage's own
 * SHA-256 values are a {@link Analysis#stageFact}, kept while the stage's text is unchanged, so an
 * edit hashes the edited stage alone.
 */
public final class InheritedVariables {

    /** A 256-bit summary: a SHA-256 value, or a chain of them. */
    public record Digest(long a, long b, long c, long d) {

        static Digest of(byte[] sha256) {
            ByteBuffer buffer = ByteBuffer.wrap(sha256);
            return new Digest(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
        }

        /**
         * This summary continued by {@code next} (a SHA-256): a fixed bijection of this one, plus
         * {@code next} lane by lane. Each step is a bijection of the summary so far plus a value
         * as random as SHA-256's, so two different chains end equal only by a 2^-256 chance; and
         * it is cheap enough for every stage on every edit (no hashing of what did not change).
         */
        Digest then(Digest next) {
            return new Digest(mix(d) + next.a, mix(a) + next.b, mix(b) + next.c, mix(c) + next.d);
        }

        /** A bijection of 64-bit values that spreads every bit over the others (SplitMix64's finaliser). */
        private static long mix(long x) {
            x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
            x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
            return x ^ (x >>> 31);
        }
    }

    /** The summary of nothing (the part before the first FROM, a stage built on an image). */
    public static final Digest NONE = new Digest(0, 0, 0, 0);

    /** Per stage, what its variables are built from. */
    private record Summaries(Map<Stage, Digest> argNamesBefore, Map<Stage, Digest> envNamesAtEnd,
            Map<Stage, Digest> variablesAtEnd) {
    }

    private InheritedVariables() {
    }

    /**
     * The names declared by ARG anywhere before the stage's FROM (in file order, whatever stage),
     * and the ENV keys set in the stages it builds on ({@code FROM stage}, transitively).
     */
    public static List<Digest> names(Analysis analysis, @Nullable Stage stage) {
        if (stage == null) {
            return List.of(NONE, NONE);
        }
        Summaries s = summaries(analysis);
        Digest env = analysis.parentStage(stage).map(s.envNamesAtEnd()::get).orElse(NONE);
        return List.of(s.argNamesBefore().get(stage), env);
    }

    /**
     * Every ARG declaration (name and default) and ENV pair (key and value) of the stages the
     * stage builds on, in order, and whether the first of them is built from {@code scratch}:
     * with the text before the first FROM, all that decides the variables a stage starts with.
     */
    public static Digest values(Analysis analysis, @Nullable Stage stage) {
        if (stage == null) {
            return NONE;
        }
        return analysis.parentStage(stage).map(summaries(analysis).variablesAtEnd()::get).orElse(NONE);
    }

    /**
     * Every ARG declaration and ENV pair of the stage and the stages it builds on, in order, and
     * whether the first of them is built from {@code scratch}: with the text before the first FROM,
     * all that decides the variables the stage ends with.
     */
    public static Digest atEnd(Analysis analysis, Stage stage) {
        return summaries(analysis).variablesAtEnd().get(stage);
    }

    private static Summaries summaries(Analysis analysis) {
        return analysis.memo(InheritedVariables.class, Summaries.class, InheritedVariables::compute);
    }

    private static Summaries compute(Analysis analysis) {
        // one step per stage and summary: what comes before, continued by the stage's own definitions
        Map<Stage, Digest> argNamesBefore = new IdentityHashMap<>();
        Map<Stage, Digest> envNamesAtEnd = new IdentityHashMap<>();
        Map<Stage, Digest> variablesAtEnd = new IdentityHashMap<>();
        Digest args = NONE.then(Feeds.of(analysis.dockerfile().preamble(), false).argNames());
        for (Stage stage : analysis.stages()) {
            Feeds own = analysis.stageFact(stage, Feeds.class, Feeds.class, s -> Feeds.of(s.instructions(), isScratch(s)));
            argNamesBefore.put(stage, args);
            args = args.then(own.argNames());
            Stage parent = analysis.parentStage(stage).orElse(null);
            Digest envBefore = parent == null ? NONE : envNamesAtEnd.get(parent);
            Digest variablesBefore = parent != null ? variablesAtEnd.get(parent)
                    : NONE.then(own.scratch() ? SCRATCH : IMAGE);
            envNamesAtEnd.put(stage, envBefore.then(own.envNames()));
            variablesAtEnd.put(stage, variablesBefore.then(own.variables()));
        }
        return new Summaries(argNamesBefore, envNamesAtEnd, variablesAtEnd);
    }

    private static boolean isScratch(Stage stage) {
        Instruction.From from = stage.from();
        return from.image() != null && from.image().value().toLowerCase(Locale.ROOT).equals("scratch");
    }

    /** What the variables of a stage built on an image start from: {@code scratch}, or any other image. */
    private static final Digest SCRATCH = sha256(bytes("scratch"));
    private static final Digest IMAGE = sha256(bytes("image"));

    /**
     * The SHA-256 of what one stage's (or the preamble's) own instructions define, by summary:
     * kept while the stage's text is unchanged, so an edit hashes the edited stage alone.
     *
     * @param argNames  of the names its ARGs declare
     * @param envNames  of the keys its ENVs set
     * @param variables of its ARG declarations (name and default) and ENV pairs (key and value), in order
     * @param scratch   whether its FROM is {@code scratch} (what the variables start from without a parent)
     */
    private record Feeds(Digest argNames, Digest envNames, Digest variables, boolean scratch) {

        static Feeds of(List<Instruction> instructions, boolean scratch) {
            ByteArrayOutputStream args = new ByteArrayOutputStream();
            ByteArrayOutputStream envNames = new ByteArrayOutputStream();
            ByteArrayOutputStream variables = new ByteArrayOutputStream();
            for (Instruction instruction : instructions) {
                if (instruction instanceof Instruction.Env env) {
                    for (KeyValue pair : env.pairs()) {
                        put(envNames, pair.key().value());
                        put(variables, "ENV");
                        put(variables, pair.key().value());
                        put(variables, pair.value().value());
                    }
                } else if (instruction instanceof Instruction.Arg arg) {
                    for (ArgDeclaration d : arg.declarations()) {
                        put(args, d.name().value());
                        put(variables, d.defaultValue() == null ? "ARG" : "ARG=");
                        put(variables, d.name().value());
                        if (d.defaultValue() != null) {
                            put(variables, d.defaultValue().value());
                        }
                    }
                }
            }
            return new Feeds(sha256(args.toByteArray()), sha256(envNames.toByteArray()),
                    sha256(variables.toByteArray()), scratch);
        }
    }

    /** Writes one string as the hashes take it. */
    private static void put(ByteArrayOutputStream feed, String s) {
        feed.writeBytes(bytes(s));
    }

    /** A string as the hashes take it: prefixed by its length (so no two lists of strings hash alike). */
    private static byte[] bytes(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8).array();
    }

    private static Digest sha256(byte[] bytes) {
        try {
            return Digest.of(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
