package dev.dftools.grammar;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Node;
import dev.dftools.grammar.ast.Word;
import dev.dftools.grammar.internal.GoQuote;

/**
 * Prints the AST in BuildKit's dump format ({@code (run "echo" "hi")} per instruction), the
 * format of the upstream parser test results, so our parse can be compared with BuildKit's.
 */
public final class BuildKitDump {

    private BuildKitDump() {
    }

    public static String dump(Dockerfile dockerfile) {
        StringBuilder out = new StringBuilder();
        for (Instruction instruction : dockerfile.instructions()) {
            out.append('(').append(node(instruction.node())).append(")\n");
        }
        return out.toString();
    }

    static String node(Node node) {
        StringBuilder s = new StringBuilder(node.name());
        if (!node.flags().isEmpty()) {
            s.append(" [");
            for (int i = 0; i < node.flags().size(); i++) {
                Flag flag = node.flags().get(i);
                s.append(i == 0 ? "" : " ").append(GoQuote.quote(flag.text()));
            }
            s.append(']');
        }
        if (node.trigger() != null) {
            s.append(" (").append(node(node.trigger())).append(')');
        } else if (!node.name().equals("onbuild")) {
            for (Word arg : node.args()) {
                s.append(' ').append(GoQuote.quote(arg.value()));
            }
        }
        return s.toString().strip();
    }
}
