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
 * {@link StageInflow#inflow}: each summary is a SHA-256 chained along the stages (a stage's is
 * its parent's laid over what the stage itself defines), so it costs each stage its own
 * definitions, not everything it inherits, and equal summaries mean equal definitions (a
 * collision of SHA-256 is not a practical concern). Computed once per file, in file order, from
 * each stage's own definitions (a {@link Analysis#stageFact}, kept while the stage's text is unchanged).
 */
public final class InheritedVariables {

    /** A SHA-256 value. */
    public record Digest(long a, long b, long c, long d) {

        static Digest of(byte[] sha256) {
            ByteBuffer buffer = ByteBuffer.wrap(sha256);
            return new Digest(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
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
        // one hash per stage and summary: started from what comes before, fed the stage's own definitions
        MessageDigest args = sha256();
        MessageDigest envNames = sha256();
        MessageDigest variables = sha256();
        Map<Stage, Digest> argNamesBefore = new IdentityHashMap<>();
        Map<Stage, Digest> envNamesAtEnd = new IdentityHashMap<>();
        Map<Stage, Digest> variablesAtEnd = new IdentityHashMap<>();
        start(args, NONE);
        args.update(Feeds.of(analysis.dockerfile().preamble(), false).argNames());
        for (Stage stage : analysis.stages()) {
            Feeds own = analysis.stageFact(stage, Feeds.class, Feeds.class, s -> Feeds.of(s.instructions(), isScratch(s)));
            Digest argsSoFar = Digest.of(args.digest());
            argNamesBefore.put(stage, argsSoFar);
            start(args, argsSoFar);
            Stage parent = analysis.parentStage(stage).orElse(null);
            start(envNames, parent == null ? NONE : envNamesAtEnd.get(parent));
            if (parent != null) {
                start(variables, variablesAtEnd.get(parent));
            } else {
                start(variables, NONE);
                variables.update(bytes(own.scratch() ? "scratch" : "image"));
            }
            args.update(own.argNames());
            envNames.update(own.envNames());
            variables.update(own.variables());
            envNamesAtEnd.put(stage, Digest.of(envNames.digest()));
            variablesAtEnd.put(stage, Digest.of(variables.digest()));
        }
        return new Summaries(argNamesBefore, envNamesAtEnd, variablesAtEnd);
    }

    private static boolean isScratch(Stage stage) {
        Instruction.From from = stage.from();
        return from.image() != null && from.image().value().toLowerCase(Locale.ROOT).equals("scratch");
    }

    /**
     * What one stage's (or the preamble's) own instructions feed each hash, as bytes: kept while
     * the stage's text is unchanged, so an edit hashes each stage's definitions without walking them.
     *
     * @param argNames  the names its ARGs declare
     * @param envNames  the keys its ENVs set
     * @param variables its ARG declarations (name and default) and ENV pairs (key and value), in order
     * @param scratch   whether its FROM is {@code scratch} (what the variables start from without a parent)
     */
    private record Feeds(byte[] argNames, byte[] envNames, byte[] variables, boolean scratch) {

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
            return new Feeds(args.toByteArray(), envNames.toByteArray(), variables.toByteArray(), scratch);
        }
    }

    /** Resets the hash and feeds it the summary it continues. */
    private static void start(MessageDigest sha, Digest before) {
        sha.reset();
        sha.update(ByteBuffer.allocate(32).putLong(before.a()).putLong(before.b()).putLong(before.c())
                .putLong(before.d()).array());
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
