package dev.dftools.lsp.features.actions;

import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lint.Finding;
import dev.dftools.lint.Fix;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.features.diagnostics.DiagnosticConverter;
import dev.dftools.lsp.features.diagnostics.DocumentDiagnostics;
import dev.dftools.lsp.settings.DflsSettings;
import dev.dftools.lsp.text.LspRanges;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Code actions for the lines of the request's range:
 * <ul>
 * <li>each dflint finding's {@link Fix} as a quick fix (preferred: dflint's fixes are safe; ShellCheck's are not marked so);</li>
 * <li>a cleanup for DF3009 (remove the apt lists), which the rule reports without a fix;</li>
 * <li>"Suppress CODE for this instruction" and "… in this file" (dflint's inline pragmas);</li>
 * <li>refactorings offered with or without a diagnostic, from the rules' own fixes: merge
 * consecutive RUNs (DF3509), MAINTAINER to LABEL (DF1006), shell form to JSON form for
 * CMD/ENTRYPOINT/HEALTHCHECK (DF5200).</li>
 * </ul>
 */
public final class CodeActionProvider {

    /** Rules whose fixes are refactorings worth offering even when the rule is off or silenced. */
    static final Set<String> REFACTORINGS = Set.of("DF3509", "DF1006", "DF5200");

    private final DocumentDiagnostics diagnostics;

    public CodeActionProvider(DocumentDiagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public List<Either<Command, CodeAction>> codeActions(DocumentSnapshot snapshot, CodeActionParams params) {
        SourceRange requested = LspRanges.sourceRange(snapshot.lines(), params.getRange());
        DflsSettings settings = diagnostics.setup(snapshot).settings();
        List<String> only = params.getContext() == null || params.getContext().getOnly() == null
                ? List.of() : params.getContext().getOnly();
        List<CodeAction> fixes = new ArrayList<>();
        List<CodeAction> suppressions = new ArrayList<>();
        Set<String> seenEdits = new HashSet<>();
        Set<String> suppressed = new LinkedHashSet<>();
        for (Finding finding : diagnostics.findings(snapshot)) {
            if (!overlaps(finding.range(), requested)) {
                continue;
            }
            Diagnostic diagnostic = DiagnosticConverter.diagnostic(finding, settings);
            Optional<Fix> fix = finding.fixOptional();
            if (fix.isEmpty() && finding.code().equals(AptListsCleanup.CODE)) {
                fix = AptListsCleanup.fix(snapshot.ast(), finding);
            }
            if (fix.isPresent() && seenEdits.add(fix.get().edits().toString())) {
                CodeAction action = action(fix.get().description(), CodeActionKind.QuickFix, snapshot, fix.get().edits());
                action.setDiagnostics(List.of(diagnostic));
                action.setIsPreferred(!finding.code().startsWith("SC"));
                fixes.add(action);
            }
            if (!finding.code().equals("DF1000") && !finding.code().equals("DF0000") && suppressed.add(finding.code())) {
                CodeAction line = action("Suppress " + finding.code() + " for this instruction", CodeActionKind.QuickFix,
                        snapshot, List.of(Suppress.onInstruction(snapshot.ast(), finding)));
                line.setDiagnostics(List.of(diagnostic));
                CodeAction file = action("Suppress " + finding.code() + " in this file", CodeActionKind.QuickFix,
                        snapshot, List.of(Suppress.inFile(snapshot.ast(), finding)));
                file.setDiagnostics(List.of(diagnostic));
                suppressions.add(line);
                suppressions.add(file);
            }
        }
        List<CodeAction> refactorings = new ArrayList<>();
        if (wants(only, CodeActionKind.RefactorRewrite)) {
            for (Finding finding : diagnostics.linter().only(snapshot, REFACTORINGS)) {
                if (overlaps(finding.range(), requested) && finding.fix() != null
                        && seenEdits.add(finding.fix().edits().toString())) {
                    refactorings.add(action(finding.fix().description(), CodeActionKind.RefactorRewrite, snapshot,
                            finding.fix().edits()));
                }
            }
        }
        List<Either<Command, CodeAction>> result = new ArrayList<>();
        if (wants(only, CodeActionKind.QuickFix)) {
            fixes.forEach(a -> result.add(Either.forRight(a)));
            suppressions.forEach(a -> result.add(Either.forRight(a)));
        }
        refactorings.forEach(a -> result.add(Either.forRight(a)));
        return result;
    }

    /** Same lines: editors ask with the cursor's empty range or a selection. */
    private static boolean overlaps(SourceRange finding, SourceRange requested) {
        return finding.startLine() <= requested.endLine() && requested.startLine() <= finding.endLine();
    }

    private static boolean wants(List<String> only, String kind) {
        return only.isEmpty() || only.stream().anyMatch(k -> kind.equals(k) || kind.startsWith(k + "."));
    }

    private static CodeAction action(String title, String kind, DocumentSnapshot snapshot,
            List<dev.dftools.lint.TextEdit> edits) {
        CodeAction action = new CodeAction(title);
        action.setKind(kind);
        List<org.eclipse.lsp4j.TextEdit> lsp = new ArrayList<>();
        for (dev.dftools.lint.TextEdit e : edits) {
            lsp.add(new org.eclipse.lsp4j.TextEdit(LspRanges.range(e.range()), e.newText()));
        }
        action.setEdit(new WorkspaceEdit(Map.of(snapshot.uri(), lsp)));
        return action;
    }
}
