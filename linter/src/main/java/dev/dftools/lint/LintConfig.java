package dev.dftools.lint;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The linter's configuration, as read from {@code .dflint.yaml} / {@code .hadolint.yaml} and the
 * command line. Codes may be DF codes, slugs or aliases (DL codes, BuildKit names, SC codes).
 *
 * @param ignored             rules to drop
 * @param overrides           severity per rule; naming a rule that is off by default turns it on
 * @param trustedRegistries   enables the trusted-registry rule when not empty
 * @param labelSchema         required labels and their types (text, url, semver, hash, rfc3339, spdx, email)
 * @param strictLabels        labels outside the schema are reported
 * @param failureThreshold    the least severe finding that makes the exit code 1
 * @param noFail              always exit 0
 * @param disableIgnorePragma inline ignore comments have no effect
 * @param enabled             rules to run although they are off by default; {@code *} runs every rule
 */
public record LintConfig(Set<String> ignored, Map<String, Severity> overrides, List<String> trustedRegistries,
        Map<String, String> labelSchema, boolean strictLabels, Severity failureThreshold, boolean noFail,
        boolean disableIgnorePragma, Set<String> enabled) {

    public LintConfig {
        ignored = Set.copyOf(ignored);
        overrides = Map.copyOf(overrides);
        trustedRegistries = List.copyOf(trustedRegistries);
        labelSchema = Map.copyOf(labelSchema);
        enabled = Set.copyOf(enabled);
    }

    public static LintConfig defaults() {
        return new LintConfig(Set.of(), Map.of(), List.of(), Map.of(), false, Severity.INFO, false, false, Set.of());
    }

    /** Every rule on, also those off by default (what conformance tests need). */
    public LintConfig withAllRulesEnabled() {
        return new LintConfig(ignored, overrides, trustedRegistries, labelSchema, strictLabels, failureThreshold,
                noFail, disableIgnorePragma, Set.of("*"));
    }
}
