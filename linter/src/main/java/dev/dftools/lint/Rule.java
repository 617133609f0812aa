package dev.dftools.lint;

/**
 * A lint rule: one class, its metadata in {@link RuleInfo}. Rules keep no state in fields;
 * whatever they need across instructions lives in local variables of one {@code check} call.
 * The kind says what the engine hands it.
 */
public sealed interface Rule permits InstructionRule, StageRule, DocumentRule, ContextRule {
}
