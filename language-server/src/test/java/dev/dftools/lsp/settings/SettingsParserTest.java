package dev.dftools.lsp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsParserTest {

    private final List<String> warnings = new ArrayList<>();

    private DflsSettings parse(String json) {
        return SettingsParser.parse(JsonParser.parseString(json), warnings::add);
    }

    @Test
    void readsNestedObjectsAsVsCodeSendsThem() {
        DflsSettings s = parse("""
                {"rules": {"ignored": ["DL3008", "DF3009"], "severity": {"DF1006": "warning", "DF5200": "off"}},
                 "formatter": {"keywordCase": "lower", "continuationIndent": 2, "alignContinuations": true},
                 "contextPath": "docker", "shellcheck": {"enabled": true}, "simulator": {"enabled": false}}""");
        assertEquals(List.of("DL3008", "DF3009"), s.ignoredRules());
        assertEquals(Map.of("DF1006", "warning", "DF5200", "off"), s.ruleSeverities());
        assertEquals(new FormatterSettings(FormatterSettings.KeywordCase.LOWER, 2, true), s.formatter());
        assertEquals("docker", s.contextPath());
        assertTrue(s.shellcheckEnabled());
        assertFalse(s.simulatorEnabled());
        assertEquals(List.of(), warnings);
    }

    @Test
    void readsFlatDottedKeysAndTheSectionInsideInitializationOptionsOrDidChangeConfiguration() {
        assertEquals(List.of("DF1006"), parse("{\"rules.ignored\": [\"DF1006\"]}").ignoredRules());
        assertEquals("ctx", parse("{\"dfls\": {\"contextPath\": \"ctx\"}}").contextPath());
        assertEquals("ctx", parse("{\"settings\": {\"dfls\": {\"contextPath\": \"ctx\"}}}").contextPath());
    }

    @Test
    void keepsDefaultsForMissingOrMistypedValuesAndSaysWhich() {
        DflsSettings s = parse("{\"formatter\": {\"keywordCase\": \"shouty\", \"continuationIndent\": \"four\"},"
                + " \"shellcheck\": {\"enabled\": \"yes\"}, \"rules\": {\"severity\": {\"DF1006\": \"fatal\"}}}");
        assertEquals(DflsSettings.defaults(), s);
        assertEquals(4, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("dfls.formatter.keywordCase"), warnings.get(0));
        assertEquals(DflsSettings.defaults(), SettingsParser.parse(null, warnings::add));
    }

    @Test
    void folderOfADocumentIsTheInnermostWorkspaceFolder() {
        WorkspaceFolders folders = new WorkspaceFolders();
        folders.add("file:///w");
        folders.add("file:///w/sub");
        assertEquals(Optional.of("file:///w/sub"), folders.folderOf("file:///w/sub/x/Dockerfile").map(WorkspaceFolders.Folder::uri));
        assertEquals(Optional.of("file:///w"), folders.folderOf("file:///w/Dockerfile").map(WorkspaceFolders.Folder::uri));
        assertEquals(Optional.empty(), folders.folderOf("file:///elsewhere/Dockerfile"));
        assertEquals(Optional.empty(), folders.folderOf("untitled:Untitled-1"));
        SettingsStore store = new SettingsStore();
        DflsSettings sub = parse("{\"contextPath\": \"sub-ctx\"}");
        store.setFolder("file:///w/sub", sub);
        assertEquals(sub, store.forFolder("file:///w/sub"));
        assertEquals(DflsSettings.defaults(), store.forFolder("file:///w"));
    }
}
