package dev.dftools.lint.fix;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.Arrays;
import java.util.List;

/** A unified diff of two versions of a file (what {@code dflint --fix --dry-run} prints). */
public final class UnifiedDiff {

    private UnifiedDiff() {
    }

    public static String of(String path, String before, String after) {
        List<String> a = Arrays.asList(before.split("\n", -1));
        List<String> b = Arrays.asList(after.split("\n", -1));
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, a, patch, 3);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
