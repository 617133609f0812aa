package dev.dftools.lint.rules.metadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The value formats a label schema can require (hadolint's label types). */
final class LabelFormats {

    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
    private static final Pattern GIT_HASH = Pattern.compile("[0-9a-f]{7}|[0-9a-f]{40}");
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern EMAIL = Pattern.compile("(?:" + ATOM + "(?:\\." + ATOM + ")*|\"(?:[^\"\\\\]|\\\\.)*\")"
            + "@(?:" + ATOM + "(?:\\." + ATOM + ")*|\\[[^\\[\\]\\\\]*\\])");
    private static final Pattern SPDX_TOKEN = Pattern.compile("\\(|\\)|[A-Za-z0-9.+:-]+");

    private static final Set<String> LICENSES = load("spdx-license-ids.txt");
    private static final Set<String> EXCEPTIONS = load("spdx-exception-ids.txt");

    private LabelFormats() {
    }

    /** An absolute URI (with a scheme), as hadolint's parseURI wants. */
    static boolean isUrl(String value) {
        try {
            return new URI(value).getScheme() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** An RFC 3339 date-time with seconds and an offset. */
    static boolean isRfc3339(String value) {
        if (!RFC3339.matcher(value).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(value.toUpperCase(Locale.ROOT));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A short (7) or full (40) lower-case hexadecimal git commit hash. */
    static boolean isGitHash(String value) {
        return GIT_HASH.matcher(value).matches();
    }

    /** Semantic Versioning 2.0.0 (no leading "v"). */
    static boolean isSemver(String value) {
        return SEMVER.matcher(value).matches();
    }

    /** An RFC 5322 addr-spec: dot-atom or quoted local part, dot-atom or literal domain. */
    static boolean isEmail(String value) {
        return EMAIL.matcher(value).matches();
    }

    /**
     * An SPDX license expression: license ids (optionally {@code +}), {@code LicenseRef-…},
     * {@code WITH exception}, {@code AND}/{@code OR} and parentheses. Ids compare case-insensitively,
     * as the SPDX specification says.
     */
    static boolean isSpdx(String value) {
        java.util.List<String> tokens = new java.util.ArrayList<>();
        java.util.regex.Matcher m = SPDX_TOKEN.matcher(value);
        int at = 0;
        while (m.find()) {
            if (!value.substring(at, m.start()).isBlank()) {
                return false;
            }
            tokens.add(m.group());
            at = m.end();
        }
        if (!value.substring(at).isBlank() || tokens.isEmpty()) {
            return false;
        }
        int[] pos = {0};
        return expression(tokens, pos) && pos[0] == tokens.size();
    }

    private static boolean expression(java.util.List<String> t, int[] pos) {
        if (!term(t, pos)) {
            return false;
        }
        while (pos[0] < t.size() && (t.get(pos[0]).equalsIgnoreCase("AND") || t.get(pos[0]).equalsIgnoreCase("OR"))) {
            pos[0]++;
            if (!term(t, pos)) {
                return false;
            }
        }
        return true;
    }

    private static boolean term(java.util.List<String> t, int[] pos) {
        if (pos[0] >= t.size()) {
            return false;
        }
        String token = t.get(pos[0]++);
        if (token.equals("(")) {
            if (!expression(t, pos) || pos[0] >= t.size() || !t.get(pos[0]).equals(")")) {
                return false;
            }
            pos[0]++;
            return true;
        }
        if (!isLicense(token)) {
            return false;
        }
        if (pos[0] < t.size() && t.get(pos[0]).equalsIgnoreCase("WITH")) {
            pos[0]++;
            return pos[0] < t.size() && EXCEPTIONS.contains(t.get(pos[0]++).toLowerCase(Locale.ROOT));
        }
        return true;
    }

    private static boolean isLicense(String token) {
        String id = token.endsWith("+") ? token.substring(0, token.length() - 1) : token;
        return LICENSES.contains(id.toLowerCase(Locale.ROOT))
                || id.matches("(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+");
    }

    /** A bundled list: one id a line, '#' comments; stored lower-cased. */
    private static Set<String> load(String resource) {
        Set<String> ids = new HashSet<>();
        InputStream in = LabelFormats.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    ids.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(ids);
    }
}
