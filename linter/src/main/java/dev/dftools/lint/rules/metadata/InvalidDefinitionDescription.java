package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Comment;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.List;

/**
 * BuildKit's InvalidDefinitionDescription (experimental there, so off by default here): the
 * comment right above an ARG or a named FROM is taken as its description (shown by
 * {@code docker buildx build --call=outline}) and should start with the arg or stage name.
 * Only the last comment line counts, and its first space-separated word must be one of the names.
 */
@RuleInfo(code = "DF5216", slug = "invalid-definition-description", severity = Severity.WARNING,
        summary = "The comment above an ARG or a named stage should start with its name: `# NAME description`.",
        aliases = {"InvalidDefinitionDescription"}, tags = {"arg", "stage", "buildkit"}, enabledByDefault = false)
public final class InvalidDefinitionDescription implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        List<String> names;
        String what;
        if (instruction instanceof Instruction.Arg arg) {
            names = arg.declarations().stream().map(ArgDeclaration::name).map(w -> w.value()).toList();
            what = "ARG";
        } else if (instruction instanceof Instruction.From from && from.stageName() != null) {
            names = List.of(from.stageName().value());
            what = "FROM";
        } else {
            return;
        }
        List<Comment> comments = instruction.comments();
        if (comments.isEmpty() || names.isEmpty()) {
            return;
        }
        Comment last = comments.get(comments.size() - 1);
        String first = last.text().split(" ", -1)[0];
        if (!names.contains(first)) {
            String example = names.size() == 1 ? names.get(0) : "<arg_key>";
            out.report(last.range(), "Comment for " + what + " should follow the format: `# " + example
                    + " <description>`");
        }
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
