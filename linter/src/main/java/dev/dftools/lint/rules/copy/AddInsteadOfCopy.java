package dev.dftools.lint.rules.copy;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;
import java.util.List;
import java.util.Set;

/** ADD fetches URLs and unpacks archives; for plain files COPY says what happens, and does only that. */
@RuleInfo(code = "DF4000", slug = "add-instead-of-copy", severity = Severity.ERROR,
        summary = "ADD copies a plain file or directory; use COPY, which does not fetch or unpack.",
        aliases = {"DL3020"}, tags = {"copy", "hadolint"})
public final class AddInsteadOfCopy implements InstructionRule, StageLocal {

    /** Flags COPY also accepts; with any other (--checksum, --keep-git-dir, --unpack) ADD must stay. */
    private static final Set<String> COPY_FLAGS = Set.of("chown", "chmod", "link", "exclude");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Add add) || add.destination() == null) {
            return;
        }
        List<CopySources.Source> sources = CopySources.sources(instruction, analysis);
        CopySources.Source plain = null;
        boolean allPlain = true;
        for (CopySources.Source source : sources) {
            boolean isPlain = source.isLocal() && !CopySources.isArchive(source.text());
            if (isPlain && plain == null) {
                plain = source;
            }
            allPlain &= isPlain || source.kind() == CopySources.Kind.HEREDOC;
        }
        if (plain == null) {
            return;
        }
        Fix fix = null;
        boolean copyFlagsOnly = add.flags().stream().map(Flag::name).allMatch(COPY_FLAGS::contains);
        // variables may hold an archive or a URL at build time, so only literal sources get the fix
        boolean literal = sources.stream().allMatch(s -> s.kind() != CopySources.Kind.LOCAL || s.value() != null);
        if (allPlain && copyFlagsOnly && literal) {
            String keyword = add.node().keyword().value();
            fix = Fix.of("Replace ADD with COPY",
                    new TextEdit(add.node().keyword().range(), CopySources.sameCase(keyword, "COPY")));
        }
        out.report(plain.word().range(), "ADD of '" + plain.text() + "', which is neither a URL nor a local "
                + "archive: use COPY, which copies it the same way without ADD's fetching and unpacking.", fix);
    }
}
