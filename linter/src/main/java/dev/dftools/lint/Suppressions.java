package dev.dftools.lint;

import dev.dftools.grammar.ast.Comment;
import dev.dftools.grammar.ast.Directive;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suppressions written in a Dockerfile, hadolint's and BuildKit's forms included:
 * <ul>
 * <li>{@code # dflint ignore=CODE[,CODE] [reason]} / {@code # hadolint ignore=…} on the line(s)
 * right above an instruction: that instruction only;</li>
 * <li>{@code # dflint global ignore=…} / {@code # hadolint global ignore=…}: the whole file;</li>
 * <li>{@code # dflint stage ignore=…} / {@code # hadolint stage ignore=…} right above a FROM: that stage;</li>
 * <li>the {@code # check=skip=A,B|all} directive (BuildKit check names) and a {@code # check=}
 * comment right above an instruction (that instruction only).</li>
 * </ul>
 * Codes are resolved through the registry, so DF codes, slugs, DL codes and BuildKit names all work.
 */
public final class Suppressions {

    /** The part after the tool name: {@code [global|stage] ignore=CODES [reason]}. */
    static final Pattern PRAGMA = Pattern.compile(
            "^(dflint|hadolint)\\s+(?:(global|stage)\\s+)?ignore\\s*=\\s*([A-Za-z0-9_-]+(?:\\s*,\\s*[A-Za-z0-9_-]+)*)(?:\\s.*)?$");

    /** hadolint's code list: codes made of the characters D, L, S, C and digits. */
    private static final Pattern HADOLINT_CODES = Pattern.compile("[DLSC0-9]+(\\s*,\\s*[DLSC0-9]+)*");

    private record LineSpan(int from, int to, Set<String> codes) {
        boolean covers(Finding f) {
            int line = f.range().startLine();
            return line >= from && line <= to && codes.contains(f.code());
        }
    }

    private final Set<String> global = new HashSet<>();
    private final List<LineSpan> spans = new ArrayList<>();
    /** BuildKit names in {@code # check=skip=}; "all" skips every BuildKit check. */
    private final Set<String> checkSkips = new HashSet<>();
    private boolean checkErrors;
    private final RuleRegistry registry;

    private Suppressions(RuleRegistry registry) {
        this.registry = registry;
    }

    public static Suppressions of(Dockerfile file, RuleRegistry registry, boolean pragmasEnabled) {
        Suppressions s = new Suppressions(registry);
        for (Directive d : file.directives()) {
            if (d.name().equals("check")) {
                CheckDirective check = CheckDirective.parse(d.value());
                s.checkSkips.addAll(check.skip());
                s.checkErrors = check.error();
            }
        }
        if (pragmasEnabled) {
            s.readPragmas(file);
        }
        s.readCheckComments(file);
        return s;
    }

    /** True when the {@code # check=error=true} directive asks for BuildKit checks to fail the build. */
    public boolean checkErrors() {
        return checkErrors;
    }

    public boolean suppresses(Finding finding) {
        if (finding.code().equals("DF1000")) {
            return false; // the build cannot run at all: never hidden by a comment
        }
        if (global.contains(finding.code())) {
            return true;
        }
        for (LineSpan span : spans) {
            if (span.covers(finding)) {
                return true;
            }
        }
        return skippedByCheck(finding.rule(), checkSkips);
    }

    static boolean skippedByCheck(RuleMeta rule, Set<String> skips) {
        if (skips.isEmpty()) {
            return false;
        }
        for (String alias : rule.aliases()) {
            if (RuleRegistry.isBuildKitName(alias) && (skips.contains("all") || skips.contains(alias))) {
                return true;
            }
        }
        return false;
    }

    private void readPragmas(Dockerfile file) {
        Set<Integer> commentLines = new HashSet<>();
        for (Comment c : file.comments()) {
            commentLines.add(c.range().startLine());
        }
        for (Comment comment : file.comments()) {
            Matcher m = PRAGMA.matcher(comment.text());
            if (!m.matches() || (m.group(1).equals("hadolint") && !HADOLINT_CODES.matcher(m.group(3)).matches())) {
                continue; // hadolint drops a whole pragma when one entry is not a code (ignore=crazy,DL3002)
            }
            Set<String> codes = resolve(m.group(3));
            String scope = m.group(2);
            if ("global".equals(scope)) {
                global.addAll(codes);
                continue;
            }
            Instruction below = instructionBelow(file, comment.range().startLine(), commentLines);
            if (below == null) {
                continue;
            }
            if ("stage".equals(scope)) {
                if (below instanceof Instruction.From from) {
                    for (Stage stage : file.stages()) {
                        if (stage.from() == from) {
                            spans.add(new LineSpan(stage.range().startLine(), stage.range().endLine(), codes));
                        }
                    }
                }
                continue;
            }
            spans.add(new LineSpan(below.range().startLine(), below.range().endLine(), codes));
        }
    }

    /** A {@code # check=} comment among an instruction's own comments applies to that instruction. */
    private void readCheckComments(Dockerfile file) {
        for (Instruction instruction : file.instructions()) {
            for (Comment comment : instruction.comments()) {
                if (comment.text().startsWith("check=")) {
                    CheckDirective check = CheckDirective.parse(comment.text().substring("check=".length()));
                    Set<String> codes = new HashSet<>();
                    for (RuleMeta meta : registry.metas()) {
                        if (skippedByCheck(meta, check.skip())) {
                            codes.add(meta.code());
                        }
                    }
                    int to = instruction.range().endLine();
                    if (instruction instanceof Instruction.From from) {
                        for (Stage stage : file.stages()) {
                            if (stage.from() == from) {
                                to = stage.range().endLine();
                            }
                        }
                    }
                    spans.add(new LineSpan(instruction.range().startLine(), to, codes));
                    break; // BuildKit: only the first such comment counts
                }
            }
        }
    }

    /** The instruction starting right below a comment line, with only comment lines in between. */
    private static Instruction instructionBelow(Dockerfile file, int line, Set<Integer> commentLines) {
        int next = line + 1;
        while (commentLines.contains(next)) {
            next++;
        }
        for (Instruction instruction : file.instructions()) {
            if (instruction.range().startLine() == next) {
                return instruction;
            }
        }
        return null;
    }

    private Set<String> resolve(String list) {
        Set<String> codes = new HashSet<>();
        for (String name : list.split(",")) {
            codes.addAll(registry.resolve(name.trim()));
        }
        return codes;
    }
}
