package dev.dftools.grammar.internal;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Comment;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.Node;
import dev.dftools.grammar.ast.SourcePosition;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.SourceText;
import dev.dftools.grammar.ast.SyntaxError;
import dev.dftools.grammar.ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Moves parsed nodes to where their text now lies: every position by {@code lines} lines and
 * {@code chars} chars, columns unchanged. Only for nodes whose lines all moved as a whole (the
 * text in front of them changed by whole lines and chars, their own text did not), so a
 * column never changes. The copies use the new version's line index.
 */
final class AstShift {

    private final int lines;
    private final int chars;
    private final LineIndex index;

    AstShift(int lines, int chars, LineIndex index) {
        this.lines = lines;
        this.chars = chars;
        this.index = index;
    }

    Instruction instruction(Instruction i) {
        Node n = node(i.node());
        // Java 17: no type patterns in switch yet
        if (i instanceof Instruction.From f) {
            return new Instruction.From(n, optional(f.image()), optional(f.asKeyword()), optional(f.stageName()));
        } else if (i instanceof Instruction.Run r) {
            return new Instruction.Run(n, command(r.command()));
        } else if (i instanceof Instruction.Cmd c) {
            return new Instruction.Cmd(n, command(c.command()));
        } else if (i instanceof Instruction.Entrypoint e) {
            return new Instruction.Entrypoint(n, command(e.command()));
        } else if (i instanceof Instruction.Shell s) {
            return new Instruction.Shell(n, command(s.command()));
        } else if (i instanceof Instruction.Healthcheck h) {
            return new Instruction.Healthcheck(n, optional(h.type()), command(h.command()));
        } else if (i instanceof Instruction.Copy c) {
            return new Instruction.Copy(n, words(c.sources()), optional(c.destination()));
        } else if (i instanceof Instruction.Add a) {
            return new Instruction.Add(n, words(a.sources()), optional(a.destination()));
        } else if (i instanceof Instruction.Env e) {
            return new Instruction.Env(n, map(e.pairs(), this::keyValue));
        } else if (i instanceof Instruction.Label l) {
            return new Instruction.Label(n, map(l.pairs(), this::keyValue));
        } else if (i instanceof Instruction.Arg a) {
            return new Instruction.Arg(n, map(a.declarations(), this::declaration));
        } else if (i instanceof Instruction.Expose e) {
            return new Instruction.Expose(n, words(e.ports()));
        } else if (i instanceof Instruction.Volume v) {
            return new Instruction.Volume(n, words(v.paths()));
        } else if (i instanceof Instruction.Workdir w) {
            return new Instruction.Workdir(n, optional(w.path()));
        } else if (i instanceof Instruction.User u) {
            return new Instruction.User(n, optional(u.user()));
        } else if (i instanceof Instruction.StopSignal s) {
            return new Instruction.StopSignal(n, optional(s.signal()));
        } else if (i instanceof Instruction.Maintainer m) {
            return new Instruction.Maintainer(n, optional(m.maintainer()));
        } else if (i instanceof Instruction.Onbuild o) {
            Instruction trigger = o.trigger();
            return new Instruction.Onbuild(n, trigger == null ? null : instruction(trigger));
        } else if (i instanceof Instruction.Unknown) {
            return new Instruction.Unknown(n);
        } else if (i instanceof Instruction.Invalid v) {
            return new Instruction.Invalid(n, v.message());
        }
        throw new IllegalStateException("an instruction kind AstShift does not know: " + i.getClass());
    }

    Comment comment(Comment c) {
        return new Comment(c.text(), range(c.range()));
    }

    SyntaxError error(SyntaxError e) {
        return new SyntaxError(e.message(), range(e.range()));
    }

    private Node node(Node n) {
        Node trigger = n.trigger();
        return new Node(word(n.keyword()), map(n.flags(), this::flag), words(n.args()), n.json(),
                map(n.heredocs(), this::heredoc), range(n.range()), map(n.comments(), this::comment),
                n.text().shifted(chars, index), map(n.emptyContinuationLines(), this::range),
                trigger == null ? null : node(trigger));
    }

    private @Nullable Command command(@Nullable Command c) {
        if (c == null) {
            return null;
        }
        if (c instanceof Command.ShellForm s) {
            return new Command.ShellForm(word(s.script()), s.source().shifted(chars, index));
        }
        Command.ExecForm e = (Command.ExecForm) c;
        return new Command.ExecForm(words(e.args()), range(e.range()));
    }

    private Flag flag(Flag f) {
        SourceRange value = f.valueRange();
        return new Flag(f.name(), f.value(), f.text(), range(f.range()), range(f.nameRange()),
                value == null ? null : range(value));
    }

    private Heredoc heredoc(Heredoc h) {
        SourceRange terminator = h.terminator();
        return new Heredoc(h.name(), h.expand(), h.chomp(), h.fileDescriptor(), word(h.opener()), h.content(),
                h.body().shifted(chars, index), terminator == null ? null : range(terminator));
    }

    private KeyValue keyValue(KeyValue kv) {
        return new KeyValue(word(kv.key()), word(kv.value()), kv.legacy());
    }

    private ArgDeclaration declaration(ArgDeclaration d) {
        return new ArgDeclaration(word(d.name()), optional(d.defaultValue()));
    }

    private List<Word> words(List<Word> words) {
        return map(words, this::word);
    }

    private Word word(Word w) {
        return new Word(w.value(), range(w.range()));
    }

    private @Nullable Word optional(@Nullable Word w) {
        return w == null ? null : word(w);
    }

    SourceRange range(SourceRange r) {
        return new SourceRange(position(r.start()), position(r.end()));
    }

    private SourcePosition position(SourcePosition p) {
        return new SourcePosition(p.line() + lines, p.column(), p.offset() + chars);
    }

    private static <T> List<T> map(List<T> list, UnaryOperator<T> f) {
        if (list.isEmpty()) {
            return list;
        }
        List<T> out = new ArrayList<>(list.size());
        for (T t : list) {
            out.add(f.apply(t));
        }
        return out;
    }
}
