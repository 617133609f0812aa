package dev.dftools.lsp.features.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lsp.Cursor;
import dev.dftools.lsp.document.DocumentSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.InsertTextFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionProviderTest {

    private static List<CompletionItem> complete(String text) {
        return complete(text, CompletionOptions.defaults());
    }

    private static List<CompletionItem> complete(String text, CompletionOptions options) {
        Cursor c = Cursor.of(text);
        return new CompletionProvider().complete(c.snapshot(), c.position(), options).getItems();
    }

    private static List<String> labels(String text) {
        return complete(text).stream().map(CompletionItem::getLabel).toList();
    }

    private static CompletionItem item(List<CompletionItem> items, String label) {
        return items.stream().filter(i -> i.getLabel().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError(label + " not in " + items.stream().map(CompletionItem::getLabel)
                        .toList()));
    }

    @Test
    void instructionSnippetsRespectLowerCase() {
        List<CompletionItem> items = complete("FROM alpine\nCO|");
        CompletionItem copy = item(items, "COPY");
        assertEquals(InsertTextFormat.Snippet, copy.getInsertTextFormat());
        assertEquals("COPY ${1:src} ${2:dest}", copy.getTextEdit().getLeft().getNewText());
        assertNotNull(copy.getDocumentation());
        assertEquals("COPY [--from=<stage|image>] [--chown=<user>:<group>] [--chmod=<perms>] <src>... <dest>",
                copy.getDetail());
        CompletionItem lower = item(complete("FROM alpine\nco|"), "copy");
        assertEquals("copy ${1:src} ${2:dest}", lower.getTextEdit().getLeft().getNewText());
        CompletionItem midLine = item(complete("FROM alpine\nCO|PY a b\n"), "COPY");
        assertEquals("COPY", midLine.getTextEdit().getLeft().getNewText(), "arguments follow: no snippet");
        assertEquals(4, midLine.getTextEdit().getLeft().getRange().getEnd().getCharacter());
        assertTrue(labels("FROM alpine\nONBUILD |").contains("RUN"));
        assertFalse(labels("FROM alpine\nONBUILD |").contains("ONBUILD"));
    }

    @Test
    void flagsPerInstructionAndMountKeysPerType() {
        assertTrue(labels("FROM alpine\nRUN --|").containsAll(List.of("--mount", "--network", "--security")));
        assertTrue(labels("FROM alpine\nCOPY --|").containsAll(
                List.of("--from", "--chown", "--chmod", "--link", "--parents", "--exclude")));
        assertTrue(labels("FROM alpine\nADD --|").containsAll(List.of("--checksum", "--keep-git-dir")));
        assertTrue(labels("FROM alpine\nHEALTHCHECK --|").containsAll(
                List.of("--interval", "--timeout", "--start-period", "--start-interval", "--retries")));
        assertEquals(List.of("bind", "cache", "tmpfs", "secret", "ssh"), labels("FROM alpine\nRUN --mount=type=|"));
        List<String> cacheKeys = labels("FROM alpine\nRUN --mount=type=cache,|");
        assertTrue(cacheKeys.containsAll(List.of("target", "id", "sharing", "mode", "uid", "gid", "from")), cacheKeys.toString());
        assertFalse(cacheKeys.contains("type"));
        assertFalse(cacheKeys.contains("env"));
        assertTrue(labels("FROM alpine\nRUN --mount=type=secret,id=x,|").containsAll(List.of("env", "required")));
        assertEquals(List.of("shared", "private", "locked"),
                labels("FROM alpine\nRUN --mount=type=cache,target=/x,sharing=|"));
        assertEquals(List.of("default", "none", "host"), labels("FROM alpine\nRUN --network=|"));
    }

    @Test
    void stageNamesExcludeTheCurrentStage() {
        String doc = "FROM golang AS build\nFROM alpine AS tools\nFROM alpine AS final\nCOPY --from=|\n";
        assertEquals(List.of("build", "tools"), labels(doc));
        assertEquals(List.of("build"), labels("FROM golang AS build\nFROM |"));
        assertTrue(labels("FROM golang AS build\nFROM alpine\nRUN --mount=type=bind,from=|").contains("build"));
    }

    @Test
    void variablesInScope() {
        String doc = "ARG G=1\nFROM alpine\nARG A=2\nENV B=3\nRUN echo ${|}\nENV LATER=4\n";
        List<CompletionItem> items = complete(doc);
        List<String> names = items.stream().map(CompletionItem::getLabel).toList();
        assertTrue(names.containsAll(List.of("A", "B", "HTTP_PROXY")), names.toString());
        assertFalse(names.contains("G"));
        assertFalse(names.contains("LATER"));
        assertEquals("${A}", item(items, "A").getTextEdit().getLeft().getNewText());
        assertTrue(labels("ARG G=1\nFROM alpine:$|").containsAll(List.of("G", "TARGETPLATFORM")));
    }

    @Test
    void directivesInLeadingComments() {
        assertEquals(List.of("syntax=", "escape=", "check="), labels("# |\nFROM alpine\n"));
        assertTrue(labels("# syntax=|\nFROM alpine\n").contains("docker/dockerfile:1"));
        assertTrue(labels("FROM alpine\n# |\n").isEmpty());
    }

    @Test
    void contextPathsHonourDockerignore(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("src/main"));
        Files.writeString(dir.resolve("src/app.py"), "x");
        Files.writeString(dir.resolve("secret.key"), "x");
        Files.writeString(dir.resolve("README.md"), "x");
        Files.writeString(dir.resolve(".dockerignore"), "*.key\n");
        CompletionOptions options = new CompletionOptions(dir, null);
        List<String> top = complete("FROM alpine\nCOPY |", options).stream().map(CompletionItem::getLabel).toList();
        assertTrue(top.containsAll(List.of("src/", "README.md")), top.toString());
        assertFalse(top.contains("secret.key"));
        List<CompletionItem> nested = complete("FROM alpine\nCOPY src/a|", options);
        assertEquals(List.of("app.py", "main/"), nested.stream().map(CompletionItem::getLabel).sorted().toList());
        assertEquals("COPY src/".length(), nested.get(0).getTextEdit().getLeft().getRange().getStart().getCharacter());
        assertTrue(complete("FROM alpine\nCOPY --from=x |", options).isEmpty());
        // the default context is the document's folder
        DocumentSnapshot snap = DocumentSnapshot.parse(dir.resolve("Dockerfile").toUri().toString(), 1,
                "FROM alpine\nADD \n");
        assertTrue(new CompletionProvider().complete(snap, new org.eclipse.lsp4j.Position(1, 4),
                CompletionOptions.defaults()).getItems().stream().anyMatch(i -> i.getLabel().equals("README.md")));
    }

    @Test
    void missingImageStoreGivesNoImagesAndCreatesNothing(@TempDir Path dir) {
        Path store = dir.resolve("store");
        List<String> labels = complete("FROM alp|", new CompletionOptions(null, store)).stream()
                .map(CompletionItem::getLabel).toList();
        assertTrue(labels.isEmpty(), labels.toString());
        assertFalse(Files.exists(store));
    }

    @Test
    void imageNamesAndTagsFromTheLocalStore(@TempDir Path dir) throws Exception {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs/etc"));
        Files.writeString(rootfs.resolve("hostname"), "x");
        dev.dftools.sim.store.ImageStore store = dev.dftools.sim.store.ImageStore.open(dir.resolve("store"));
        store.importRootfs(dir.resolve("rootfs"), "myorg/base:1.0");
        store.importRootfs(dir.resolve("rootfs"), "myorg/base:2.0");
        CompletionOptions options = new CompletionOptions(null, dir.resolve("store"));
        List<CompletionItem> names = complete("FROM golang AS build\nFROM my|", options);
        assertEquals(List.of("build", "myorg/base"), names.stream().map(CompletionItem::getLabel).toList());
        assertTrue(item(names, "myorg/base").getDocumentation().getRight().getValue().contains("dfsim"));
        List<String> tags = complete("FROM myorg/base:|", options).stream().map(CompletionItem::getLabel).toList();
        assertEquals(List.of("1.0", "2.0"), tags);
    }
}
