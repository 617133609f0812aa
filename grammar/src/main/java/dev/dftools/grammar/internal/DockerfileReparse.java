package dev.dftools.grammar.internal;

import dev.dftools.grammar.ast.Comment;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.ast.SyntaxError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Parses a new version of a document by parsing again only the stages an edit touched: the
 * result equals a full parse of the new text. The old version is cut into parts (the text before
 * the first FROM, then each stage from the first comment line BuildKit attaches to its FROM); the
 * parts the changed text lies in are parsed on their own and the others are reused, moved by the
 * lines and chars the edit added. A part parses the same alone as in the file when it starts with
 * its FROM and ends cleanly: no comment lines after its last instruction (they would belong to
 * the next FROM, unless an empty {@code #} line ends them), no continuation or heredoc left open
 * at its end (it would run into the next part). Anything else, an edit before the first FROM (directives, global ARGs), or a file whose
 * escape is not the backslash, gets a full parse.
 */
public final class DockerfileReparse {

    private DockerfileReparse() {
    }

    /** The parse of {@code text}, reusing the parts of {@code previous} the edit left alone where it can. */
    public static Dockerfile parse(Dockerfile previous, String text) {
        String old = previous.text();
        if (old.equals(text)) {
            return previous;
        }
        Dockerfile reused = previous.escape() == '\\' ? reuse(previous, text) : null;
        return reused != null ? reused : DockerfileParsing.parse(text);
    }

    private static @Nullable Dockerfile reuse(Dockerfile previous, String text) {
        String old = previous.text();
        // compared as arrays: Arrays' comparisons are vectorised, even when called from a method
        // the JIT has not compiled yet (a char-by-char loop cost a young server ~1 ms per edit)
        char[] a = old.toCharArray();
        char[] b = text.toCharArray();
        int limit = Math.min(a.length, b.length);
        int mismatch = Arrays.mismatch(a, 0, limit, b, 0, limit);
        int prefix = mismatch < 0 ? limit : mismatch;
        int suffix = commonSuffix(a, b, limit - prefix);
        int oldEditEnd = old.length() - suffix;

        List<Stage> stages = previous.stages();
        if (stages.isEmpty()) {
            return null;
        }
        int[] starts = partStarts(previous, stages);
        // the parts from the one the edit starts in to the one it ends in (stages only)
        int first = -1;
        int last = -1;
        for (int p = 0; p < stages.size(); p++) {
            if (starts[p] <= prefix) {
                first = p;
            }
            if (starts[p] <= oldEditEnd) {
                last = p;
            }
        }
        if (first < 0) {
            return null; // the edit starts before the first stage
        }
        int regionStart = starts[first];
        int oldRegionEnd = starts[last + 1];
        int delta = text.length() - old.length();
        int newRegionEnd = oldRegionEnd + delta;
        boolean lastPart = last + 1 == stages.size();

        LineIndex lines = previous.lines().edited(prefix, oldEditEnd, text);
        int regionLine = lines.position(regionStart).line();
        // A blank first line: a comment at the top of the part is never read as a parser directive.
        String region = text.substring(regionStart, newRegionEnd);
        Dockerfile alone = DockerfileParsing.parse("\n" + region);
        if (!partsAlike(alone, region, lastPart)) {
            return null;
        }

        AstShift intoPlace = new AstShift(regionLine - 2, regionStart - 1, lines);
        AstShift after = new AstShift(lines.lineCount() - previous.lines().lineCount(), delta, lines);
        Splice splice = new Splice(regionStart, oldRegionEnd);
        List<Instruction> instructions = splice.of(previous.instructions(), alone.instructions(), Instruction::range,
                intoPlace::instruction, after::instruction);
        List<Comment> comments = splice.of(previous.comments(), alone.comments(), Comment::range, intoPlace::comment,
                after::comment);
        List<SyntaxError> errors = splice.of(previous.errors(), alone.errors(), SyntaxError::range, intoPlace::error,
                after::error);
        return new Dockerfile(text, lines, previous.escape(), previous.directives(), comments, instructions, errors);
    }

    /**
     * How many chars {@code a} and {@code b} end with in common, at most {@code max}: the tails are
     * compared in doubling lengths, then the last length that differs is halved down.
     */
    static int commonSuffix(char[] a, char[] b, int max) {
        int equal = 0; // tails of this length are equal
        int step = 64;
        while (equal < max) {
            int next = Math.min(max, equal + step);
            if (!tailsEqual(a, b, next)) {
                // the longest equal tail is in [equal, next): halve the interval
                int unequal = next;
                while (unequal - equal > 1) {
                    int mid = (equal + unequal) >>> 1;
                    if (tailsEqual(a, b, mid)) {
                        equal = mid;
                    } else {
                        unequal = mid;
                    }
                }
                return equal;
            }
            equal = next;
            step *= 2;
        }
        return equal;
    }

    private static boolean tailsEqual(char[] a, char[] b, int length) {
        return Arrays.equals(a, a.length - length, a.length, b, b.length - length, b.length);
    }

    /** The old version's nodes before the parsed region, the region's own, then the old ones after it. */
    private record Splice(int regionStart, int oldRegionEnd) {
        <T> List<T> of(List<T> old, List<T> region, Function<T, SourceRange> range, UnaryOperator<T> intoPlace,
                UnaryOperator<T> after) {
            List<T> out = new ArrayList<>(old.size() + region.size());
            for (T t : old) {
                if (range.apply(t).start().offset() < regionStart) {
                    out.add(t);
                }
            }
            for (T t : region) {
                out.add(intoPlace.apply(t));
            }
            for (T t : old) {
                if (range.apply(t).start().offset() >= oldRegionEnd) {
                    out.add(after.apply(t));
                }
            }
            return out;
        }
    }

    /**
     * Where each stage's part starts (its FROM's line, or the first comment line attached to it),
     * and the end of the text last.
     */
    private static int[] partStarts(Dockerfile file, List<Stage> stages) {
        int[] starts = new int[stages.size() + 1];
        for (int i = 0; i < stages.size(); i++) {
            starts[i] = file.textStart(stages.get(i));
        }
        starts[stages.size()] = file.text().length();
        return starts;
    }

    /**
     * True when the part parsed alone ({@code "\n" + region}) gives what the whole file gives for it:
     * no directive, a FROM first with every comment above it attached to it, and (unless it is the
     * last part) nothing left open at its end and no comment after its last instruction.
     */
    private static boolean partsAlike(Dockerfile alone, String region, boolean lastPart) {
        List<Instruction> instructions = alone.instructions();
        if (!alone.directives().isEmpty() || instructions.isEmpty()
                || !(instructions.get(0) instanceof Instruction.From from)) {
            return false;
        }
        int fromStart = from.range().start().offset();
        long above = alone.comments().stream().filter(c -> c.range().start().offset() < fromStart).count();
        if (above != from.comments().size()) {
            return false; // a comment block cut off by an empty '#' line belongs to the part before
        }
        if (lastPart) {
            return true;
        }
        // Comment lines after the last instruction would be the next FROM's, unless an empty '#'
        // line after them resets BuildKit's PrevComment.
        int end = instructions.get(instructions.size() - 1).range().end().offset();
        Comment trailing = null;
        for (Comment c : alone.comments()) {
            if (c.range().start().offset() >= end) {
                trailing = c;
            }
        }
        if (trailing != null && !trailing.text().isEmpty()) {
            return false;
        }
        for (Instruction i : instructions) {
            for (Heredoc h : i.heredocs()) {
                if (h.terminator() == null) {
                    return false;
                }
            }
        }
        return !endsInContinuation(region);
    }

    /** True when the last line that is neither blank nor a comment ends with the escape character. */
    private static boolean endsInContinuation(String region) {
        int end = region.length();
        while (end > 0) {
            int start = region.lastIndexOf('\n', end - 1) + 1;
            String line = region.substring(start, end).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                return line.endsWith("\\");
            }
            end = start - 1;
        }
        return false;
    }
}
