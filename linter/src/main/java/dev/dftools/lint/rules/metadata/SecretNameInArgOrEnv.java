package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * hadolint's DL3064: an ARG or ENV whose name is a well-known credential variable, or contains a
 * suspicious part ({@code password}, {@code token}, …). Values given this way stay in the image
 * history and metadata. BuildKit's SecretsUsedInArgOrEnv matches whole {@code _}-separated tokens
 * and has an allow list ({@link SecretsUsedInArgOrEnv}); the results differ (e.g. {@code MY_PASSWORD_X}
 * vs {@code USERNAME}), so they are separate rules.
 */
@RuleInfo(code = "DF5212", slug = "secret-name-in-arg-or-env", severity = Severity.WARNING,
        summary = "An ARG or ENV name looks like it carries a secret, which would stay in the image.",
        aliases = {"DL3064"}, tags = {"arg", "env", "security"})
public final class SecretNameInArgOrEnv implements InstructionRule, StageLocal {

    /** Names of well-known credential variables (the list hadolint uses), upper case. */
    static final Set<String> KNOWN_NAMES = Set.of(
            "ACCESS_TOKEN", "APPLICATION_KEY", "APP_SECRET", "AUTH_TOKEN", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "BITTREX_API_KEY", "BITTREX_API_SECRET", "CF_PASSWORD", "CF_USERNAME",
            "CIRCLE_TOKEN", "CI_DEPLOY_PASSWORD", "CI_DEPLOY_USER", "DOCKERHUB_PASSWORD", "DOCKER_EMAIL",
            "DOCKER_PASSWORD", "DOCKER_USERNAME", "FACEBOOK_ACCESS_TOKEN", "FACEBOOK_APP_ID",
            "FACEBOOK_APP_SECRET", "FIREBASE_API_TOKEN", "FIREBASE_TOKEN", "FOSSA_API_KEY",
            "GH_ENTERPRISE_TOKEN", "GH_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GITHUB_TOKEN", "HEROKU_API_KEY",
            "HEROKU_API_USER", "NPM_AUTH_TOKEN", "NPM_TOKEN", "OKTA_AUTHN_GROUPID", "OKTA_CLIENT_ORGURL",
            "OKTA_CLIENT_TOKEN", "OKTA_OAUTH2_CLIENTID", "OKTA_OAUTH2_CLIENTSECRET", "OPENAI_API_KEY",
            "OS_PASSWORD", "OS_USERNAME", "POSTGRES_PASSWORD", "SLACK_TOKEN", "STRIPE_API_KEY",
            "STRIPE_DEVICE_NAME", "TRAVIS_OS_NAME", "TRAVIS_SECURE_ENV_VARS", "TRAVIS_SUDO", "VAULT_CLIENT_KEY",
            "VAULT_TOKEN");

    /** Parts of a name (lower case) that suggest a secret. */
    static final List<String> SUSPICIOUS_PARTS = List.of(
            "api_key", "client_key", "password", "private", "secret", "token", "username");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
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

    private static void check(String instruction, Word name, Findings out) {
        if (isSensitive(name.value())) {
            out.report(name.range(), "Potentially sensitive data should not be passed with " + instruction + " `"
                    + name.value() + "`: it stays in the image metadata and history; use a build secret "
                    + "(RUN --mount=type=secret) instead.");
        }
    }

    static boolean isSensitive(String name) {
        if (KNOWN_NAMES.contains(name.toUpperCase(Locale.ROOT))) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return SUSPICIOUS_PARTS.stream().anyMatch(lower::contains);
    }
}
