package dev.dftools.lsp.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import dev.dftools.lsp.model.SymbolModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;

/**
 * Every provider on the peers' 2,000-line benchmark file (the shape of
 * shared/tools/lsp-peer-bench/probe.js gen2000: 117 chained stages). Asserts the answers; prints
 * warm timings for the report (never asserted).
 */
class ProvidersOnBigFileTest {

    static String big() {
        StringBuilder sb = new StringBuilder("# syntax=docker/dockerfile:1\nARG GLOBAL_VERSION=1.0\n");
        int lines = 2;
        int stage = 0;
        while (lines < 1990) {
            String name = "stage" + stage;
            String base = stage == 0 ? "alpine:3.19" : "stage" + (stage - 1);
            sb.append("FROM ").append(base).append(" AS ").append(name).append('\n');
            sb.append("ARG VAR_").append(stage).append("=value").append(stage).append('\n');
            sb.append("ENV PATH_").append(stage).append("=/opt/").append(name).append(" HOME_").append(stage)
                    .append("=/home/").append(name).append('\n');
            sb.append("LABEL org.example.stage=\"").append(name).append("\" org.example.version=\"${GLOBAL_VERSION}\"\n");
            sb.append("WORKDIR /data/").append(name).append('\n');
            sb.append("RUN apk add --no-cache curl git && \\\n    echo \"building ${VAR_").append(stage)
                    .append("}\" && \\\n    mkdir -p /opt/").append(name).append("/bin && \\\n    touch /opt/")
                    .append(name).append("/bin/tool\n");
            lines += 9;
            if (stage > 0) {
                sb.append("COPY --from=stage").append(stage - 1).append(" /opt/stage").append(stage - 1)
                        .append("/bin/tool /opt/").append(name).append("/bin/prev\n");
                lines++;
            }
            sb.append("RUN --mount=type=cache,target=/cache/build echo $VAR_").append(stage).append('\n');
            sb.append("EXPOSE ").append(8000 + stage % 1000).append('\n');
            sb.append("HEALTHCHECK --interval=30s --timeout=3s CMD true\nUSER root\n");
            sb.append("copy file").append(stage).append(".txt /opt/").append(name).append("/\n");
            sb.append("CMD [\"echo\", \"").append(name).append("\"]\n\n");
            lines += 7;
            stage++;
        }
        sb.append("FROM scratch AS final\nCOPY --from=stage").append(stage - 1).append(" /opt /opt\n");
        return sb.toString();
    }

    @Test
    void everyProviderAnswersOnTheBigFile() {
        String text = big();
        String[] lines = text.split("\n");
        int mid = lines.length / 2;
        int c = mid;
        while (!lines[c].startsWith("COPY --from=")) {
            c++;
        }
        int v = mid;
        while (!lines[v].startsWith("RUN --mount")) {
            v++;
        }
        final int copyLine = c;
        final int varLine = v;
        Position stageRef = new Position(copyLine, "COPY --from=s".length());
        Position variable = new Position(varLine, lines[varLine].indexOf("$VAR_") + 2);
        Map<String, Supplier<Object>> requests = new LinkedHashMap<>();
        DocumentSnapshot[] doc = {DocumentSnapshot.parse("file:///big/Dockerfile", 1, text)};
        requests.put("symbol model (uncached build)", () -> SymbolModel.build(doc[0].ast()));
        requests.put("hover", () -> new HoverProvider().hover(doc[0], variable));
        requests.put("completion $", () -> new CompletionProvider().complete(doc[0], new Position(varLine,
                lines[varLine].indexOf("$VAR_") + 1), CompletionOptions.defaults()).getItems());
        requests.put("completion --from=", () -> new CompletionProvider().complete(doc[0], new Position(copyLine,
                "COPY --from=".length()), CompletionOptions.defaults()).getItems());
        requests.put("signatureHelp", () -> new SignatureHelpProvider().signatureHelp(doc[0], stageRef));
        requests.put("documentSymbol", () -> new DocumentSymbolProvider().documentSymbols(doc[0]));
        requests.put("foldingRange", () -> new FoldingRangeProvider().foldingRanges(doc[0]));
        requests.put("selectionRange", () -> new SelectionRangeProvider().selectionRanges(doc[0], List.of(variable)));
        requests.put("formatting", () -> new FormattingProvider().format(doc[0], FormatterOptions.defaults()));
        requests.put("definition", () -> new DefinitionProvider().definition(doc[0], stageRef));
        requests.put("references", () -> new ReferencesProvider().references(doc[0], variable, true));
        requests.put("highlight", () -> new DocumentHighlightProvider().highlights(doc[0], stageRef));
        requests.put("rename", () -> new RenameProvider().rename(doc[0], stageRef, "renamed"));
        requests.put("documentLink", () -> new DocumentLinkProvider().documentLinks(doc[0]));
        SemanticTokensProvider semantic = new SemanticTokensProvider();
        requests.put("semanticTokens/full (new provider)", () -> new SemanticTokensProvider().full(doc[0]));
        requests.put("semanticTokens/full (cached)", () -> semantic.full(doc[0]));
        for (var e : requests.entrySet()) {
            Object result = null;
            for (int k = 0; k < 5; k++) {
                result = e.getValue().get();
            }
            long start = System.nanoTime();
            int n = 10;
            for (int k = 0; k < n; k++) {
                result = e.getValue().get();
            }
            System.out.printf("big file (%d lines) %-36s %.3f ms%n", lines.length, e.getKey(),
                    (System.nanoTime() - start) / 1e6 / n);
            assertNotNull(result, e.getKey());
        }
        assertEquals(2, new DefinitionProvider().definition(doc[0], stageRef).size() + 1);
        assertEquals(3, new ReferencesProvider().references(doc[0], variable, true).size());
        assertFalse(new FormattingProvider().format(doc[0], FormatterOptions.defaults()).isEmpty(),
                "the lower-case copy lines get upper-cased");
        assertTrue(new DocumentSymbolProvider().documentSymbols(doc[0]).size() > 100);
    }
}
