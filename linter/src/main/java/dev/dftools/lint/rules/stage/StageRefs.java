package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.expand.Env;
import dev.dftools.grammar.expand.ExpansionException;
import dev.dftools.grammar.expand.ShellLex;
import dev.dftools.lint.Analysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How instructions refer to stages and images: {@code COPY --from}, {@code RUN --mount from=}, FROM. */
final class StageRefs {

    private static final Pattern INDEX = Pattern.compile("\\d+");
    /** {@code from=value} inside a {@code --mount} flag, in the source text. */
    private static final Pattern MOUNT_FROM = Pattern.compile("(?<=[,=\"'])from=([^,\\s\"']*)",
            Pattern.CASE_INSENSITIVE);

    /** A {@code from=} of a {@code RUN --mount}: its mount type and the value with its source range. */
    record MountFrom(String type, String value, SourceRange valueRange) {
    }

    private StageRefs() {
    }

    /** The stage a {@code --from} value names: a stage name (any case) or a stage index. */
    static Optional<Stage> resolve(Analysis analysis, String ref) {
        if (INDEX.matcher(ref).matches()) {
            try {
                int index = Integer.parseInt(ref);
                return index < analysis.stages().size() ? Optional.of(analysis.stages().get(index))
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return analysis.stageNamed(ref);
    }

    static boolean isIndex(String ref) {
        return INDEX.matcher(ref).matches();
    }

    /** True when the stage's name is {@code ref} (any case) or its index is. */
    static boolean names(Stage stage, String ref) {
        if (isIndex(ref)) {
            return ref.equals(Integer.toString(stage.index()));
        }
        return stage.name().map(n -> n.equals(ref.toLowerCase(Locale.ROOT))).orElse(false);
    }

    /** The {@code --from} flag of a COPY (ADD has none). */
    static Optional<Flag> copyFrom(Instruction instruction) {
        return instruction instanceof Instruction.Copy ? instruction.flag("from") : Optional.empty();
    }

    /** What the {@code COPY --from} flags of the instructions name (a stage name or index, or an image), in order. */
    static List<String> copyFromValues(List<Instruction> instructions) {
        List<String> values = new ArrayList<>();
        for (Instruction instruction : instructions) {
            Optional<Flag> flag = copyFrom(instruction);
            if (flag.isPresent() && flag.get().value() != null) {
                values.add(flag.get().value());
            }
        }
        return List.copyOf(values);
    }

    /** Every {@code from=} of the RUN's {@code --mount} flags, with its source range. */
    static List<MountFrom> mountFroms(Instruction.Run run, Dockerfile file) {
        List<MountFrom> result = new ArrayList<>();
        for (Flag flag : run.node().flags("mount")) {
            if (flag.value() == null) {
                continue;
            }
            String type = "bind";
            for (String part : flag.value().split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase("type")) {
                    type = part.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
                }
            }
            int start = flag.range().start().offset();
            String source = file.text().substring(start, flag.range().end().offset());
            Matcher m = MOUNT_FROM.matcher(source);
            while (m.find()) {
                SourceRange range = file.lines().range(start + m.start(1), start + m.end(1));
                result.add(new MountFrom(type, m.group(1), range));
            }
        }
        return result;
    }

    /** The source text of a range. */
    static String source(Dockerfile file, SourceRange range) {
        return file.text().substring(range.start().offset(), range.end().offset());
    }

    /** A sub-range of {@code within}: the first match of {@code pattern} (group {@code group}) in its source text. */
    static Optional<SourceRange> find(Dockerfile file, SourceRange within, Pattern pattern, int group) {
        Matcher m = pattern.matcher(source(file, within));
        if (!m.find()) {
            return Optional.empty();
        }
        int start = within.start().offset();
        return Optional.of(file.lines().range(start + m.start(group), start + m.end(group)));
    }

    /** A word with its quotes and escapes removed (no variables expanded); the word itself if malformed. */
    static String unquote(String word, char escape) {
        try {
            return new ShellLex(escape).processWord(word, Env.empty()).value();
        } catch (ExpansionException e) {
            return word;
        }
    }
}
