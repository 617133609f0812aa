package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.StageRule;
import java.util.regex.Pattern;

/**
 * BuildKit's SecretsUsedInArgOrEnv: an ARG or ENV key with a secret-looking token between
 * underscores ({@code apikey}, {@code auth}, {@code credential(s)}, {@code key}, {@code password},
 * {@code pword}, {@code passwd}, {@code secret}, {@code token}), unless it also has a
 * {@code public}, {@code file} or {@code version} token. Checked where BuildKit checks it: ARG and
 * ENV inside stages (not the global ARGs, not ONBUILD triggers). hadolint's DL3064 matches
 * substrings and a list of names ({@link SecretNameInArgOrEnv}), hence two rules.
 */
@RuleInfo(code = "DF5213", slug = "secrets-used-in-arg-or-env", severity = Severity.WARNING,
        summary = "Sensitive data should not be used in the ARG or ENV commands.",
        aliases = {"SecretsUsedInArgOrEnv"}, tags = {"arg", "env", "security", "buildkit"})
public final class SecretsUsedInArgOrEnv implements StageRule, StageLocal {

    private static final Pattern SECRET = Pattern.compile(
            "(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)");
    private static final Pattern ALLOWED = Pattern.compile("(?i)(?:_|^)(?:public|file|version)(?:_|$)");

    @Override
    public void check(Stage stage, Analysis analysis, Findings out) {
        for (Instruction instruction : stage.instructions()) {
            if (instruction instanceof Instruction.Arg arg) {
                for (ArgDeclaration declaration : arg.declarations()) {
                    check("ARG", declaration.name(), out);
                }
            } else if (instruction instanceof Instruction.Env env) {
                for (KeyValue pair : env.pairs()) {
                    check("ENV", pair.key(), out);
                }
            }
        }
    }

    private static void check(String instruction, Word key, Findings out) {
        if (isSecret(key.value())) {
            out.report(key.range(), "Do not use ARG or ENV instructions for sensitive data (" + instruction + " \""
                    + key.value() + "\")");
        }
    }

    static boolean isSecret(String key) {
        return SECRET.matcher(key).find() && !ALLOWED.matcher(key).find();
    }
}
