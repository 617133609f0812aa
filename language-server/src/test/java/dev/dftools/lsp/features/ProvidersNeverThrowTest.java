package dev.dftools.lsp.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.features.completion.CompletionOptions;
import dev.dftools.lsp.features.completion.CompletionProvider;
import dev.dftools.lsp.features.folding.FoldingRangeProvider;
import dev.dftools.lsp.features.format.FormatterOptions;
import dev.dftools.lsp.features.format.FormattingProvider;
import dev.dftools.lsp.features.hover.HoverProvider;
import dev.dftools.lsp.features.links.DocumentLinkProvider;
import dev.dftools.lsp.features.navigation.DefinitionProvider;
import dev.dftools.lsp.features.navigation.DocumentHighlightProvider;
import dev.dftools.lsp.features.navigation.ReferencesProvider;
import dev.dftools.lsp.features.navigation.RenameProvider;
import dev.dftools.lsp.features.selection.SelectionRangeProvider;
import dev.dftools.lsp.features.semantic.SemanticTokensProvider;
import dev.dftools.lsp.features.signature.SignatureHelpProvider;
import dev.dftools.lsp.features.symbols.DocumentSymbolProvider;
import dev.dftools.lsp.text.LspRanges;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

/** Every position-based provider at every offset of awkward documents: no exceptions. */
class ProvidersNeverThrowTest {

    private static final List<String> DOCUMENTS = List.of(
            "",
            "\n\n",
            "#",
            "# syntax=\n# escape=`\nFROM a\nRUN echo `\n  b\n",
            "FROM",
            "FROM --platform=",
            "FROM alpine AS",
            "ARG\nFROM ${",
            "FROM a\nRUN --mount=\nRUN --mount=type=,,=,from=\nCOPY --from= \nCOPY --from=0 a b\n",
            "FROM a\nRUN <<EOF\nunterminated $X ${Y\n",
            "FROM a\nRUN <<-'A' <<B cat\n\tx\nA\ny $Z\nB\n",
            "FROM a\nENV\nENV A\nENV A=\"unterminated\nLABEL =\nARG =x\nEXPOSE /tcp\n",
            "FROM a\nONBUILD\nONBUILD RUN $A\nHEALTHCHECK\nHEALTHCHECK --interval= NONE\n",
            "FROM a \\\n\\\n  AS b\nCOPY [\"a\", \nRUN [\"sh\", \"-c\", \"$X\"]\nCMD $\nUNKNOWN x\n",
            "\uD83D\uDC33 FROM a\nRUN echo \"\uD83D\uDC33 $A\" \\\r\n  && b\r\n",
            "FROM a\nRUN echo ${A:-${B:+$C}} $$ $1 ${#A} ${A/x/$B}\n");

    @Test
    void noProviderThrowsAtAnyOffset() {
        SemanticTokensProvider semantic = new SemanticTokensProvider();
        int calls = 0;
        for (String text : DOCUMENTS) {
            DocumentSnapshot doc = DocumentSnapshot.parse("file:///tmp/nonexistent-dfls/Dockerfile", 1, text);
            new DocumentSymbolProvider().documentSymbols(doc);
            new FoldingRangeProvider().foldingRanges(doc);
            new FormattingProvider().format(doc, FormatterOptions.defaults());
            new DocumentLinkProvider().documentLinks(doc);
            semantic.full(doc);
            for (int offset = 0; offset <= text.length(); offset++) {
                Position p = LspRanges.position(doc.lines().position(offset));
                new HoverProvider().hover(doc, p);
                new CompletionProvider().complete(doc, p, CompletionOptions.defaults());
                new SignatureHelpProvider().signatureHelp(doc, p);
                new DefinitionProvider().definition(doc, p);
                new ReferencesProvider().references(doc, p, true);
                new DocumentHighlightProvider().highlights(doc, p);
                new RenameProvider().prepareRename(doc, p);
                try {
                    new RenameProvider().rename(doc, p, "NEW_NAME");
                } catch (ResponseErrorException expected) {
                    // nothing to rename there: the documented answer
                }
                new SelectionRangeProvider().selectionRanges(doc, List.of(p));
                new FormattingProvider().formatOnType(doc, p, "\n", FormatterOptions.defaults());
                new FormattingProvider().formatRange(doc, new Range(new Position(0, 0), p), FormatterOptions.defaults());
                semantic.range(doc, new Range(new Position(0, 0), p));
                calls++;
            }
        }
        assertTrue(calls > 500);
    }
}
