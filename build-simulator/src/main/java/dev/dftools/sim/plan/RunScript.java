package dev.dftools.sim.plan;

import java.util.List;

import dev.dftools.grammar.ast.Heredoc;

import org.eclipse.jdt.annotation.Nullable;

/**
 * What the shell of a shell-form RUN gets, heredocs resolved as BuildKit's dockerfile2llb does:
 * a RUN that is one heredoc and nothing else runs the body as the script (leading tabs stripped for
 * {@code <<-}), or, when the body starts with {@code #!}, runs the body as an executable file mounted
 * read-only at {@code /dev/pipes/NAME}; any other heredoc RUN hands the shell the line followed by each
 * body and its delimiter, so the shell itself does the redirections, {@code <<-} and quoted delimiters.
 *
 * @param script     the shell's script argument
 * @param executable the heredoc to write to {@code /dev/pipes/NAME} (mode 0755), or null
 */
public record RunScript(String script, @Nullable Heredoc executable) {

    public static final String PIPES_DIR = "/dev/pipes/";

    public static RunScript of(String line, List<Heredoc> heredocs) {
        if (heredocs.isEmpty()) {
            return new RunScript(line, null);
        }
        if (heredocs.size() == 1 && line.strip().matches("[0-9]*<<-?\\s*[^<\\s]+")) {
            Heredoc h = heredocs.get(0);
            if (h.content().startsWith("#!")) {
                return new RunScript(PIPES_DIR + h.name(), h);
            }
            return new RunScript(h.effectiveContent(), null);
        }
        StringBuilder full = new StringBuilder(line);
        for (Heredoc h : heredocs) {
            full.append('\n').append(h.content()).append(h.name());
        }
        return new RunScript(full.toString(), null);
    }
}
