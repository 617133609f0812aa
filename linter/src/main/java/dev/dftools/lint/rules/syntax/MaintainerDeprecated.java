package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;

/**
 * MAINTAINER is deprecated; hadolint (DL4000) and BuildKit (MaintainerDeprecated) flag every use,
 * so one rule answers to both. The fix turns it into the OCI authors label.
 */
@RuleInfo(code = "DF1006", slug = "maintainer-deprecated", severity = Severity.ERROR,
        summary = "MAINTAINER is deprecated; use the org.opencontainers.image.authors label.",
        aliases = {"DL4000", "MaintainerDeprecated"}, tags = {"deprecated", "buildkit"})
public final class MaintainerDeprecated implements InstructionRule, StageLocal {

    static final String AUTHORS_LABEL = "org.opencontainers.image.authors";

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Maintainer maintainer)) {
            return;
        }
        Word keyword = maintainer.node().keyword();
        Fix fix = null;
        if (maintainer.maintainer() != null) {
            boolean lower = keyword.value().chars().noneMatch(Character::isUpperCase);
            String label = (lower ? "label " : "LABEL ") + AUTHORS_LABEL + "=" + quote(maintainer.maintainer().value());
            fix = Fix.of("Replace with LABEL " + AUTHORS_LABEL, new TextEdit(maintainer.range(), label));
        }
        out.report(keyword.range(), "Maintainer instruction is deprecated in favor of using label: use LABEL "
                + AUTHORS_LABEL + "=\"…\"", fix);
    }

    /** The author as one double-quoted LABEL value; an already double-quoted value is kept as it is. */
    static String quote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") && v.indexOf('"', 1) == v.length() - 1) {
            return v;
        }
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            v = v.substring(1, v.length() - 1);
        }
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\"";
    }
}
