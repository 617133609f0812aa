package dev.dftools.lint.rules.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabelHelpersTest {

    @Test
    void unquotesLikeBuildKitWithoutExpanding() {
        assertEquals("a b", LabelPairs.unquote("\"a b\"", '\\'));
        assertEquals("it's", LabelPairs.unquote("\"it's\"", '\\'));
        assertEquals("say \"hi\"", LabelPairs.unquote("\"say \\\"hi\\\"\"", '\\'));
        assertEquals("$V", LabelPairs.unquote("'$V'", '\\'));
        assertEquals("a b", LabelPairs.unquote("a\\ b", '\\'));
        assertEquals("", LabelPairs.unquote("\"\"", '\\'));
    }

    @Test
    void spdxExpressions() {
        assertTrue(LabelFormats.isSpdx("MIT"));
        assertTrue(LabelFormats.isSpdx("mit"));
        assertTrue(LabelFormats.isSpdx("GPL-2.0+"));
        assertTrue(LabelFormats.isSpdx("(MIT OR Apache-2.0) AND BSD-3-Clause"));
        assertTrue(LabelFormats.isSpdx("GPL-2.0-only WITH Classpath-exception-2.0"));
        assertTrue(LabelFormats.isSpdx("LicenseRef-internal"));
        assertFalse(LabelFormats.isSpdx("not-spdx"));
        assertFalse(LabelFormats.isSpdx("MIT OR"));
        assertFalse(LabelFormats.isSpdx("(MIT"));
        assertFalse(LabelFormats.isSpdx("MIT WITH MIT"));
        assertFalse(LabelFormats.isSpdx(""));
    }

    @Test
    void formats() {
        assertTrue(LabelFormats.isRfc3339("2021-03-10T10:26:33.564595127+01:00"));
        assertFalse(LabelFormats.isRfc3339("2021-03-10 10:26"));
        assertTrue(LabelFormats.isSemver("2.0.1-rc1"));
        assertFalse(LabelFormats.isSemver("01.0.0"));
        assertTrue(LabelFormats.isEmail("\"quoted local\"@example.com"));
        assertFalse(LabelFormats.isEmail("a@"));
        assertTrue(LabelFormats.isUrl("mailto:team@example.com"));
        assertFalse(LabelFormats.isUrl("example.com/x"));
        assertTrue(LabelFormats.isGitHash("2dbfae9"));
        assertFalse(LabelFormats.isGitHash("2dbfae"));
    }

    @Test
    void exposeSplitsLikeBuildKit() {
        ExposeSpec spec = ExposeSpec.parse(new dev.dftools.grammar.ast.Word("127.0.0.1:8080:80/tcp",
                dev.dftools.grammar.ast.LineIndex.of("x".repeat(30)).range(0, 21)));
        assertEquals("80", spec.port());
        assertEquals("8080", spec.hostPort());
        assertEquals("tcp", spec.proto());
        assertEquals("80/tcp", spec.containerPart());
        assertEquals("", ExposeSpec.parse(new dev.dftools.grammar.ast.Word("80", spec.word().range())).hostPort());
    }
}
