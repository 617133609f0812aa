package dev.dftools.lsp.settings;

import java.util.List;
import java.util.Map;

/**
 * The server's settings for one workspace folder. The client sends them under the section
 * {@code dfls} (keys below, relative to it; {@code docs/dfls.md} and the resource
 * {@code dfls-settings.json} list them with types, defaults and descriptions; a test keeps the
 * three in step). A {@code .dflint.yaml} found from the document's folder applies first; these
 * settings are added on top of it.
 *
 * @param ignoredRules       {@code rules.ignored}: codes/names of rules to drop (like {@code ignored:} in .dflint.yaml)
 * @param ruleSeverities     {@code rules.severity}: code/name → error|warning|info|style (like {@code override:})
 * @param enabledRules       {@code rules.enabled}: rules that are off by default to turn on
 * @param useConfigFile      {@code rules.useConfigFile}: read .dflint.yaml / .hadolint.yaml
 * @param docsBaseUrl        {@code rules.docsBaseUrl}: where the rule pages are (empty: this installation's docs/rules)
 * @param formatter          {@code formatter.*}
 * @param contextPath        {@code contextPath}: build context, relative to the workspace folder (empty: the folder)
 * @param simulatorEnabled   {@code simulator.enabled}: layer-size inlay hints and the "Simulate build" code lens
 * @param layerReport        {@code simulator.report}: a saved {@code dfsim build --format json} report, relative to the context
 * @param shellcheckEnabled  {@code shellcheck.enabled}: run ShellCheck (DF3900) on RUN scripts, off the keystroke path
 */
public record DflsSettings(List<String> ignoredRules, Map<String, String> ruleSeverities, List<String> enabledRules,
        boolean useConfigFile, String docsBaseUrl, FormatterSettings formatter, String contextPath,
        boolean simulatorEnabled, String layerReport, boolean shellcheckEnabled) {

    /** Every key the parser reads, in the order of the record. */
    public static final List<String> KEYS = List.of("rules.ignored", "rules.severity", "rules.enabled",
            "rules.useConfigFile", "rules.docsBaseUrl", "formatter.keywordCase", "formatter.continuationIndent",
            "formatter.alignContinuations", "contextPath", "simulator.enabled", "simulator.report",
            "shellcheck.enabled");

    /** The configuration section the server asks the client for. */
    public static final String SECTION = "dfls";

    public DflsSettings {
        ignoredRules = List.copyOf(ignoredRules);
        ruleSeverities = Map.copyOf(ruleSeverities);
        enabledRules = List.copyOf(enabledRules);
    }

    public static DflsSettings defaults() {
        return new DflsSettings(List.of(), Map.of(), List.of(), true, "", FormatterSettings.defaults(), "", true,
                ".dfsim/report.json", false);
    }
}
