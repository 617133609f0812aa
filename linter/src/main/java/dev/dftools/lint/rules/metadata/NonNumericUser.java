package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/**
 * hadolint's DL3066: USER names a user instead of a numeric uid, which a host (e.g. Kubernetes'
 * runAsNonRoot) cannot resolve. A uid given through a variable is not judged, as its value is
 * not known here (hadolint accepts a declared ARG; dflint accepts any variable).
 */
@RuleInfo(code = "DF5210", slug = "non-numeric-user", severity = Severity.INFO,
        summary = "USER should name a numeric user id.", aliases = {"DL3066"}, tags = {"user", "security"})
public final class NonNumericUser implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.User user) || user.user() == null) {
            return;
        }
        Word word = user.user();
        String value = word.value();
        int colon = value.indexOf(':');
        String uid = colon >= 0 ? value.substring(0, colon) : value;
        if (uid.isEmpty() || uid.chars().allMatch(Character::isDigit) || VariableReferences.referencesVariable(uid)) {
            return;
        }
        SourceRange range = word.range();
        if (range.length() == value.length()) {
            range = analysis.dockerfile().lines().range(range.start().offset(), range.start().offset() + uid.length());
        }
        out.report(range, "Non-numeric user id `" + uid + "` may not be resolvable by the host system; "
                + "use the numeric uid (e.g. `USER 10001`).");
    }
}
