package dev.dftools.lint.rules.copy;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.rules.Parts;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copying an archive and unpacking it in a later RUN keeps the archive in a layer for good; ADD
 * unpacks a local archive while copying, in one layer without the archive.
 */
@RuleInfo(code = "DF4003", slug = "copy-archive-then-extract", severity = Severity.INFO,
        summary = "A local archive is COPY'd and then extracted by a RUN; ADD unpacks it in one step.",
        aliases = {"DL3010"}, tags = {"copy", "layers", "hadolint"})
public final class CopyArchiveThenExtract implements InstructionRule, StageLocal {

    private static final String[] UNPACKERS = {"unzip", "gunzip", "bunzip2", "unlzma", "unxz", "zgz",
        "uncompress", "zcat", "gzcat"};

    /** An archive copied into the image, known by the basename it has there. */
    private record Copied(Word source, String basename) {
    }

    /**
     * Reported for the RUN that extracts: its stage is followed once, in order, to know which
     * archives were copied and not yet extracted (a FROM starts from another filesystem).
     */
    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run here)) {
            return;
        }
        Map<Instruction.Run, List<Copied>> extracted = Parts.memo(analysis, CopyArchiveThenExtract.class,
                Parts.partOf(analysis, instruction), part -> extractions(part, analysis));
        for (Copied archive : extracted.getOrDefault(here, List.of())) {
            out.report(archive.source().range(), "'" + archive.basename() + "' is copied and then "
                    + "extracted by a RUN (line " + here.range().startLine() + "); ADD extracts a "
                    + "local archive while copying, without keeping the archive in a layer.");
        }
    }

    /** For each RUN of a part, the archives copied before it that it extracts. */
    private static Map<Instruction.Run, List<Copied>> extractions(List<Instruction> part, Analysis analysis) {
        Map<Instruction.Run, List<Copied>> extracted = new IdentityHashMap<>();
        List<Copied> copied = new ArrayList<>();
        for (Instruction instruction : part) {
            if (instruction instanceof Instruction.Copy copy && !CopySources.fromElsewhere(copy)) {
                remember(copy, analysis, copied);
            } else if (instruction instanceof Instruction.Run run && !copied.isEmpty()) {
                for (SimpleCommand command : analysis.commands(run)) {
                    for (Copied archive : List.copyOf(copied)) {
                        if (extracts(command, archive.basename())) {
                            extracted.computeIfAbsent(run, r -> new ArrayList<>()).add(archive);
                            copied.remove(archive);
                        }
                    }
                }
            }
        }
        return extracted;
    }

    /** Only the file's own RUNs, as hadolint. */
    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }

    private static void remember(Instruction.Copy copy, Analysis analysis, List<Copied> copied) {
        Word destination = copy.destination();
        // quotes stripped at either end: a quoted path with a space is split into two words
        String target = destination == null ? "" : destination.value().replaceAll("^[\"']|[\"']$", "");
        for (CopySources.Source source : CopySources.sources(copy, analysis)) {
            // as written, not expanded: a Windows path keeps its backslashes
            String written = CopySources.unquote(source.word().value());
            if (!source.isLocal() || !CopySources.isArchive(written)) {
                continue;
            }
            // COPY app.tar /opt/bundle.tar renames it; the RUN then refers to the new name
            String name = CopySources.isArchive(target) ? CopySources.basename(target)
                    : CopySources.basename(written);
            copied.add(new Copied(source.word(), name));
        }
    }

    private static boolean extracts(SimpleCommand command, String basename) {
        boolean mentioned = command.args().stream()
                .anyMatch(w -> CopySources.basename(w.value()).equals(basename));
        if (!mentioned) {
            return false;
        }
        if (command.isNamed(UNPACKERS)) {
            return true;
        }
        return command.isNamed("tar") && isTarExtract(command);
    }

    private static boolean isTarExtract(SimpleCommand command) {
        List<dev.dftools.grammar.shell.Word> args = command.args();
        for (int i = 0; i < args.size(); i++) {
            String v = args.get(i).value();
            if (v.equals("--extract") || v.equals("--get")) {
                return true;
            }
            if (v.startsWith("-") && !v.startsWith("--") && v.indexOf('x') > 0) {
                return true;
            }
            // old-style bundled options: tar xzf file.tgz
            if (i == 0 && !v.startsWith("-") && v.matches("[A-Za-z]+") && v.indexOf('x') >= 0) {
                return true;
            }
        }
        return false;
    }
}
