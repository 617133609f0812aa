package dev.dftools.lsp.features.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.features.diagnostics.DocumentDiagnostics;
import dev.dftools.lsp.features.diagnostics.DocumentLinter;
import dev.dftools.lsp.features.diagnostics.LintSetups;
import dev.dftools.lsp.settings.SettingsStore;
import dev.dftools.lsp.settings.WorkspaceFolders;
import dev.dftools.lsp.testing.Cursor;
import dev.dftools.lsp.testing.Edits;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

/** Each action is applied to the text and the result compared; untitled documents have no build context. */
class CodeActionProviderTest {

    private static final String URI = "untitled:Dockerfile";
    private static final SettingsStore SETTINGS = new SettingsStore();
    private static final CodeActionProvider PROVIDER = new CodeActionProvider(new DocumentDiagnostics(
            new DocumentLinter(), new LintSetups(new WorkspaceFolders(), SETTINGS), SETTINGS::generation, Runnable::run));

    private record Result(String text, List<CodeAction> actions) {
        CodeAction titled(String prefix) {
            return actions.stream().filter(a -> a.getTitle().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no action '" + prefix + "' in " + titles()));
        }

        List<String> titles() {
            return actions.stream().map(CodeAction::getTitle).toList();
        }

        String apply(String prefix) {
            return Edits.apply(text, URI, titled(prefix));
        }
    }

    private static Result actionsAt(String marked) {
        Cursor c = Cursor.of(marked);
        DocumentSnapshot s = DocumentSnapshot.parse(URI, 1, c.text());
        CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(URI), c.range(),
                new CodeActionContext(List.of()));
        List<CodeAction> actions = PROVIDER.codeActions(s, params).stream().map(Either::getRight).toList();
        return new Result(c.text(), actions);
    }

    @Test
    void offersTheRulesFixAsAPreferredQuickFix() {
        Result r = actionsAt("FROM alpine:3.19\nMAINT|AINER Jane <jane@example.com>\n");
        CodeAction fix = r.titled("Replace with LABEL");
        assertEquals(CodeActionKind.QuickFix, fix.getKind());
        assertTrue(fix.getIsPreferred());
        assertEquals("DF1006", fix.getDiagnostics().get(0).getCode().getLeft());
        String fixed = r.apply("Replace with LABEL");
        assertTrue(fixed.startsWith("FROM alpine:3.19\nLABEL org.opencontainers.image.authors="), fixed);
        assertFalse(fixed.contains("MAINTAINER"));
    }

    @Test
    void suppressesOnTheInstructionAndAppendsToAnExistingPragma() {
        Result r = actionsAt("FROM alpine:3.19\n  MAINT|AINER me\n");
        assertEquals("FROM alpine:3.19\n  # dflint ignore=DF1006\n  MAINTAINER me\n",
                r.apply("Suppress DF1006 for this instruction"));
        Result again = actionsAt("FROM alpine:3.19\n# dflint ignore=DF5200 (reason)\nMAINT|AINER me\n");
        assertEquals("FROM alpine:3.19\n# dflint ignore=DF5200,DF1006 (reason)\nMAINTAINER me\n",
                again.apply("Suppress DF1006 for this instruction"));
    }

    @Test
    void suppressesInTheFileBelowTheParserDirectives() {
        Result r = actionsAt("# syntax=docker/dockerfile:1\n# escape=\\\nFROM alpine:3.19\nMAINT|AINER me\n");
        assertEquals("# syntax=docker/dockerfile:1\n# escape=\\\n# dflint global ignore=DF1006\nFROM alpine:3.19\nMAINTAINER me\n",
                r.apply("Suppress DF1006 in this file"));
        Result plain = actionsAt("FROM alpine:3.19\nMAINT|AINER me\n");
        assertEquals("# dflint global ignore=DF1006\nFROM alpine:3.19\nMAINTAINER me\n", plain.apply("Suppress DF1006 in this file"));
    }

    @Test
    void aSuppressedFindingIsGoneAfterApplyingTheSuppression() {
        Result r = actionsAt("FROM alpine:3.19\nMAINT|AINER me\n");
        String suppressed = r.apply("Suppress DF1006 for this instruction");
        int line = (int) suppressed.lines().takeWhile(l -> !l.startsWith("MAINTAINER")).count();
        Result after = actionsAt(suppressed.replace("MAINTAINER", "MAINT|AINER"));
        assertTrue(after.titles().stream().noneMatch(t -> t.startsWith("Suppress DF1006")), after.titles() + " line " + line);
    }

    @Test
    void mergesConsecutiveRuns() {
        Result r = actionsAt("FROM alpine:3.19\nR|UN echo a\nRUN echo b\nRUN echo c\n");
        String merged = r.apply("Merge");
        assertEquals("FROM alpine:3.19\nRUN echo a && \\\n    echo b && \\\n    echo c\n", merged);
    }

    @Test
    void convertsShellFormCmdToJsonFormAsAFixOrARefactoring() {
        Result r = actionsAt("FROM alpine:3.19\nCMD ng|inx -g daemon\n");
        assertEquals("FROM alpine:3.19\nCMD [\"nginx\", \"-g\", \"daemon\"]\n", r.apply("Convert to the JSON form"));
        // with a SHELL the BuildKit rule is silent and DF5200 may be ignored: still offered as a refactoring
        Result withShell = actionsAt("# dflint global ignore=DF5200\nFROM alpine:3.19\nSHELL [\"/bin/sh\", \"-c\"]\nENTRYPOINT ru|n app\n");
        CodeAction refactor = withShell.titled("Convert to the JSON form");
        assertEquals(CodeActionKind.RefactorRewrite, refactor.getKind());
        assertTrue(withShell.apply("Convert to the JSON form").endsWith("ENTRYPOINT [\"run\", \"app\"]\n"));
    }

    @Test
    void addsTheAptListsCleanup() {
        Result one = actionsAt("FROM debian:12\nRUN apt-get up|date && apt-get install -y --no-install-recommends curl=7.88\n");
        assertEquals("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88"
                + " && rm -rf /var/lib/apt/lists/*\n", one.apply("Remove the apt lists"));
        Result multi = actionsAt("FROM debian:12\nRUN apt-get up|date \\\n && apt-get install -y --no-install-recommends curl=7.88\n");
        assertTrue(multi.apply("Remove the apt lists").endsWith("curl=7.88 \\\n    && rm -rf /var/lib/apt/lists/*\n"));
    }

    @Test
    void honoursOnlyAndOffersNothingOnACleanLine() {
        Cursor c = Cursor.of("FROM alpine:3.19\nMAINT|AINER me\n");
        DocumentSnapshot s = DocumentSnapshot.parse(URI, 1, c.text());
        CodeActionContext context = new CodeActionContext(List.of());
        context.setOnly(List.of(CodeActionKind.Refactor));
        var actions = PROVIDER.codeActions(s, new CodeActionParams(new TextDocumentIdentifier(URI), c.range(), context));
        assertTrue(actions.stream().allMatch(a -> a.getRight().getKind().startsWith(CodeActionKind.Refactor)), actions.toString());
        assertEquals(List.of(), actionsAt("FROM alp|ine:3.19\nUSER nobody\n").actions().stream()
                .filter(a -> !a.getTitle().contains("DF")).toList());
    }
}
