package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageInflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;

/**
 * hadolint's DL3044: one ENV defines a variable and another pair of the same ENV refers to it.
 * All pairs of an ENV see the values from before it, so the reference gets the old value, or
 * nothing when the variable was not defined before (which is what is reported). A pair using its
 * own old value ({@code PATH=/x:$PATH}) is fine. Like hadolint, "defined before" means by any
 * earlier ENV or ARG in the file.
 */
@RuleInfo(code = "DF5211", slug = "env-self-reference", severity = Severity.ERROR,
        summary = "An ENV refers to a variable it defines itself; the reference does not see the new value.",
        aliases = {"DL3044"}, tags = {"env", "variables"})
public final class EnvSelfReference implements InstructionRule, StageInflow {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (instruction instanceof Instruction.Env env) {
            int at = env.range().start().offset();
            Map<String, Integer> first = firstDefinitions(analysis);
            check(env.pairs(), name -> first.getOrDefault(name, Integer.MAX_VALUE) < at, analysis, out);
        }
    }

    /** Only the file's own instructions, as BuildKit expands them (a trigger runs in another build). */
    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }

    /** Which of the names the part's ENVs set were already defined by an ARG or ENV before the part. */
    @Override
    public Object inflow(Analysis analysis, @Nullable Stage stage) {
        if (stage == null) {
            return List.of(); // nothing comes before the text before the first FROM
        }
        int start = stage.from().range().start().offset();
        Map<String, Integer> first = firstDefinitions(analysis);
        List<String> definedBefore = new ArrayList<>();
        for (String key : definitions(analysis, stage).envKeys()) {
            if (first.getOrDefault(key, Integer.MAX_VALUE) < start) {
                definedBefore.add(key);
            }
        }
        return definedBefore;
    }

    /**
     * Where each name is first defined by an ARG or ENV of the file (offsets): the text before the
     * first FROM, then each stage's own first definitions (kept while its text is unchanged).
     */
    private static Map<String, Integer> firstDefinitions(Analysis analysis) {
        return analysis.memo(EnvSelfReference.class, FirstDefinitions.class, a -> {
            Map<String, Integer> first = new HashMap<>(Definitions.of(a.dockerfile().preamble(), 0).firstAfter());
            for (Stage stage : a.stages()) {
                int from = stage.from().range().start().offset();
                for (Map.Entry<String, Integer> e : definitions(a, stage).firstAfter().entrySet()) {
                    first.putIfAbsent(e.getKey(), from + e.getValue());
                }
            }
            return new FirstDefinitions(first);
        }).offsets();
    }

    private record FirstDefinitions(Map<String, Integer> offsets) {
    }

    /**
     * What some instructions define.
     *
     * @param firstAfter each name their ARGs and ENVs define, with where the first of them starts
     *                   (chars after a base offset)
     * @param envKeys    the keys their ENVs set, in order
     */
    private record Definitions(Map<String, Integer> firstAfter, List<String> envKeys) {

        static Definitions of(List<Instruction> instructions, int base) {
            Map<String, Integer> first = new HashMap<>();
            List<String> envKeys = new ArrayList<>();
            for (Instruction instruction : instructions) {
                int at = instruction.range().start().offset() - base;
                if (instruction instanceof Instruction.Arg arg) {
                    for (ArgDeclaration declaration : arg.declarations()) {
                        first.putIfAbsent(declaration.name().value(), at);
                    }
                } else if (instruction instanceof Instruction.Env env) {
                    for (KeyValue pair : env.pairs()) {
                        first.putIfAbsent(pair.key().value(), at);
                        envKeys.add(pair.key().value());
                    }
                }
            }
            return new Definitions(Map.copyOf(first), List.copyOf(envKeys));
        }
    }

    /**
     * What one stage defines, offsets counted from its FROM (the same while its text is): a
     * {@link Analysis#stageFact}, kept while the stage's text is unchanged.
     */
    private static Definitions definitions(Analysis analysis, Stage stage) {
        return analysis.stageFact(stage, Definitions.class, Definitions.class,
                s -> Definitions.of(s.instructions(), s.from().range().start().offset()));
    }

    private static void check(List<KeyValue> pairs, Predicate<String> defined, Analysis analysis, Findings out) {
        for (int i = 0; i < pairs.size(); i++) {
            String name = pairs.get(i).key().value();
            if (defined.test(name)) {
                continue;
            }
            Pattern reference = Pattern.compile("\\$\\{" + Pattern.quote(name) + "}|\\$" + Pattern.quote(name)
                    + "(?![A-Za-z0-9_])");
            for (int j = 0; j < pairs.size(); j++) {
                KeyValue other = pairs.get(j);
                if (j != i && reference.matcher(other.value().value()).find()) {
                    out.report(VariableReferences.rangeOf(analysis, other.value().range(), name),
                            "`" + name + "` is defined in this same ENV, which does not see the new value: the "
                                    + "reference expands to nothing; split the ENV in two.");
                    break;
                }
            }
        }
    }
}
