package dev.dftools.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixture of a rule: {@code src/test/resources/rules/<CODE>/Dockerfile}, with the expected
 * findings written on the line above them as {@code # expect: CODE[, CODE]}; several expect
 * lines may stack above one line. An optional {@code .dflint.yaml} next to it configures the
 * run and an optional {@code context/} folder is the build context.
 */
final class RuleFixtures {

    static final Path ROOT = Path.of("src/test/resources/rules");
    private static final Pattern EXPECT = Pattern.compile("^\\s*#\\s*expect:\\s*(.+?)\\s*$");

    /** An expected finding: rule code and the 1-based line its range starts on. */
    record Expected(String code, int line) {
    }

    private RuleFixtures() {
    }

    static Path dir(String code) {
        return ROOT.resolve(code);
    }

    static List<Expected> expectations(String text) {
        List<Expected> result = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = EXPECT.matcher(lines[i]);
            if (m.matches()) {
                for (String code : m.group(1).split(",")) {
                    pending.add(code.trim());
                }
                continue;
            }
            for (String code : pending) {
                result.add(new Expected(code, i + 1));
            }
            pending.clear();
        }
        return result;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
