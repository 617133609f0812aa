package dev.dftools.grammar.ast;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A heredoc of RUN/COPY/ADD: {@code <<EOF}, {@code <<-EOF}, {@code <<'EOF'}, {@code 3<<EOF}.
 *
 * @param name           the delimiter, quotes removed
 * @param expand         false when any part of the delimiter was quoted (the body is taken literally)
 * @param chomp          {@code <<-}: leading tabs are stripped from the body when it is used
 * @param fileDescriptor the digits before {@code <<}, 0 when absent
 * @param opener         the {@code <<EOF} word on the instruction line
 * @param content        the body lines, each with its own line ending, without the delimiter line
 * @param body           the body with its source mapping (for the shell model and ranges)
 * @param terminator     the delimiter line, or null when the file ended first (a syntax error)
 */
public record Heredoc(String name, boolean expand, boolean chomp, int fileDescriptor, Word opener, String content,
        SourceText body, @Nullable SourceRange terminator) {

    public SourceRange bodyRange() {
        return body.range();
    }

    /** The body as the build uses it: with {@code <<-}, leading tabs removed from every line. */
    public String effectiveContent() {
        return chomp ? content.replaceAll("(?m)^\t+", "") : content;
    }
}
