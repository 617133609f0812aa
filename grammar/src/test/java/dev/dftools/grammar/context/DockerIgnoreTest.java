package dev.dftools.grammar.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Docker's .dockerignore semantics (moby/patternmatcher behaviour, cases from its documented tests). */
class DockerIgnoreTest {

    private static boolean matches(String pattern, String path) throws Exception {
        return DockerIgnore.of(List.of(pattern)).matchesOrParentMatches(path);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "**|file|true", "**|file/|true", "**/|file|true", "**/|file/|true", "**|/|true", "**/|/|true",
        "**|dir/file|true", "**/|dir/file|true", "**/**|dir/file|true", "**/**|dir/file/|true",
        "dir/**|dir/file|true", "dir/**|dir/file/|true", "dir/**|dir/dir2/file|true",
        "**/dir|dir|true", "**/dir|dir/file|true", "**/dir2/*|dir/dir2/file|true",
        "**/dir2/*|dir/dir2/file/|true", "**/dir2/**|dir/dir2/dir3/file|true",
        "**file|file|true", "**file|dir/file|true", "**/file|dir/file|true", "**file|dir/dir/file|true",
        "**/file*|dir/dir/file.txt|true", "**/file*txt|dir/dir/file.txt|true",
        "**/file*.txt*|dir/dir/file.txt|true", "**/**/*.txt|dir/dir/file.txt|true",
        "**/**/*.txt2|dir/dir/file.txt|false", "**/*.txt|file.txt|true", "**/**/*.txt|file.txt|true",
        "a**/*.txt|a/file.txt|true", "a**/*.txt|a/dir/file.txt|true", "a**/*.txt|a/dir/dir/file.txt|true",
        "a/*.txt|a/dir/file.txt|false", "a/*.txt|a/file.txt|true", "a/*.txt**|a/file.txt|true",
        "a[b-d]e|ae|false", "a[b-d]e|ace|true", "a[b-d]e|aae|false", "a[^b-d]e|aze|true",
        ".*|.foo|true", ".*|foo|false", "abc.def|abcdef|false", "abc.def|abc.def|true",
        "abc.def|abcZdef|false", "abc?def|abcZdef|true", "abc?def|abcdef|false",
        "**/foo/bar|foo/bar|true", "**/foo/bar|dir/foo/bar|true", "**/foo/bar|dir/dir2/foo/bar|true",
        "abc/**|abc|false", "abc/**|abc/def|true", "abc/**|abc/def/ghi|true",
        "**/.foo|.foo|true", "**/.foo|bar.foo|false", "a(b)c/def|a(b)c/def|true", "a(b)c/def|a(b)c/xyz|false",
        "dist/*.whl|dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl|true",
        "a\\\\|a\\|true", "a\\*b|a*b|true", "a\\*b|ab|false",
        "abc|abc|true", "*|abc|true", "*c|abc|true", "a*|a|true", "a*|abc|true", "a*/b|abc/b|true",
        "a*/b|a/c/b|false", "a*b*c*d*e*/f|axbxcxdxe/f|true", "a*b*c*d*e*/f|axbxcxdxe/xxx/f|false",
        "a*b?c*x|abxbbxdbxebxczzx|true", "a*b?c*x|abxbbxdbxebxczzy|false", "ab[c]|abc|true",
        "ab[b-d]|abc|true", "ab[e-g]|abc|false", "ab[^c]|abc|false", "ab[^e-g]|abc|true",
        "a?b|a☺b|true", "a[^a]b|a☺b|true", "a???b|a☺b|false", "[a-ζ]*|α|true", "*[a-ζ]|A|false",
        "a?b|a/b|false", "a*b|a/b|false", "[\\]a]|]|true", "[\\-]|-|true", "[x\\-]|x|true", "[x\\-]|-|true",
        "[x\\-]|z|false", "*x|xxx|true",
        // a directory pattern excludes what is inside it
        "docs|docs/README.md|true", "docs/|docs/README.md|true", "node_modules|a/node_modules/x|false",
        "*/node_modules|a/node_modules/x|true", "**/node_modules|a/b/node_modules/x|true",
        // patterns are cleaned; a leading / or ./ means the context root
        "./foo|foo|true", "foo/../bar|bar|true", "foo/.|foo|true",
        // a star inside a class is taken apart as patternmatcher does: [*] becomes [[^/]*]
        "x[*]|x]|true", "x[*]|x*|false",
    })
    void matchesLikeMoby(String pattern, String path, boolean expected) throws Exception {
        assertEquals(expected, matches(pattern, path));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]", "[", "[^", "[^bc", "a[", "!"})
    void rejectsWhatDockerRejects(String pattern) {
        assertThrows(DockerIgnore.BadPatternException.class, () -> DockerIgnore.of(List.of(pattern)));
    }

    @Test
    void exceptionsUndoEarlierMatches() throws Exception {
        assertFalse(DockerIgnore.of(List.of("docs", "!docs/README.md")).matchesOrParentMatches("docs/README.md"));
        assertFalse(DockerIgnore.of(List.of("docs/*", "!docs/README.md")).matchesOrParentMatches("docs/README.md"));
        assertFalse(DockerIgnore.of(List.of("*.go", "!fileutils.go")).matchesOrParentMatches("fileutils.go"));
        assertTrue(DockerIgnore.of(List.of("!fileutils.go", "*.go")).matchesOrParentMatches("fileutils.go"));
        assertFalse(DockerIgnore.of(List.of("**", "!util/docker/web")).matchesOrParentMatches("util/docker/web/foo"));
        assertTrue(DockerIgnore.of(List.of("**", "!util/docker/web", "util/docker/web/foo"))
                .matchesOrParentMatches("util/docker/web/foo"));
        assertFalse(DockerIgnore.of(List.of("**", "!dist/*.whl"))
                .matchesOrParentMatches("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"));
        assertTrue(DockerIgnore.of(List.of("docs", "!docs/README.md")).hasExceptions());
        assertTrue(DockerIgnore.of(List.of("docs", "  !docs/README.md  ")).hasExceptions());
    }

    @Test
    void readsTheFileLikeDocker() {
        String content = "\uFEFFtest1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n"
                + " # not a comment\n! /inverted/abs/path\n!\n! \r\n./dir/sub/\n";
        assertEquals(List.of("test1", "test2", "a/file/here", "lastfile", "# not a comment", "!inverted/abs/path",
                "!", "!", "dir/sub"), DockerIgnore.readPatterns(content));
    }

    @Test
    void regexpMetaCharsAreLiteral() throws Exception {
        assertTrue(matches("a.|)$(}+{bc", "a.|)$(}+{bc"));
        assertFalse(matches("a.|)$(}+{bc", "aX|)$(}+{bc"));
    }

    @Test
    void emptyPatternsAreSkipped() throws Exception {
        assertEquals(List.of("docs", "config"), DockerIgnore.of(List.of("docs", "config", "", "  ")).patterns());
    }

    @Test
    void contextRootIsNeverExcluded() throws Exception {
        DockerIgnore all = DockerIgnore.parse("*\n");
        assertFalse(all.excludes("."));
        assertFalse(all.excludes("./"));
        assertTrue(all.excludes("anything"));
        assertTrue(all.excludes("/anything"));
        assertTrue(all.excludes("./dir/file"));
        // BuildKit's check itself runs on the cleaned source: "." matches *, ** and **/*
        assertTrue(all.matchesOrParentMatches("."));
        assertTrue(DockerIgnore.parse("**/*").matchesOrParentMatches("."));
        assertFalse(DockerIgnore.parse("*.go").matchesOrParentMatches("."));
    }

    @Test
    void aDirectoryExcludedWithAFileReincluded() throws Exception {
        DockerIgnore ignore = DockerIgnore.parse("build\n!build/keep.txt\n");
        assertTrue(ignore.excludes("build/other.txt"));
        assertFalse(ignore.excludes("build/keep.txt"));
        assertTrue(ignore.excludes("build"));
    }

    @Test
    void dockerfileSpecificIgnoreFileWins(@TempDir Path dir) throws Exception {
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        Path dockerfile = Files.writeString(Files.createDirectories(dir.resolve("build")).resolve("app.Dockerfile"),
                "FROM scratch\n");
        Files.writeString(ctx.resolve(".dockerignore"), "general\n");
        assertEquals(List.of("general"), DockerIgnore.load(ctx, dockerfile).orElseThrow().patterns());
        Files.writeString(dir.resolve("build/app.Dockerfile.dockerignore"), "specific\n");
        DockerIgnore specific = DockerIgnore.load(ctx, dockerfile).orElseThrow();
        assertEquals(List.of("specific"), specific.patterns());
        assertEquals(dir.resolve("build/app.Dockerfile.dockerignore"), specific.file().orElseThrow());
        // without the Dockerfile's location only the context's file is known
        assertEquals(List.of("general"), DockerIgnore.load(ctx, null).orElseThrow().patterns());
        assertTrue(DockerIgnore.load(Files.createDirectories(dir.resolve("none")), null).isEmpty());
    }

    @Test
    void goPathCleaning() {
        assertEquals(".", GoPaths.clean(""));
        assertEquals("/", GoPaths.clean("/.."));
        assertEquals("../x", GoPaths.clean("a/../../x"));
        assertEquals("a/b", GoPaths.clean("./a//b/"));
        assertEquals("x", GoPaths.inContext("../x"));
        assertEquals("x", GoPaths.inContext("/x"));
        assertEquals(".", GoPaths.inContext("./"));
        assertTrue(GoPaths.escapes("a/../../b"));
        assertFalse(GoPaths.escapes("a/../b"));
        assertEquals("/", GoPaths.dir("/"));
        assertEquals(".", GoPaths.dir("a"));
        assertEquals("a/b", GoPaths.dir("a/b/c"));
    }

    @Test
    void goGlob() throws Exception {
        assertTrue(GoGlob.match("*.txt", "a.txt"));
        assertFalse(GoGlob.match("*.txt", "d/a.txt"));
        assertTrue(GoGlob.match("[!a]", "!"));
        assertTrue(GoGlob.match("[^a]", "b"));
        assertTrue(GoGlob.match("a\\*", "a*"));
        assertThrows(GoGlob.BadPatternException.class, () -> GoGlob.match("[", "a"));
        assertThrows(GoGlob.BadPatternException.class, () -> GoGlob.match("x*[", "y"));
    }
}
