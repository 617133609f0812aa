package dev.dftools.lint.rules.syntax;

import dev.dftools.lint.Rule;
import java.util.List;

/** Rules 1xxx: syntax errors, parser directives, instruction casing, suppression comments. */
public final class SyntaxRules {

    public static final List<Rule> ALL = List.of(
            new SyntaxError(),
            new InlineIgnorePragma(),
            new EmptyContinuationLine(),
            new InstructionCasing(),
            new InstructionBeforeFrom(),
            new IllegalOnbuildTrigger(),
            new MaintainerDeprecated(),
            new UnknownFlag(),
            new InvalidFlagValue(),
            new WrongArgumentCount(),
            new InvalidMount(),
            new UnknownHealthcheckType(),
            new CopyFromVariable(),
            new HeredocDestination(),
            new ShellNotJson()
    );

    private SyntaxRules() {
    }
}
