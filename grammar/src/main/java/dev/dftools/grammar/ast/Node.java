package dev.dftools.grammar.ast;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One instruction as BuildKit's parser sees it, before any instruction-specific meaning: the
 * keyword, the raw flags, the argument list (exactly what {@code buildctl}'s AST dump prints)
 * and the heredocs. Every typed {@link Instruction} wraps one.
 *
 * @param keyword                the keyword as written (case kept)
 * @param args                   BuildKit's argument list; for ENV/LABEL the key, value, separator triples
 * @param json                   the arguments were a JSON array (exec form)
 * @param range                  from the keyword to the end of the last continuation line or heredoc terminator
 * @param comments               the comment lines right above, BuildKit's PrevComment
 * @param text                   the logical line (continuations joined) with its source mapping
 * @param emptyContinuationLines blank lines inside the continuation (BuildKit warns about them)
 * @param trigger                the instruction an ONBUILD wraps, or null
 */
public record Node(Word keyword, List<Flag> flags, List<Word> args, boolean json, List<Heredoc> heredocs,
        SourceRange range, List<Comment> comments, SourceText text, List<SourceRange> emptyContinuationLines,
        @Nullable Node trigger) {

    public Node {
        flags = List.copyOf(flags);
        args = List.copyOf(args);
        heredocs = List.copyOf(heredocs);
        comments = List.copyOf(comments);
        emptyContinuationLines = List.copyOf(emptyContinuationLines);
    }

    /** The keyword in lower case, e.g. {@code run}. */
    public String name() {
        return keyword.value().toLowerCase(Locale.ROOT);
    }

    public Optional<Flag> flag(String flagName) {
        return flags.stream().filter(f -> f.name().equals(flagName)).findFirst();
    }

    public List<Flag> flags(String flagName) {
        return flags.stream().filter(f -> f.name().equals(flagName)).toList();
    }

    public int startLine() {
        return range.startLine();
    }

    public int endLine() {
        return range.endLine();
    }
}
