package dev.dftools.lsp.features.hover;

import dev.dftools.grammar.ast.Directive;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Node;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.model.DockerfileCatalog;
import dev.dftools.lsp.model.DockerfileCatalog.FlagDoc;
import dev.dftools.lsp.model.DockerfileCatalog.InstructionDoc;
import dev.dftools.lsp.model.DockerfileCatalog.MountOption;
import dev.dftools.lsp.model.ImageReference;
import dev.dftools.lsp.model.Instructions;
import dev.dftools.lsp.model.Occurrence;
import dev.dftools.lsp.model.PredefinedArgs;
import dev.dftools.lsp.model.StageSymbol;
import dev.dftools.lsp.model.SymbolModel;
import dev.dftools.lsp.model.VariableDeclaration;
import dev.dftools.lsp.model.VariableKind;
import dev.dftools.lsp.model.VariableReference;
import dev.dftools.lsp.text.LspRanges;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/**
 * Hover in Markdown: instructions, their flags (each {@code RUN --mount} option too), parser
 * directives, variables (value and where defined, in the scope of the cursor), stage names and
 * image references.
 */
public final class HoverProvider {

    /** The hover at a position, or null when there is nothing to say. */
    public @Nullable Hover hover(DocumentSnapshot snapshot, Position position) {
        int offset = LspRanges.offset(snapshot.lines(), position);
        for (Directive d : snapshot.ast().directives()) {
            if (within(d.range(), offset)) {
                return directive(d);
            }
        }
        Optional<Instruction> found = Instructions.at(snapshot.ast(), offset);
        if (found.isEmpty()) {
            return null;
        }
        SymbolModel model = SymbolModel.of(snapshot);
        Instruction instruction = found.get();
        Node node = instruction.node();
        if (instruction instanceof Instruction.Onbuild onbuild && node.trigger() != null
                && within(node.trigger().keyword().range(), offset)) {
            return instructionHover(node.trigger().keyword(), snapshot);
        }
        if (within(node.keyword().range(), offset)) {
            return instructionHover(node.keyword(), snapshot);
        }
        Optional<VariableReference> ref = model.referenceAt(offset);
        if (ref.isPresent()) {
            return md(variable(model, ref.get()), ref.get().range());
        }
        Optional<Occurrence> occurrence = model.occurrenceAt(offset);
        if (occurrence.isPresent()) {
            Occurrence o = occurrence.get();
            if (o.symbol() instanceof StageSymbol stage) {
                return md(stage(snapshot, model, stage), o.range());
            }
            if (o.declaration()) {
                Optional<VariableDeclaration> decl = model.declarationAt(offset);
                if (decl.isPresent()) {
                    return md(declaration(snapshot, model, decl.get()), o.range());
                }
            }
        }
        for (Flag flag : instruction.flags()) {
            if (within(flag.range(), offset)) {
                return flag(instruction, flag, offset, snapshot);
            }
        }
        Word image = imageWordAt(instruction, offset);
        if (image != null) {
            Optional<ImageReference> ref2 = ImageReference.parse(image.value());
            if (ref2.isPresent()) {
                return md(image(ref2.get()), image.range());
            }
        }
        return null;
    }

    private static @Nullable Word imageWordAt(Instruction instruction, int offset) {
        if (instruction instanceof Instruction.From from && from.image() != null
                && within(from.image().range(), offset)) {
            return from.image();
        }
        return null;
    }

    private static boolean within(SourceRange r, int offset) {
        return r.start().offset() <= offset && offset <= r.end().offset();
    }

