package dev.dftools.lsp.features.navigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lsp.Cursor;
import dev.dftools.lsp.document.DocumentSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightKind;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

class NavigationTest {

    /** Applies edits (non-overlapping) to the text. */
    static String apply(DocumentSnapshot doc, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt((TextEdit e) -> e.getRange().getStart().getLine())
                .thenComparingInt(e -> e.getRange().getStart().getCharacter()).reversed());
        StringBuilder sb = new StringBuilder(doc.text());
        for (TextEdit e : sorted) {
            int s = dev.dftools.lsp.text.LspRanges.offset(doc.lines(), e.getRange().getStart());
            int t = dev.dftools.lsp.text.LspRanges.offset(doc.lines(), e.getRange().getEnd());
            sb.replace(s, t, e.getNewText());
        }
        return sb.toString();
    }

    @Test
    void definitionOfStageReferenceAndScopedVariable() {
        Cursor c = Cursor.of("ARG V=1\nFROM golang AS build\nARG V\nFROM alpine\nCOPY --from=bu|ild /a /b\n");
        List<Location> defs = new DefinitionProvider().definition(c.snapshot(), c.position());
        assertEquals(1, defs.size());
        assertEquals(1, defs.get(0).getRange().getStart().getLine());
        assertEquals("build", Cursor.textOf(c.snapshot(), defs.get(0).getRange()));

        Cursor v = Cursor.of("ARG V=1\nFROM golang:$V AS build\nARG V\nRUN echo $|V\n");
        Location def = new DefinitionProvider().definition(v.snapshot(), v.position()).get(0);
        assertEquals(2, def.getRange().getStart().getLine(), "the stage's re-declaration, not the global");
        Cursor inFrom = Cursor.of("ARG V=1\nFROM golang:$|V AS build\nARG V\n");
        assertEquals(0, new DefinitionProvider().definition(inFrom.snapshot(), inFrom.position()).get(0)
                .getRange().getStart().getLine());
    }

    @Test
    void heredocEndMarkerGoesToItsOpener() {
        Cursor c = Cursor.of("FROM alpine\nRUN <<EOF\necho hi\nE|OF\n");
        List<Location> defs = new DefinitionProvider().definition(c.snapshot(), c.position());
        assertEquals("<<EOF", Cursor.textOf(c.snapshot(), defs.get(0).getRange()));
    }

    @Test
    void nothingOutsideSymbols() {
        Cursor c = Cursor.of("FROM alp|ine\n");
        assertTrue(new DefinitionProvider().definition(c.snapshot(), c.position()).isEmpty());
        assertNull(new RenameProvider().prepareRename(c.snapshot(), c.position()));
    }

    @Test
    void referencesAndHighlights() {
        Cursor c = Cursor.of("FROM alpine AS b|ase\nFROM base\nCOPY --from=base /x /y\nFROM BASE\n");
        assertEquals(4, new ReferencesProvider().references(c.snapshot(), c.position(), true).size());
        assertEquals(3, new ReferencesProvider().references(c.snapshot(), c.position(), false).size());
        List<DocumentHighlight> hl = new DocumentHighlightProvider().highlights(c.snapshot(), c.position());
        assertEquals(DocumentHighlightKind.Write, hl.get(0).getKind());
        assertEquals(DocumentHighlightKind.Read, hl.get(1).getKind());
    }

    @Test
    void renameGlobalArgRenamesRedeclarationsAndTheirUses() {
        Cursor c = Cursor.of("""
                ARG VE|R=1
                FROM alpine:$VER
                RUN echo $VER
                ARG VER
                RUN echo ${VER}
                FROM alpine
                ENV VER=2
                RUN echo $VER
                """);
        WorkspaceEdit edit = new RenameProvider().rename(c.snapshot(), c.position(), "VERSION");
        assertEquals("""
                ARG VERSION=1
                FROM alpine:$VERSION
                RUN echo $VER
                ARG VERSION
                RUN echo ${VERSION}
                FROM alpine
                ENV VER=2
                RUN echo $VER
                """, apply(c.snapshot(), edit.getChanges().get(Cursor.URI)));
    }

    @Test
    void renameEnvFollowsInheritanceAndStageRenameFollowsReferences() {
        Cursor c = Cursor.of("FROM alpine AS base\nENV P|ATH2=/x\nFROM base\nRUN echo $PATH2\n");
        WorkspaceEdit edit = new RenameProvider().rename(c.snapshot(), c.position(), "P3");
        assertEquals("FROM alpine AS base\nENV P3=/x\nFROM base\nRUN echo $P3\n",
                apply(c.snapshot(), edit.getChanges().get(Cursor.URI)));
        Cursor s = Cursor.of("FROM alpine AS base\nFROM |base\nRUN --mount=from=base,target=/x true\n");
        assertEquals("FROM alpine AS tools\nFROM tools\nRUN --mount=from=tools,target=/x true\n",
                apply(s.snapshot(), new RenameProvider().rename(s.snapshot(), s.position(), "tools")
                        .getChanges().get(Cursor.URI)));
    }

    @Test
    void renameRejectsInvalidNamesClearly() {
        Cursor s = Cursor.of("FROM alpine AS ba|se\nFROM x AS other\n");
        ResponseErrorException e = assertThrows(ResponseErrorException.class,
                () -> new RenameProvider().rename(s.snapshot(), s.position(), "1bad"));
        assertTrue(e.getMessage().contains("invalid stage name '1bad'"), e.getMessage());
        assertThrows(ResponseErrorException.class,
                () -> new RenameProvider().rename(s.snapshot(), s.position(), "other"));
        Cursor v = Cursor.of("FROM alpine\nARG A|B\n");
        assertThrows(ResponseErrorException.class,
                () -> new RenameProvider().rename(v.snapshot(), v.position(), "a-b"));
        Cursor p = Cursor.of("FROM alpine\nRUN echo $HTTP_PRO|XY\n");
        assertNull(new RenameProvider().prepareRename(p.snapshot(), p.position()));
        assertEquals("AB", new RenameProvider().prepareRename(v.snapshot(), v.position()).getPlaceholder());
    }
}
