package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.List;

/**
 * Label keys as Docker's object-label guidelines want them: lower-case letters, digits, {@code .}
 * and {@code -}; starting with a letter, ending with a letter or digit; no {@code ..} or
 * {@code --}; not in the namespaces Docker reserves.
 */
@RuleInfo(code = "DF5000", slug = "invalid-label-key", severity = Severity.STYLE,
        summary = "A label key breaks Docker's key format or uses a reserved namespace.", aliases = {"DL3048"},
        tags = {"labels"})
public final class LabelKeyInvalid implements InstructionRule, StageLocal {

    private static final List<String> RESERVED = List.of("com.docker.", "io.docker.", "org.dockerproject.");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        for (LabelPairs.Pair pair : LabelPairs.of(instruction, analysis.dockerfile().escape())) {
            String problem = problem(pair.key());
            if (problem != null) {
                out.report(pair.keyWord().range(), "Invalid label key '" + pair.key() + "': " + problem);
            }
        }
    }

    static String problem(String key) {
        if (key.isEmpty()) {
            return "it is empty";
        }
        for (String ns : RESERVED) {
            if (key.startsWith(ns)) {
                return "the namespace " + ns + " is reserved for Docker";
            }
        }
        char first = key.charAt(0);
        char last = key.charAt(key.length() - 1);
        if (first < 'a' || first > 'z') {
            return "it must start with a lower-case letter";
        }
        if (!(last >= 'a' && last <= 'z' || last >= '0' && last <= '9')) {
            return "it must end with a lower-case letter or a digit";
        }
        for (char c : key.toCharArray()) {
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return "only lower-case letters, digits, '.' and '-' are allowed, not '" + c + "'";
            }
        }
        if (key.contains("..") || key.contains("--")) {
            return "it must not contain '..' or '--'";
        }
        return null;
    }
}
