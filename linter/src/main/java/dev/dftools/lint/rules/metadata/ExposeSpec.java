package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * One EXPOSE word split the way BuildKit splits it ({@code [[ip:]hostPort:]port[-end][/proto]}),
 * each part with its offsets in the word so findings can point at it. Words holding variables are
 * left out: their value is known only during the build.
 *
 * @param ipEnd         end of the ip part (0 when there is none)
 * @param hostStart     start of the host port part ({@code hostStart == hostEnd} when none)
 * @param portStart     start of the container port(s)
 * @param protoStart    start of the protocol after '/', or -1 when none
 */
record ExposeSpec(Word word, String text, int ipEnd, int hostStart, int hostEnd, int portStart, int portEnd,
        int protoStart) {

    static List<ExposeSpec> of(Instruction instruction) {
        List<ExposeSpec> specs = new ArrayList<>();
        if (instruction instanceof Instruction.Expose expose) {
            for (Word word : expose.ports()) {
                if (word.value().indexOf('$') < 0) {
                    specs.add(parse(word));
                }
            }
        }
        return specs;
    }

    static ExposeSpec parse(Word word) {
        String t = word.value();
        int last = t.lastIndexOf(':');
        int containerStart = last + 1;
        int hostStart = containerStart;
        int hostEnd = containerStart;
        int ipEnd = 0;
        if (last >= 0) {
            int prev = t.lastIndexOf(':', last - 1);
            hostStart = prev + 1;
            hostEnd = last;
            ipEnd = prev < 0 ? 0 : prev;
        }
        int slash = t.indexOf('/', containerStart);
        int portEnd = slash < 0 ? t.length() : slash;
        return new ExposeSpec(word, t, ipEnd, hostStart, hostEnd, containerStart, portEnd, slash < 0 ? -1 : slash + 1);
    }

    String port() {
        return text.substring(portStart, portEnd);
    }

    String hostPort() {
        return text.substring(hostStart, hostEnd);
    }

    String proto() {
        return protoStart < 0 ? "" : text.substring(protoStart);
    }

    /** The container part as EXPOSE should have it: {@code port[/proto]}. */
    String containerPart() {
        return text.substring(portStart);
    }

    /** The source range of text[from, to): exact when the word sits in the source as written. */
    SourceRange range(int from, int to, LineIndex lines) {
        SourceRange r = word.range();
        if (r.length() != text.length() || r.startLine() != r.endLine()) {
            return r;
        }
        return lines.range(r.start().offset() + from, r.start().offset() + to);
    }
}
