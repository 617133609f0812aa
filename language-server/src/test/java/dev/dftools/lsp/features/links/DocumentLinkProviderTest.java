package dev.dftools.lsp.features.links;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dftools.lsp.Cursor;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.model.ImageReference;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.DocumentLink;
import org.junit.jupiter.api.Test;

class DocumentLinkProviderTest {

    @Test
    void imagesLinkToTheirRegistryPages() {
        DocumentSnapshot doc = Cursor.doc("""
                # syntax=docker/dockerfile:1.7
                FROM golang:1.22 AS build
                FROM build AS again
                FROM ghcr.io/owner/tool:1
                FROM quay.io/prometheus/node-exporter@sha256:abc
                FROM mcr.microsoft.com/dotnet/sdk:8.0
                FROM registry.example.com/x/y
                FROM ${BASE}
                FROM scratch
                COPY --from=nginx:1.25 /etc/nginx /etc/nginx
                COPY --from=build /out /out
                COPY --from=0 /out /out
                """);
        List<DocumentLink> links = new DocumentLinkProvider().documentLinks(doc);
        assertEquals(List.of(
                "docker/dockerfile:1.7 -> https://hub.docker.com/r/docker/dockerfile",
                "golang:1.22 -> https://hub.docker.com/_/golang",
                "ghcr.io/owner/tool:1 -> https://ghcr.io/owner/tool",
                "quay.io/prometheus/node-exporter@sha256:abc -> https://quay.io/repository/prometheus/node-exporter",
                "mcr.microsoft.com/dotnet/sdk:8.0 -> https://mcr.microsoft.com/artifact/mar/dotnet/sdk",
                "nginx:1.25 -> https://hub.docker.com/_/nginx"),
                links.stream().map(l -> Cursor.textOf(doc, l.getRange()) + " -> " + l.getTarget()).toList());
    }

    @Test
    void imageReferenceParsing() {
        ImageReference r = ImageReference.parse("localhost:5000/team/app:2@sha256:ff").orElseThrow();
        assertEquals("localhost:5000", r.registry());
        assertEquals("team/app", r.repository());
        assertEquals("2", r.tag());
        assertEquals("sha256:ff", r.digest());
        assertEquals(Optional.empty(), r.webPage());
        assertEquals("library/alpine", ImageReference.parse("docker.io/alpine").orElseThrow().repository());
        assertEquals("bitnami/redis", ImageReference.parse("bitnami/redis").orElseThrow().familiarName());
        assertEquals(Optional.empty(), ImageReference.parse("$IMAGE"));
    }
}
