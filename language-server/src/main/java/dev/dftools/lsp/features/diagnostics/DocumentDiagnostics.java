package dev.dftools.lsp.features.diagnostics;

import dev.dftools.lint.Finding;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.document.Memo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The findings of each open document's latest version, computed lazily and at most once per
 * version and settings generation: push diagnostics, pull diagnostics and code actions all share
 * one lint. The ShellCheck pass (when enabled) runs on its own executor, so it never delays the
 * other findings; until it is done, the findings of the document's last pass are shown where the
 * edit left their stage unchanged ({@link ShellCheckCarryOver}).
 */
public final class DocumentDiagnostics {

    /** The text is compared by identity: a reopened document may reuse a version number. */
    private record Key(int version, long generation, String text) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && k.generation == generation && k.text == text;
        }

        @Override
        public int hashCode() {
            return Integer.hashCode(version) * 31 + Long.hashCode(generation);
        }
    }

    private static final class Entry {
        final Key key;
        final Memo<LintSetup> setup;
        final Memo<List<Finding>> fast;
        volatile CompletableFuture<List<Finding>> slow;

        Entry(Key key, Memo<LintSetup> setup, Memo<List<Finding>> fast) {
            this.key = key;
            this.setup = setup;
            this.fast = fast;
        }
    }

    private final DocumentLinter linter;
    private final LintSetups setups;
    private final LongSupplier generation;
    private final Executor slowExecutor;
    private final Map<String, Entry> latest = new ConcurrentHashMap<>();
    /** Per document: the findings of its last ShellCheck pass that ran, for the versions after it. */
    private final Map<String, ShellCheckCarryOver> lastShellCheck = new ConcurrentHashMap<>();

    public DocumentDiagnostics(DocumentLinter linter, LintSetups setups, LongSupplier generation, Executor slowExecutor) {
        this.linter = linter;
        this.setups = setups;
        this.generation = generation;
        this.slowExecutor = slowExecutor;
    }

    public DocumentLinter linter() {
        return linter;
    }

    public LintSetup setup(DocumentSnapshot snapshot) {
        return entry(snapshot).setup.get();
    }

    /**
     * The in-process findings plus ShellCheck's: this version's when its pass is done, else the
     * last pass's on the stages the edits since left unchanged (while ShellCheck is on).
     */
    public List<Finding> findings(DocumentSnapshot snapshot) {
        Entry e = entry(snapshot);
        List<Finding> fast = e.fast.get();
        CompletableFuture<List<Finding>> slow = e.slow;
        List<Finding> shellcheck;
        if (slow != null && slow.isDone() && !slow.isCompletedExceptionally()) {
            shellcheck = slow.join();
        } else {
            ShellCheckCarryOver last = lastShellCheck.get(snapshot.uri());
            shellcheck = last != null && last.generation() == e.key.generation()
                    && e.setup.get().settings().shellcheckEnabled() ? last.onto(snapshot.ast()) : List.of();
        }
        if (shellcheck.isEmpty()) {
            return fast;
        }
        List<Finding> all = new ArrayList<>(fast);
        all.addAll(shellcheck);
        all.sort(Finding.ORDER);
        return List.copyOf(all);
    }

    /**
     * Starts the ShellCheck pass for this version when it is enabled and not started yet: the
     * future completes when its findings are in (none when a newer version came before the pass
     * began). Empty when ShellCheck is off or already started.
     */
    public java.util.Optional<CompletableFuture<List<Finding>>> startShellCheck(DocumentSnapshot snapshot) {
        Entry e = entry(snapshot);
        LintSetup setup = e.setup.get();
        if (!setup.settings().shellcheckEnabled()) {
            return java.util.Optional.empty();
        }
        synchronized (e) {
            if (e.slow != null) {
                return java.util.Optional.empty();
            }
            // runs wait their turn on one thread: a version edited again before its turn is not
            // checked (its findings would never be shown), so typing does not queue a run per keystroke
            e.slow = CompletableFuture.supplyAsync(() -> {
                if (!isLatest(snapshot)) {
                    return List.<Finding>of();
                }
                List<Finding> found = linter.shellcheck(snapshot, setup);
                lastShellCheck.merge(snapshot.uri(), new ShellCheckCarryOver(e.key.generation(), snapshot.version(),
                        snapshot.ast(), found), (old, neu) -> old.version() > neu.version() ? old : neu);
                return found;
            }, slowExecutor);
            return java.util.Optional.of(e.slow);
        }
    }

    /** True when this snapshot is still the newest version seen for its document. */
    public boolean isLatest(DocumentSnapshot snapshot) {
        Entry e = latest.get(snapshot.uri());
        return e == null || e.key.version() <= snapshot.version();
    }

    public void forget(String uri) {
        latest.remove(uri);
        lastShellCheck.remove(uri);
        linter.forget(uri);
    }

    private Entry entry(DocumentSnapshot snapshot) {
        Key key = new Key(snapshot.version(), generation.getAsLong(), snapshot.text());
        Entry current = latest.get(snapshot.uri());
        if (current != null && current.key.equals(key)) {
            return current;
        }
        Memo<LintSetup> setup = Memo.of(() -> setups.setupFor(snapshot.uri()));
        Entry fresh = new Entry(key, setup, Memo.of(() -> linter.lint(snapshot, setup.get())));
        if (current != null && current.key.version() > key.version()) {
            return fresh; // a request about an older version: answer it, but keep the newer entry
        }
        Entry won = latest.merge(snapshot.uri(), fresh, (old, neu) -> old.key.equals(neu.key) ? old : neu);
        return won;
    }
}
