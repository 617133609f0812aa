package dev.dftools.grammar.ast;

import java.util.List;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A Dockerfile instruction, one record per kind. Each wraps the generic {@link Node}
 * (keyword, flags, arguments, heredocs, range) and adds the kind's own structure.
 * Invalid lines are kept as {@link Invalid}, unknown keywords as {@link Unknown}.
 */
public sealed interface Instruction {

    /** Index of the last instruction of {@code list} (in file order) starting at or before the offset, -1 when none. */
    static int lastStartingAtOrBefore(java.util.List<Instruction> list, int offset) {
        int lo = 0;
        int hi = list.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).range().start().offset() <= offset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    Node node();

    default SourceRange range() {
        return node().range();
    }

    /** Lower-cased keyword, e.g. {@code copy}. */
    default String name() {
        return node().name();
    }

    default List<Flag> flags() {
        return node().flags();
    }

    default Optional<Flag> flag(String flagName) {
        return node().flag(flagName);
    }

    default List<Heredoc> heredocs() {
        return node().heredocs();
    }

    default List<Comment> comments() {
        return node().comments();
    }

    /** {@code FROM [--platform=…] image [AS name]}. */
    record From(Node node, @Nullable Word image, @Nullable Word asKeyword, @Nullable Word stageName)
            implements Instruction {
    }

    record Run(Node node, @Nullable Command command) implements Instruction {
    }

    record Cmd(Node node, @Nullable Command command) implements Instruction {
    }

    record Entrypoint(Node node, @Nullable Command command) implements Instruction {
    }

    record Shell(Node node, @Nullable Command command) implements Instruction {
    }

    /** {@code HEALTHCHECK [flags] CMD command} or {@code HEALTHCHECK NONE}. */
    record Healthcheck(Node node, @Nullable Word type, @Nullable Command command) implements Instruction {
    }

    record Copy(Node node, List<Word> sources, @Nullable Word destination) implements Instruction {
        public Copy {
            sources = List.copyOf(sources);
        }
    }

    record Add(Node node, List<Word> sources, @Nullable Word destination) implements Instruction {
        public Add {
            sources = List.copyOf(sources);
        }
    }

    record Env(Node node, List<KeyValue> pairs) implements Instruction {
        public Env {
            pairs = List.copyOf(pairs);
        }
    }

    record Label(Node node, List<KeyValue> pairs) implements Instruction {
        public Label {
            pairs = List.copyOf(pairs);
        }
    }

    record Arg(Node node, List<ArgDeclaration> declarations) implements Instruction {
        public Arg {
            declarations = List.copyOf(declarations);
        }
    }

    record Expose(Node node, List<Word> ports) implements Instruction {
        public Expose {
            ports = List.copyOf(ports);
        }
    }

    record Volume(Node node, List<Word> paths) implements Instruction {
        public Volume {
            paths = List.copyOf(paths);
        }
    }

    record Workdir(Node node, @Nullable Word path) implements Instruction {
    }

    record User(Node node, @Nullable Word user) implements Instruction {
    }

    record StopSignal(Node node, @Nullable Word signal) implements Instruction {
    }

    record Maintainer(Node node, @Nullable Word maintainer) implements Instruction {
    }

    /** {@code ONBUILD instruction}: the trigger runs in builds that use this image as their base. */
    record Onbuild(Node node, @Nullable Instruction trigger) implements Instruction {
    }

    /** A keyword BuildKit does not know ("unknown instruction"); kept so editors can work on it. */
    record Unknown(Node node) implements Instruction {
    }

    /** A line BuildKit's parser rejects, e.g. {@code ENV PATH} without a value. */
    record Invalid(Node node, String message) implements Instruction {
    }
}
