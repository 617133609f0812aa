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

/** Neovim's built-in LSP client starts dfls, opens a Dockerfile and shows dflint's diagnostic on the right line. */
class NeovimIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void neovimShowsTheDiagnosticOnTheRightLine() throws Exception {
        EditorHarness.requireEditor("nvim", "neovim");
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, EditorHarness.SAMPLE);
        Path script = EditorHarness.resource(dir, "nvim-check.lua");
        JsonObject result = EditorHarness.run(dir, List.of("nvim", "--headless", "-n", "-i", "NONE", "-u", "NONE",
                "-c", "luafile " + script, "--", dockerfile.toString()));
        assertTrue(result.get("published").getAsBoolean(), result.toString());
        JsonObject maintainer = null;
        for (JsonElement d : result.getAsJsonArray("diagnostics")) {
            if (d.getAsJsonObject().get("code").getAsString().equals("DF1006")) {
                maintainer = d.getAsJsonObject();
            }
        }
        assertTrue(maintainer != null, "no DF1006 (MAINTAINER) diagnostic: " + result);
        assertEquals(1, maintainer.get("lnum").getAsInt(), result.toString()); // 0-based: line 2
        assertEquals("dflint", maintainer.get("source").getAsString());
        assertEquals("ERROR", maintainer.get("severity").getAsString());
        // TODO(hover): the hover feature comes from the language-features helper; once wired into
        // DflsTextDocumentService, assert result.hover (MAINTAINER's documentation) here.
    }
}
