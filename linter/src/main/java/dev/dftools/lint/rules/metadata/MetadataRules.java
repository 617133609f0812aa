package dev.dftools.lint.rules.metadata;

import dev.dftools.lint.Rule;
import java.util.List;

/** Rules 5200-5999: CMD, ENTRYPOINT, HEALTHCHECK, USER, WORKDIR, ENV, ARG, variables and secrets. */
public final class MetadataRules {

    public static final List<Rule> ALL = List.of(
            new ShellFormCommand(),
            new JsonArgsRecommended(),
            new MultipleHealthchecks(),
            new MultipleCmds(),
            new MultipleEntrypoints(),
            new OverriddenInstruction(),
            new HealthcheckMissing(),
            new WorkdirNotAbsolute(),
            new WorkdirRelativePath(),
            new LastUserRoot(),
            new NonNumericUser(),
            new EnvSelfReference(),
            new SecretNameInArgOrEnv(),
            new SecretsUsedInArgOrEnv(),
            new LegacyKeyValueFormat(),
            new UndefinedVar(),
            new InvalidDefinitionDescription(),
            new InvalidStopSignal()
    );

    private MetadataRules() {
    }
}
