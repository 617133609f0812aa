package dev.dftools.grammar.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed Dockerfile: directives, every comment, the instructions in order (including the
 * ARGs before the first FROM), the syntax errors, and the text it was parsed from.
 *
 * @param escape the escape character in force ({@code \} or a backtick)
 */
public record Dockerfile(String text, LineIndex lines, char escape, List<Directive> directives, List<Comment> comments,
        List<Instruction> instructions, List<SyntaxError> errors) {

    public Dockerfile {
        directives = List.copyOf(directives);
        comments = List.copyOf(comments);
        instructions = List.copyOf(instructions);
        errors = List.copyOf(errors);
    }

    /** The instructions before the first FROM (BuildKit's meta args). */
    public List<Instruction> preamble() {
        List<Instruction> result = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction instanceof Instruction.From) {
                break;
            }
            result.add(instruction);
        }
        return result;
    }

    /** The stages, each starting at a FROM. */
    public List<Stage> stages() {
        List<Stage> stages = new ArrayList<>();
        Instruction.From from = null;
        List<Instruction> body = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction instanceof Instruction.From next) {
                if (from != null) {
                    stages.add(new Stage(stages.size(), from, body));
                }
                from = next;
                body = new ArrayList<>();
            } else if (from != null) {
                body.add(instruction);
            }
        }
        if (from != null) {
            stages.add(new Stage(stages.size(), from, body));
        }
        return stages;
    }

    /**
     * Where the stage's text starts: the start of its first line, the comments attached to its FROM
     * included ({@link Stage#firstLine}). A stage's text runs to where the next one's starts.
     */
    public int textStart(Stage stage) {
        return lines.lineStart(stage.firstLine());
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
