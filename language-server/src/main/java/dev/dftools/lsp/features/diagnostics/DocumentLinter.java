package dev.dftools.lsp.features.diagnostics;

import dev.dftools.lint.Finding;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.Linter;
import dev.dftools.lint.RuleRegistry;
import dev.dftools.lint.rules.Rules;
import dev.dftools.lint.rules.shell.ShellCheck;
import dev.dftools.lsp.document.DocumentSnapshot;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs dflint on a document snapshot in two passes: every rule but ShellCheck (in-process,
 * milliseconds: the keystroke path), and ShellCheck alone (an external process, ~70 ms or more:
 * only when enabled, and never on the keystroke path). Both honour the configuration and the
 * file's inline suppressions, since they go through {@link Linter}. The in-process pass is
 * incremental per document ({@link IncrementalLint}): a keystroke re-runs the stage-local rules
 * only on the stage it changed.
 */
public final class DocumentLinter {

    static final String SHELLCHECK = "DF3900";

    /**
     * Above this size (in chars) only syntax errors are reported: several rules grow faster than
     * linearly with the number of RUNs, and a generated multi-megabyte file would keep the
     * diagnostics thread busy for minutes.
     */
    public static final int FULL_LINT_LIMIT = 1024 * 1024;

    private final Linter linter;
    private final Linter shellcheckOnly;
    /** Per document: what the next lint may reuse (see {@link IncrementalLint}). */
    private final Map<String, IncrementalLint> reusable = new ConcurrentHashMap<>();

    public DocumentLinter() {
        this(Rules.registry());
    }

    public DocumentLinter(RuleRegistry registry) {
        this.linter = new Linter(registry);
        this.shellcheckOnly = new Linter(new RuleRegistry(List.of(new ShellCheck())));
    }

    public RuleRegistry registry() {
        return linter.registry();
    }

    /** Every rule except ShellCheck (only the syntax check above {@link #FULL_LINT_LIMIT}). */
    public List<Finding> lint(DocumentSnapshot snapshot, LintSetup setup) {
        if (isLarge(snapshot)) {
            return only(snapshot, Set.of("DF1000"));
        }
        Set<String> ignored = new LinkedHashSet<>(setup.config().ignored());
        ignored.add(SHELLCHECK);
        IncrementalLint.Result result = reusable.getOrDefault(snapshot.uri(), IncrementalLint.EMPTY)
                .lint(linter, snapshot.ast(), withIgnored(setup.config(), ignored), setup.context());
        reusable.put(snapshot.uri(), result.state());
        return result.findings();
    }

    /** Drops what was kept for a closed document. */
    public void forget(String uri) {
        reusable.remove(uri);
    }

    public static boolean isLarge(DocumentSnapshot snapshot) {
        return snapshot.text().length() > FULL_LINT_LIMIT;
    }

    /** ShellCheck only (slow: starts a process). Empty when ShellCheck is ignored by the configuration. */
    public List<Finding> shellcheck(DocumentSnapshot snapshot, LintSetup setup) {
        if (isLarge(snapshot)) {
            return List.of();
        }
        return shellcheckOnly.lint(snapshot.ast(), setup.config(), setup.context());
    }

    /** Only the given rules, whether or not they are on by default (for refactorings offered without a diagnostic). */
    public List<Finding> only(DocumentSnapshot snapshot, Set<String> codes) {
        Set<String> ignored = new LinkedHashSet<>();
        linter.registry().metas().forEach(m -> {
            if (!codes.contains(m.code())) {
                ignored.add(m.code());
            }
        });
        LintConfig config = new LintConfig(ignored, java.util.Map.of(), List.of(), java.util.Map.of(), false,
                dev.dftools.lint.Severity.INFO, false, true, codes);
        return linter.lint(snapshot.ast(), config, null);
    }

    private static LintConfig withIgnored(LintConfig c, Set<String> ignored) {
        return new LintConfig(ignored, c.overrides(), c.trustedRegistries(), c.labelSchema(), c.strictLabels(),
                c.failureThreshold(), c.noFail(), c.disableIgnorePragma(), c.enabled());
    }
}
