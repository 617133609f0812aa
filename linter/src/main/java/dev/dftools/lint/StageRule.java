package dev.dftools.lint;

import dev.dftools.grammar.ast.Stage;

/** Looks at one build stage (FROM and its instructions) at a time. */
public non-sealed interface StageRule extends Rule {

    void check(Stage stage, Analysis analysis, Findings out);
}
