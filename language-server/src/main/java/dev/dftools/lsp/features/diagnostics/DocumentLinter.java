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
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Runs dflint on a document snapshot in two passes: every rule but ShellCheck (in-process,
 * milliseconds: the keystroke path), and ShellCheck alone (an external process, ~70 ms or more:
 * only when enabled, and never on the keystroke path). Both honour the configuration and the
 * file's inline suppressions, since they go through {@link Linter}. The in-process pass is
 * incremental per document ({@link IncrementalLint}): a keystroke re-runs the per-stage rules
 * only on the stages whose text or inflow it changed. A document's first lint is one pass over the
 * whole file (faster than filling the per-stage cache from nothing); the cache is filled right
 * after it on a background thread.
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
    /** Documents whose cache is being filled after their first lint, with a token per fill. */
    private final Map<String, Object> firstLints = new ConcurrentHashMap<>();
    private final Executor cacheFiller = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dfls-lint-cache");
        t.setDaemon(true);
        return t;
    });

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
        LintConfig config = withIgnored(setup.config(), ignored);
        String uri = snapshot.uri();
        IncrementalLint state = reusable.get(uri);
        if (state == null) {
            // The document's first lint: one pass over the whole file takes about half the time of
            // filling the per-stage cache from nothing (measured at 4,000 lines). The same findings;
            // the cache is filled next, off this path, for the keystrokes to come.
            List<Finding> findings = linter.lint(snapshot.ast(), config, setup.context());
            Object token = new Object();
            if (firstLints.putIfAbsent(uri, token) == null) { // one fill at a time per document
                cacheFiller.execute(() -> fillCache(uri, token, snapshot, config, setup));
            }
            return findings;
        }
        IncrementalLint.Result result = state.lint(linter, snapshot.ast(), config, setup.context());
        reusable.put(uri, result.state());
        return result.findings();
    }

    private void fillCache(String uri, Object token, DocumentSnapshot snapshot, LintConfig config, LintSetup setup) {
        try {
            // any version's cache serves the later ones: parts are keyed by their content
            IncrementalLint filled = IncrementalLint.EMPTY.lint(linter, snapshot.ast(), config, setup.context()).state();
            if (firstLints.get(uri) == token) { // not closed (nor reopened) meanwhile
                reusable.putIfAbsent(uri, filled);
            }
        } catch (RuntimeException | StackOverflowError e) {
            // only a cache: the next keystroke fills it on its own path
        } finally {
            firstLints.remove(uri, token);
        }
    }

    /** Drops what was kept for a closed document. */
    public void forget(String uri) {
        firstLints.remove(uri);
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
