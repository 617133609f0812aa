package dev.dftools.grammar.internal;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.Node;
import dev.dftools.grammar.ast.SourceText;
import dev.dftools.grammar.ast.Word;
import dev.dftools.grammar.internal.SplitInstruction.Part;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/** Gives a generic {@link Node} its instruction-specific shape (BuildKit's instructions layer, minus validation). */
final class InstructionFactory {

    private InstructionFactory() {
    }

    /** @param split the parse the node was made from: its spans index into {@code node.text()} */
    static Instruction create(Node node, SplitInstruction split) {
        List<Word> args = node.args();
        return switch (node.name()) {
            case "from" -> from(node);
            case "run" -> new Instruction.Run(node, command(node, split));
            case "cmd" -> new Instruction.Cmd(node, command(node, split));
            case "entrypoint" -> new Instruction.Entrypoint(node, command(node, split));
            case "shell" -> new Instruction.Shell(node, command(node, split));
            case "healthcheck" -> healthcheck(node, split);
            case "copy" -> new Instruction.Copy(node, sources(args), destination(args));
            case "add" -> new Instruction.Add(node, sources(args), destination(args));
            case "env" -> new Instruction.Env(node, pairs(args));
            case "label" -> new Instruction.Label(node, pairs(args));
            case "arg" -> new Instruction.Arg(node, declarations(node.text(), split.args()));
            case "expose" -> new Instruction.Expose(node, args);
            case "volume" -> new Instruction.Volume(node, args);
            case "workdir" -> new Instruction.Workdir(node, first(args));
            case "user" -> new Instruction.User(node, first(args));
            case "stopsignal" -> new Instruction.StopSignal(node, first(args));
            case "maintainer" -> new Instruction.Maintainer(node, first(args));
            default -> new Instruction.Unknown(node);
        };
    }

    private static Instruction.From from(Node node) {
        List<Word> args = node.args();
        Word as = null;
        Word name = null;
        if (args.size() >= 2 && args.get(1).value().equalsIgnoreCase("as")) {
            as = args.get(1);
            name = args.size() >= 3 ? args.get(2) : null;
        }
        return new Instruction.From(node, first(args), as, name);
    }

    private static Instruction.Healthcheck healthcheck(Node node, SplitInstruction split) {
        List<Word> args = node.args();
        if (args.isEmpty()) {
            return new Instruction.Healthcheck(node, null, null);
        }
        List<Word> rest = args.subList(1, args.size());
        Command command = null;
        if (node.json()) {
            Part first = split.args().size() > 1 ? split.args().get(1) : split.args().get(0);
            command = new Command.ExecForm(rest, node.text().range(first.start(), split.restEnd()));
        } else if (!rest.isEmpty()) {
            Part script = split.args().get(1);
            command = shell(node.text(), rest.get(0), script.start(), script.end());
        }
        return new Instruction.Healthcheck(node, args.get(0), command);
    }

    private static @Nullable Command command(Node node, SplitInstruction split) {
        if (node.json()) {
            return new Command.ExecForm(node.args(), node.text().range(split.restStart(), split.restEnd()));
        }
        return node.args().isEmpty() ? null
                : shell(node.text(), node.args().get(0), split.restStart(), split.restEnd());
    }

    private static Command shell(SourceText text, Word script, int start, int end) {
        return new Command.ShellForm(script, text.slice(start, end));
    }

    private static List<Word> sources(List<Word> args) {
        return args.size() <= 1 ? args : args.subList(0, args.size() - 1);
    }

    private static @Nullable Word destination(List<Word> args) {
        return args.size() >= 2 ? args.get(args.size() - 1) : null;
    }

    private static @Nullable Word first(List<Word> args) {
        return args.isEmpty() ? null : args.get(0);
    }

    /** ENV/LABEL arguments come in key, value, separator triples; an empty separator is the legacy form. */
    private static List<KeyValue> pairs(List<Word> args) {
        List<KeyValue> pairs = new ArrayList<>();
        for (int i = 0; i + 2 < args.size(); i += 3) {
            pairs.add(new KeyValue(args.get(i), args.get(i + 1), args.get(i + 2).value().isEmpty()));
        }
        return pairs;
    }

    /** ARG words are split at their first '=' (the instructions layer does this in BuildKit). */
    private static List<ArgDeclaration> declarations(SourceText text, List<Part> words) {
        List<ArgDeclaration> result = new ArrayList<>();
        for (Part word : words) {
            int eq = word.value().indexOf('=');
            if (eq < 0) {
                result.add(new ArgDeclaration(new Word(word.value(), text.range(word.start(), word.end())), null));
                continue;
            }
            int eqAt = word.start() + eq;
            Word name = new Word(word.value().substring(0, eq), text.range(word.start(), eqAt));
            Word def = new Word(word.value().substring(eq + 1), text.range(eqAt + 1, Math.max(eqAt + 1, word.end())));
            result.add(new ArgDeclaration(name, def));
        }
        return result;
    }
}
