package dev.dftools.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Emacs + Eglot start dfls, open a Dockerfile and show dflint's diagnostic (via flymake) on the right line. */
class EmacsIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void eglotShowsTheDiagnosticOnTheRightLine() throws Exception {
        EditorHarness.requireEditor("emacs", "emacs-nox", "elpa-eglot");
        assertTrue(Files.isDirectory(Path.of("/usr/share/emacs/site-lisp/elpa"))
                || Files.exists(Path.of("/usr/share/emacs/site-lisp/elpa-src")), "elpa-eglot installed");
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, EditorHarness.SAMPLE);
        Path script = EditorHarness.resource(dir, "eglot-check.el");
        JsonObject result = EditorHarness.run(dir, List.of("emacs", "--batch", "-Q", "-l", script.toString(),
                dockerfile.toString()));
        JsonObject maintainer = null;
        for (JsonElement d : result.getAsJsonArray("diagnostics")) {
            if (d.getAsJsonObject().get("text").getAsString().contains("[DF1006]")) {
                maintainer = d.getAsJsonObject();
            }
        }
        assertTrue(maintainer != null, "no DF1006 (MAINTAINER) diagnostic: " + result);
        assertEquals(2, maintainer.get("line").getAsInt(), result.toString());
        assertEquals("eglot-error", maintainer.get("type").getAsString());
        assertTrue(maintainer.get("text").getAsString().contains("DF1006"), result.toString());
        // TODO(hover): once the hover feature is wired into DflsTextDocumentService, assert result.hover
        // (plain text in Eglot 1.9 without markdown-mode) here.
    }
}
