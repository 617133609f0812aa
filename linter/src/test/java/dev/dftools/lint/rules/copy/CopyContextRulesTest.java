package dev.dftools.lint.rules.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.lint.BuildContext;
import dev.dftools.lint.Finding;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.Linter;
import dev.dftools.lint.TextEdit;
import dev.dftools.lint.rules.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Context cases a committed fixture cannot hold (symbolic links, a real .git) and the quick fixes. */
class CopyContextRulesTest {

    private static final Linter LINTER = new Linter(Rules.registry());

    private static List<Finding> lint(String code, String dockerfile, BuildContext context) {
        return LINTER.lint(Dockerfiles.parse(dockerfile), LintConfig.defaults(), context).stream()
                .filter(f -> f.code().equals(code))
                .toList();
    }

    private static String applyFix(String text, Finding finding) {
        StringBuilder out = new StringBuilder(text);
        List<TextEdit> edits = finding.fix().edits().stream()
                .sorted((a, b) -> b.range().start().offset() - a.range().start().offset())
                .toList();
        for (TextEdit edit : edits) {
            out.replace(edit.range().start().offset(), edit.range().end().offset(), edit.newText());
        }
        return out.toString();
    }

    @Test
    void symlinksOutOfTheContext(@TempDir Path dir) throws Exception {
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.conf"), "x");
        Files.createSymbolicLink(ctx.resolve("config"), outside);
        Files.createDirectories(ctx.resolve("app"));
        Files.writeString(ctx.resolve("app/main.c"), "int main(){}");
        Files.createSymbolicLink(ctx.resolve("app/data"), Path.of("/var/lib/data"));
        Files.createSymbolicLink(ctx.resolve("app/ok"), Path.of("main.c"));
        Files.createDirectories(ctx.resolve("ignored"));
        Files.createSymbolicLink(ctx.resolve("ignored/out"), outside);
        Files.writeString(ctx.resolve(".dockerignore"), "ignored\n");
        String dockerfile = "FROM alpine\nCOPY config/secret.conf /etc/\nCOPY app /app\nCOPY app/ok /x\n"
                + "COPY ignored /y\n";
        List<Finding> found = lint("DF4010", dockerfile, new BuildContext(ctx));
        assertEquals(2, found.size(), found.toString());
        assertEquals(2, found.get(0).range().startLine());
        assertTrue(found.get(0).message().contains("'config' is a symbolic link to '" + outside + "'"),
                found.get(0).message());
        assertEquals(3, found.get(1).range().startLine());
        assertTrue(found.get(1).message().contains("'app/data' -> '/var/lib/data'"), found.get(1).message());
    }

    @Test
    void wholeContextWithGitAndNodeModules(@TempDir Path ctx) throws Exception {
        Files.createDirectories(ctx.resolve(".git"));
        Files.writeString(ctx.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.createDirectories(ctx.resolve("node_modules/left-pad"));
        Files.writeString(ctx.resolve("node_modules/left-pad/key.pem"), "inside node_modules: not listed");
        Files.writeString(ctx.resolve("package.json"), "{}");
        String dockerfile = "FROM node:20\nWORKDIR /app\nCOPY . .\n";
        List<Finding> found = lint("DF4013", dockerfile, new BuildContext(ctx));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("there is no .dockerignore, so it includes .git/, node_modules/."),
                found.get(0).message());

        Files.writeString(ctx.resolve(".dockerignore"), ".git\n");
        found = lint("DF4013", dockerfile, new BuildContext(ctx));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains(".dockerignore does not exclude node_modules/."),
                found.get(0).message());

        Files.writeString(ctx.resolve(".dockerignore"), ".git\nnode_modules\n");
        assertEquals(List.of(), lint("DF4013", dockerfile, new BuildContext(ctx)));
    }

    @Test
    void ignoredFileFollowsBuildKitWithoutExceptions(@TempDir Path ctx) throws Exception {
        Files.writeString(ctx.resolve(".dockerignore"), "*.md\ndist/\n");
        String dockerfile = "FROM alpine\nCOPY README.md /\nCOPY dist/app /app\nCOPY /dist/app /app2\nCOPY src /src\n";
        List<Finding> found = lint("DF4012", dockerfile, new BuildContext(ctx));
        assertEquals(List.of(2, 3, 4), found.stream().map(f -> f.range().startLine()).toList(), found.toString());

        Files.writeString(ctx.resolve(".dockerignore"), "*\n");
        assertEquals(1, lint("DF4012", "FROM alpine\nCOPY . /app\n", new BuildContext(ctx)).size());
    }

    @Test
    void dockerfileSpecificIgnoreFileIsUsed(@TempDir Path dir) throws Exception {
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(ctx.resolve("a.txt"), "a");
        Files.writeString(ctx.resolve("b.txt"), "b");
        Files.writeString(ctx.resolve(".dockerignore"), "a.txt\n");
        Path dockerfile = Files.writeString(dir.resolve("prod.Dockerfile"), "");
        Files.writeString(dir.resolve("prod.Dockerfile.dockerignore"), "b.txt\n");
        String text = "FROM alpine\nCOPY a.txt /a\nCOPY b.txt /b\n";
        List<Finding> found = lint("DF4012", text, new BuildContext(ctx, dockerfile));
        assertEquals(List.of(3), found.stream().map(f -> f.range().startLine()).toList());
        assertTrue(found.get(0).message().contains("excluded by prod.Dockerfile.dockerignore"));
        assertEquals(List.of(2), lint("DF4012", text, new BuildContext(ctx)).stream()
                .map(f -> f.range().startLine()).toList());
    }

    @Test
    void addFixBecomesCopy() {
        String text = "FROM alpine\nadd --chown=1:1 app.conf /etc/\nADD --checksum=sha256:abc app.conf /etc/\n";
        List<Finding> found = LINTER.lint(Dockerfiles.parse(text), LintConfig.defaults(), null).stream()
                .filter(f -> f.code().equals("DF4000")).toList();
        assertEquals(2, found.size());
        assertEquals("FROM alpine\ncopy --chown=1:1 app.conf /etc/\nADD --checksum=sha256:abc app.conf /etc/\n",
                applyFix(text, found.get(0)));
        assertEquals(null, found.get(1).fix(), "COPY has no --checksum");
    }

    @Test
    void multiSourceFixAppendsSlashInsideQuotes() {
        String text = "FROM alpine\nCOPY a b \"/opt/x\"\nCOPY [\"a\", \"b\", \"/opt/y\"]\nCOPY a b /opt/z\n";
        List<Finding> found = LINTER.lint(Dockerfiles.parse(text), LintConfig.defaults(), null).stream()
                .filter(f -> f.code().equals("DF4001")).toList();
        assertEquals(3, found.size());
        assertTrue(applyFix(text, found.get(0)).startsWith("FROM alpine\nCOPY a b \"/opt/x/\"\n"));
        assertTrue(applyFix(text, found.get(1)).contains("COPY [\"a\", \"b\", \"/opt/y/\"]"));
        assertTrue(applyFix(text, found.get(2)).endsWith("COPY a b /opt/z/\n"));
    }
}
