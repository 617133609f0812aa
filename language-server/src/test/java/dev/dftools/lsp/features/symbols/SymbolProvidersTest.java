package dev.dftools.lsp.features.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lsp.Cursor;
import dev.dftools.lsp.document.DocumentSnapshot;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.junit.jupiter.api.Test;

class SymbolProvidersTest {

    private final DocumentSnapshot doc = Cursor.doc("""
            # syntax=docker/dockerfile:1
            ARG GO=1.22
            FROM golang:${GO} AS build
            ENV CGO_ENABLED=0 GOOS=linux
            RUN go build \\
                -o /app .
            FROM alpine
            COPY --from=build /app /app
            """);

    @Test
    void stagesContainTheirInstructions() {
        List<DocumentSymbol> symbols = new DocumentSymbolProvider().documentSymbols(doc);
        assertEquals(List.of("# syntax=docker/dockerfile:1", "ARG GO=1.22", "FROM golang:${GO} AS build",
                "FROM alpine"), symbols.stream().map(DocumentSymbol::getName).toList());
        DocumentSymbol build = symbols.get(2);
        assertEquals(SymbolKind.Class, build.getKind());
        assertEquals("build", Cursor.textOf(doc, build.getSelectionRange()));
        assertEquals(2, build.getRange().getStart().getLine());
        assertEquals(5, build.getRange().getEnd().getLine());
        assertEquals(List.of("ENV CGO_ENABLED=0 GOOS=linux", "RUN go build -o /app ."),
                build.getChildren().stream().map(DocumentSymbol::getName).toList());
        DocumentSymbol env = build.getChildren().get(0);
        assertEquals(SymbolKind.Variable, env.getKind());
        assertEquals("ENV", Cursor.textOf(doc, env.getSelectionRange()));
        assertEquals(null, env.getChildren(), "instructions are the leaves (names are in workspace symbols)");
        assertEquals("stage 0", build.getDetail());
        assertEquals("alpine", Cursor.textOf(doc, symbols.get(3).getSelectionRange()));
    }

    @Test
    void workspaceSymbolsAcrossDocumentsWithQuery() {
        DocumentSnapshot other = DocumentSnapshot.parse("file:///w/other/Dockerfile", 1,
                "FROM node AS builder\nARG NODE_ENV=production\n");
        WorkspaceSymbolProvider provider = new WorkspaceSymbolProvider();
        List<WorkspaceSymbol> found = provider.symbols(List.of(doc, other), "bui");
        assertEquals(List.of("build", "builder"), found.stream().map(WorkspaceSymbol::getName).toList());
        assertEquals("file:///w/other/Dockerfile", found.get(1).getLocation().getLeft().getUri());
        List<String> all = provider.symbols(List.of(doc, other), "").stream().map(WorkspaceSymbol::getName).toList();
        assertTrue(all.containsAll(List.of("GO", "CGO_ENABLED", "GOOS", "NODE_ENV", "build", "builder")), all.toString());
        assertEquals("ENV in build", provider.symbols(List.of(doc), "goos").get(0).getContainerName());
    }
}
