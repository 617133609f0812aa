package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.Suggestions;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.expand.Expansion;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * BuildKit's UndefinedArgInFrom: a variable in a FROM image or {@code --platform} that is neither a
 * global ARG (declared before the first FROM, with or without a default) nor one of the automatic
 * platform args. It expands to nothing, which is rarely what was meant. Suggests a close name.
 */
@RuleInfo(code = "DF2012", slug = "undefined-arg-in-from", severity = Severity.WARNING,
        summary = "FROM uses a variable that is not declared as a global ARG.", aliases = {"UndefinedArgInFrom"},
        tags = {"from", "args"})
public final class UndefinedArgInFrom implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.From from)) {
            return;
        }
        FromArgs args = FromArgs.of(analysis);
        if (from.image() != null) {
            report(from.image().value(), from.image().range(), args, analysis, out);
        }
        Optional<Flag> platform = from.flag("platform");
        if (platform.isPresent() && platform.get().value() != null) {
            SourceRange range = platform.get().valueRange() != null ? platform.get().valueRange()
                    : platform.get().range();
            report(platform.get().value(), range, args, analysis, out);
        }
    }

    private static void report(String word, SourceRange range, FromArgs args, Analysis analysis, Findings out) {
        if (!word.contains("$")) {
            return;
        }
        Optional<Expansion> expansion = args.expand(word);
        if (expansion.isEmpty()) {
            return;
        }
        Set<String> known = args.knownNames();
        for (String name : expansion.get().unmatched()) {
            if (known.contains(name)) {
                continue; // declared without a default: set by --build-arg
            }
            String message = "FROM argument '" + name + "' is not declared";
            Optional<String> suggestion = suggest(name, known);
            if (suggestion.isPresent()) {
                message += " (did you mean " + suggestion.get() + "?)";
            }
            Pattern use = Pattern.compile("\\$\\{?(" + Pattern.quote(name) + ")(?![A-Za-z0-9_])");
            SourceRange at = StageRefs.find(analysis.dockerfile(), range, use, 0).orElse(range);
            out.report(at, message);
        }
    }

    /** The closest known name: same name in another case, or at most a small edit away. */
    static Optional<String> suggest(String name, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = candidate.equalsIgnoreCase(name) ? 0
                    : Suggestions.distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        int allowed = Math.max(1, Math.min(2, name.length() / 3));
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }


    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