    private static Hover md(String markdown, SourceRange range) {
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown), LspRanges.range(range));
    }

    private static @Nullable Hover directive(Directive d) {
        return DockerfileCatalog.directive(d.name()).map(doc -> {
            StringBuilder sb = new StringBuilder("**Parser directive** `" + doc.name() + "`\n\n" + doc.summary()
                    + "\n\nExample: `" + doc.example() + "`");
            if (d.name().equals("syntax")) {
                ImageReference.parse(d.value()).ifPresent(ref -> sb.append("\n\n").append(image(ref)));
            }
            sb.append("\n\n[Dockerfile reference](").append(doc.url()).append(")");
            return md(sb.toString(), d.range());
        }).orElse(null);
    }

    private static @Nullable Hover instructionHover(Word keyword, DocumentSnapshot snapshot) {
        return DockerfileCatalog.instruction(keyword.value()).map(doc -> md(instructionMarkdown(doc),
                keyword.range())).orElse(null);
    }

    /** Shared with completion's documentation. */
    public static String instructionMarkdown(InstructionDoc doc) {
        StringBuilder sb = new StringBuilder("**" + doc.keyword() + "**\n\n" + doc.summary() + "\n\n```dockerfile\n"
                + doc.signature() + "\n```");
        if (!doc.flags().isEmpty()) {
            sb.append("\n\nFlags: ");
            doc.flags().forEach(f -> sb.append("`--").append(f.name()).append("` "));
        }
        sb.append("\n\n[Dockerfile reference](").append(doc.url()).append(")");
        return sb.toString();
    }

    private static @Nullable Hover flag(Instruction instruction, Flag flag, int offset, DocumentSnapshot snapshot) {
        Optional<InstructionDoc> doc = DockerfileCatalog.instruction(instruction.name());
        Optional<FlagDoc> flagDoc = doc.flatMap(d -> d.flag(flag.name()));
        if (flagDoc.isEmpty()) {
            return md("Unknown flag `--" + flag.name() + "` for " + instruction.node().keyword().value()
                    .toUpperCase(java.util.Locale.ROOT) + doc.map(d -> d.flags().isEmpty() ? " (it takes no flags)"
                    : "; known flags: " + String.join(", ", d.flags().stream().map(f -> "`--" + f.name() + "`")
                            .toList())).orElse(""), flag.range());
        }
        if (flag.name().equals("mount") && flag.valueRange() != null && within(flag.valueRange(), offset)
                && flag.valueRange().length() == flag.value().length()) {
            Hover option = mountOption(flag, offset, snapshot);
            if (option != null) {
                return option;
            }
        }
        if (flag.name().equals("from") && flag.valueRange() != null && within(flag.valueRange(), offset)) {
            Optional<ImageReference> ref = ImageReference.parse(flag.value());
            if (ref.isPresent() && !flag.value().chars().allMatch(Character::isDigit)) {
                return md(image(ref.get()), flag.valueRange());
            }
        }
        FlagDoc f = flagDoc.get();
        return md("**`" + f.usage() + "`** (" + instruction.node().keyword().value() + ")\n\n" + f.summary()
                + "\n\n[Dockerfile reference](" + f.url() + ")", flag.range());
    }

    private static @Nullable Hover mountOption(Flag flag, int offset, DocumentSnapshot snapshot) {
        String value = flag.value();
        int base = flag.valueRange().start().offset();
        int rel = offset - base;
        int start = value.lastIndexOf(',', Math.max(0, rel - 1)) + 1;
        if (rel > 0 && rel <= value.length() && value.charAt(rel - 1) == ',') {
            start = rel;
        }
        int end = value.indexOf(',', start);
        end = end < 0 ? value.length() : end;
        String part = value.substring(start, end);
        int eq = part.indexOf('=');
        String key = eq < 0 ? part : part.substring(0, eq);
        Optional<MountOption> option = DockerfileCatalog.mountOption(key);
        if (option.isEmpty()) {
            return null;
        }
        MountOption o = option.get();
        StringBuilder sb = new StringBuilder("**`--mount` option `" + o.key() + "`**"
                + (o.valueHint().isEmpty() ? "" : " `" + o.key() + "=" + o.valueHint() + "`") + "\n\n" + o.summary()
                + "\n\nFor mount types: " + String.join(", ", o.types()));
        if (o.key().equals("type") && eq >= 0) {
            String type = part.substring(eq + 1);
            String typeDoc = DockerfileCatalog.mountTypeDoc(type);
            if (!typeDoc.isEmpty()) {
                sb.append("\n\n`type=").append(type).append("`: ").append(typeDoc);
            }
        }
        sb.append("\n\n[Dockerfile reference](" + DockerfileCatalog.REFERENCE + "#run---mount)");
        return md(sb.toString(), snapshot.lines().range(base + start, base + end));
    }

    private static String variable(SymbolModel model, VariableReference ref) {
        VariableDeclaration d = ref.target();
        if (d == null) {
            StringBuilder sb = new StringBuilder("`" + ref.name() + "` is not defined here");
            if (model.globalSymbol(ref.name()).isPresent() && ref.stageIndex() >= 0) {
                sb.append(": the global ARG `").append(ref.name()).append("` is visible in FROM lines only; add `ARG ")
                        .append(ref.name()).append("` to this stage to use it");
            }
            return sb.toString();
        }
        return declarationMarkdown(model, d);
    }

    private static String declaration(DocumentSnapshot snapshot, SymbolModel model, VariableDeclaration d) {
        return declarationMarkdown(model, d);
    }

    private static String declarationMarkdown(SymbolModel model, VariableDeclaration d) {
        if (d.kind() == VariableKind.PREDEFINED) {
            return "**predefined build arg** `" + d.name() + "`\n\n" + PredefinedArgs.describe(d.name());
        }
        String kind = switch (d.kind()) {
            case GLOBAL_ARG -> "global ARG";
            case ARG -> "ARG";
            default -> "ENV";
        };
        StringBuilder sb = new StringBuilder("**" + kind + "** `" + d.name() + "`");
        if (d.value() != null) {
            sb.append(" = `").append(d.value().value()).append("`");
        } else if (d.kind() == VariableKind.ARG) {
            VariableDeclaration global = model.globalArgs().get(d.name());
            if (global != null && global.value() != null) {
                sb.append(" = `").append(global.value().value()).append("` (default of the global ARG, line ")
                        .append(global.nameRange().startLine()).append(")");
            } else {
                sb.append(" (no default: empty unless `--build-arg ").append(d.name()).append("=…` is given)");
            }
        }
        if (d.nameRange() != null) {
            sb.append("\n\nDefined on line ").append(d.nameRange().startLine());
            if (d.stageIndex() >= 0) {
                sb.append(" in stage ").append(stageLabel(model.stages().get(d.stageIndex())));
            }
        }
        if (PredefinedArgs.isPredefined(d.name())) {
            sb.append("\n\nPredefined by BuildKit: ").append(PredefinedArgs.describe(d.name()));
        }
        return sb.toString();
    }

    private static String stageLabel(StageSymbol s) {
        return s.name() != null ? "`" + s.nameWord().value() + "`" : "#" + s.index();
    }

    private static String stage(DocumentSnapshot snapshot, SymbolModel model, StageSymbol stage) {
        Instruction.From from = stage.from();
        String fromLine = snapshot.text().substring(from.range().start().offset(), from.range().end().offset());
        StringBuilder sb = new StringBuilder("**Stage** " + stageLabel(stage) + " (index " + stage.index()
                + ", line " + from.range().startLine() + ")\n\n```dockerfile\n" + fromLine + "\n```");
        if (stage.baseStage() >= 0) {
            sb.append("\n\nBuilt on stage ").append(stageLabel(model.stages().get(stage.baseStage())));
        } else if (from.image() != null) {
            ImageReference.parse(from.image().value()).ifPresent(ref -> sb.append("\n\nBase image: `")
                    .append(ref.familiarName()).append(ref.tag() != null ? ":" + ref.tag() : "").append("`"));
        }
        return sb.toString();
    }

    /** Image hover text (also used for {@code # syntax=}). */
    public static String image(ImageReference ref) {
        StringBuilder sb = new StringBuilder("**Image** `" + ref.familiarName() + "`\n\n");
        sb.append("- registry: `").append(ref.registry()).append("`\n");
        sb.append("- repository: `").append(ref.repository()).append("`\n");
        sb.append("- tag: `").append(ref.tag() != null ? ref.tag() : ref.digest() != null ? "(none)" : "latest (implied)")
                .append("`\n");
        if (ref.digest() != null) {
            sb.append("- digest: `").append(ref.digest()).append("` (pinned)\n");
        }
        ref.webPage().ifPresent(url -> sb.append("\n[").append(url).append("](").append(url).append(")"));
        return sb.toString();
    }
}
