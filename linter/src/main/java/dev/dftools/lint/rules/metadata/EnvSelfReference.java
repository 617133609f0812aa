package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.DocumentRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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
public final class EnvSelfReference implements DocumentRule {

    @Override
    public void check(Analysis analysis, Findings out) {
        Set<String> defined = new HashSet<>();
        for (Instruction instruction : analysis.dockerfile().instructions()) {
            if (instruction instanceof Instruction.Arg arg) {
                for (ArgDeclaration declaration : arg.declarations()) {
                    defined.add(declaration.name().value());
                }
            } else if (instruction instanceof Instruction.Env env) {
                check(env.pairs(), defined, analysis, out);
                for (KeyValue pair : env.pairs()) {
                    defined.add(pair.key().value());
                }
            }
        }
    }

    private static void check(List<KeyValue> pairs, Set<String> defined, Analysis analysis, Findings out) {
        for (int i = 0; i < pairs.size(); i++) {
            String name = pairs.get(i).key().value();
            if (defined.contains(name)) {
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
