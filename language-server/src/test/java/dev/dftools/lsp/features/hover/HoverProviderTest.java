package dev.dftools.lsp.features.hover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lsp.Cursor;
import org.eclipse.lsp4j.Hover;
import org.junit.jupiter.api.Test;

class HoverProviderTest {

    private static String hover(String text) {
        Cursor c = Cursor.of(text);
        Hover h = new HoverProvider().hover(c.snapshot(), c.position());
        return h == null ? null : h.getContents().getRight().getValue();
    }

    private static String range(String text) {
        Cursor c = Cursor.of(text);
        return Cursor.textOf(c.snapshot(), new HoverProvider().hover(c.snapshot(), c.position()).getRange());
    }

    @Test
    void instructionsLinkToTheReference() {
        String h = hover("FROM alpine\nco|py a b\n");
        assertTrue(h.startsWith("**COPY**"), h);
        assertTrue(h.contains("https://docs.docker.com/reference/dockerfile/#copy"), h);
        assertTrue(hover("FROM alpine\nONBUILD R|UN make\n").startsWith("**RUN**"));
    }

    @Test
    void flagsAndEveryMountOption() {
        assertTrue(hover("FROM alpine\nCOPY --ch|mod=755 a /b\n").contains("Permissions"));
        assertTrue(hover("FROM alpine\nRUN --net|work=none true\n").contains("`none`"));
        assertTrue(hover("FROM alpine\nHEALTHCHECK --ret|ries=3 CMD true\n").contains("unhealthy"));
        assertTrue(hover("FROM alpine\nADD --keep-git|-dir=true https://x/y.git /z\n").contains(".git"));
        String sharing = hover("FROM alpine\nRUN --mount=type=cache,target=/c,shar|ing=locked make\n");
        assertTrue(sharing.contains("`--mount` option `sharing`"), sharing);
        assertEquals("sharing=locked", range("FROM alpine\nRUN --mount=type=cache,target=/c,shar|ing=locked make\n"));
        String type = hover("FROM alpine\nRUN --mount=type=se|cret,id=x cat /run/secrets/x\n");
        assertTrue(type.contains("`type=secret`"), type);
        assertTrue(hover("FROM alpine\nRUN --mount=type=bind,d|st=/x true\n").contains("option `target`"));
        assertTrue(hover("FROM alpine\nRUN --bo|gus=1 true\n").startsWith("Unknown flag `--bogus`"));
    }

    @Test
    void directives() {
        String h = hover("# syn|tax=docker/dockerfile:1\nFROM alpine\n");
        assertTrue(h.contains("frontend"), h);
        assertTrue(h.contains("https://hub.docker.com/r/docker/dockerfile"), h);
        assertTrue(hover("# esc|ape=`\nFROM alpine\n").contains("escape character"));
    }

    @Test
    void variablesShowValueAndScope() {
        String text = "ARG V=3.19\nFROM alpine:$|V\n";
        assertTrue(hover(text).contains("**global ARG** `V` = `3.19`"), hover(text));
        assertTrue(hover("ARG V=3.19\nFROM alpine\nARG V\nRUN echo $|V\n").contains("default of the global ARG"));
        String undefined = hover("ARG V=3.19\nFROM alpine\nRUN echo ${|V}\n");
        assertTrue(undefined.contains("add `ARG V`"), undefined);
        assertTrue(hover("FROM alpine\nENV P|ORT=80\n").contains("**ENV** `PORT` = `80`"));
        assertTrue(hover("FROM alpine\nRUN echo $TARGET|ARCH $HTTP_PROXY\n").contains("not defined"));
        assertTrue(hover("FROM --platform=$BUILD|PLATFORM alpine\n").contains("predefined"));
    }

    @Test
    void stagesAndImages() {
        String stage = hover("FROM golang:1.22 AS build\nFROM alpine\nCOPY --from=bu|ild /a /b\n");
        assertTrue(stage.contains("FROM golang:1.22 AS build"), stage);
        assertTrue(stage.contains("Base image: `golang:1.22`"), stage);
        String image = hover("FROM ghcr.io/org/to|ol:1.0@sha256:abc\n");
        assertTrue(image.contains("registry: `ghcr.io`"), image);
        assertTrue(image.contains("tag: `1.0`"), image);
        assertTrue(image.contains("digest: `sha256:abc`"), image);
        assertTrue(hover("FROM alpine\nCOPY --from=nginx:1|.25 /etc /etc\n").contains("hub.docker.com/_/nginx"));
        assertNull(hover("FROM alpine\nRUN echo h|i\n"));
    }
}
