package dev.dftools.grammar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a known-failures list: one "name<TAB>reason" per line, '#' comments. */
public final class KnownFailures {

    private KnownFailures() {
    }

    public static Map<String, String> load(String resource) {
        Map<String, String> result = new LinkedHashMap<>();
        InputStream in = KnownFailures.class.getResourceAsStream(resource);
        if (in == null) {
            return result;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                if (parts.length < 2 || parts[1].isBlank()) {
                    throw new IllegalStateException(resource + ": every known failure needs a reason: " + line);
                }
                result.put(parts[0], parts[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }
}
