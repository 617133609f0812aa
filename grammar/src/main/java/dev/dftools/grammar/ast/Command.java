package dev.dftools.grammar.ast;

import java.util.List;

/** The command of RUN, CMD, ENTRYPOINT, SHELL or HEALTHCHECK CMD: shell form or exec (JSON) form. */
public sealed interface Command permits Command.ShellForm, Command.ExecForm {

    SourceRange range();

    /**
     * Shell form: one string run by the SHELL (default {@code /bin/sh -c}).
     *
     * @param script the command text, continuations joined
     * @param source the same text with its source mapping, for the shell model
     */
    record ShellForm(Word script, SourceText source) implements Command {
        @Override
        public SourceRange range() {
            return script.range();
        }
    }

    /** Exec form: a JSON array of strings, run without a shell. */
    record ExecForm(List<Word> args, SourceRange range) implements Command {
        public ExecForm {
            args = List.copyOf(args);
        }
    }
}
