package dev.dftools.lint.rules;

import dev.dftools.lint.Rule;
import dev.dftools.lint.RuleRegistry;
import dev.dftools.lint.rules.copy.CopyRules;
import dev.dftools.lint.rules.metadata.LabelRules;
import dev.dftools.lint.rules.metadata.MetadataRules;
import dev.dftools.lint.rules.run.PackageRules;
import dev.dftools.lint.rules.shell.ShellRules;
import dev.dftools.lint.rules.stage.StageRules;
import dev.dftools.lint.rules.syntax.SyntaxRules;
import java.util.ArrayList;
import java.util.List;

/** Every rule dflint has, by group (each group lists its own rules). */
public final class Rules {

    private Rules() {
    }

    public static List<Rule> all() {
        List<Rule> all = new ArrayList<>();
        all.addAll(SyntaxRules.ALL);
        all.addAll(StageRules.ALL);
        all.addAll(PackageRules.ALL);
        all.addAll(ShellRules.ALL);
        all.addAll(CopyRules.ALL);
        all.addAll(LabelRules.ALL);
        all.addAll(MetadataRules.ALL);
        return all;
    }

    public static RuleRegistry registry() {
        return new RuleRegistry(all());
    }
}
