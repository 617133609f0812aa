package dev.dftools.lsp.features.completion;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.features.hover.HoverProvider;
import dev.dftools.lsp.model.DockerfileCatalog;
import dev.dftools.lsp.model.DockerfileCatalog.FlagDoc;
import dev.dftools.lsp.model.DockerfileCatalog.InstructionDoc;
import dev.dftools.lsp.model.DockerfileCatalog.MountOption;
import dev.dftools.lsp.model.Instructions;
import dev.dftools.lsp.model.PredefinedArgs;
import dev.dftools.lsp.model.StageSymbol;
import dev.dftools.lsp.model.SymbolModel;
import dev.dftools.lsp.model.VariableDeclaration;
import dev.dftools.lsp.text.LspRanges;
import dev.dftools.sim.store.ImageStore;
import dev.dftools.sim.store.StoreException;
import dev.dftools.sim.store.StoredImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Completion by context: instruction keywords (snippets, lower case when the user types lower
 * case), flags per instruction, {@code --mount} types and keys per type, stage names after
 * {@code --from=} and {@code FROM}, variables in scope after {@code $}/{@code ${}, parser
 * directives in the leading comments, build-context paths for COPY/ADD (honouring
 * {@code .dockerignore}) and image names and tags from the local dfsim store.
 * Every item replaces the word being typed (a text edit) and has kind, detail and documentation.
 */
public final class CompletionProvider {

    private static final int MAX_PATH_ITEMS = 500;

    /** Documentation of the enumerated values completion offers. */
    private static final Map<String, String> VALUE_DOCS = Map.ofEntries(
            Map.entry("default", "The default network (sandboxed, with outbound access)."),
            Map.entry("none", "No network at all: only a loopback device."),
            Map.entry("host", "The host's network (needs the `network.host` entitlement)."),
            Map.entry("sandbox", "The default: run the command in the build sandbox."),
            Map.entry("insecure", "Run without the sandbox (needs the `security.insecure` entitlement)."),
            Map.entry("shared", "Concurrent builds use the cache at the same time (default)."),
            Map.entry("private", "A concurrent build gets a new cache directory."),
            Map.entry("locked", "A concurrent build waits until the cache is released."),
            Map.entry("true", "Enable."),
            Map.entry("false", "Disable."),
            Map.entry("$BUILDPLATFORM", "The platform of the machine running the build (cross-compilation)."),
            Map.entry("$TARGETPLATFORM", "The platform being built for (the default)."),
            Map.entry("linux/amd64", "64-bit x86 Linux."),
            Map.entry("linux/arm64", "64-bit ARM Linux."),
            Map.entry("linux/arm/v7", "32-bit ARMv7 Linux."));

    public CompletionList complete(DocumentSnapshot snapshot, Position position, CompletionOptions options) {
        Request r = new Request(snapshot, position, options);
        List<CompletionItem> items = r.items();
        return new CompletionList(false, items);
    }

    /** The state of one request: the cursor, the word being typed and the instruction around it. */
    private static final class Request {
        final DocumentSnapshot snapshot;
        final CompletionOptions options;
        final String text;
        final int offset;
        final int lineStart;
        final int tokenStart;
        final String token;
        final SymbolModel model;
        final List<CompletionItem> items = new ArrayList<>();

        Request(DocumentSnapshot snapshot, Position position, CompletionOptions options) {
            this.snapshot = snapshot;
            this.options = options;
            this.text = snapshot.text();
            this.offset = LspRanges.offset(snapshot.lines(), position);
            this.lineStart = snapshot.lines().lineStart(snapshot.lines().position(offset).line());
            int t = offset;
            while (t > lineStart && !Character.isWhitespace(text.charAt(t - 1))) {
                t--;
            }
            this.tokenStart = t;
            this.token = text.substring(tokenStart, offset);
            this.model = SymbolModel.of(snapshot);
        }

        List<CompletionItem> items() {
            String linePrefix = text.substring(lineStart, offset);
            if (variables()) {
                return items;
            }
            Optional<Instruction> instruction = Instructions.at(snapshot.ast(), offset)
                    .filter(i -> i.range().start().offset() < tokenStart || i.range().start().offset() < lineStart);
            if (instruction.isEmpty()) {
                if (linePrefix.stripLeading().startsWith("#")) {
                    directives(linePrefix);
                } else if (linePrefix.isBlank() || linePrefix.strip().equals(token)) {
                    keywords(token, false);
                }
                return items;
            }
            arguments(instruction.get());
            return items;
        }

        // ---- variables ----

        boolean variables() {
            int dollar = token.lastIndexOf('$');
            if (dollar < 0) {
                return false;
            }
            String after = token.substring(dollar + 1);
            boolean braced = after.startsWith("{");
            String partial = braced ? after.substring(1) : after;
            if (!partial.chars().allMatch(c -> VariableNameChar.is((char) c))) {
                return false;
            }
            int replaceFrom = tokenStart + dollar;
            Map<String, VariableDeclaration> scope = new TreeMap<>(model.variablesInScope(offset));
            for (VariableDeclaration d : scope.values()) {
                String detail = switch (d.kind()) {
                    case GLOBAL_ARG -> "global ARG";
                    case ARG -> "ARG";
                    case ENV -> "ENV";
                    default -> "predefined";
                };
                String value = d.value() == null ? "" : " = " + d.value().value();
                add(variableItem(d.name(), braced, replaceFrom, detail + value,
                        d.nameRange() == null ? "" : "Defined on line " + d.nameRange().startLine()));
            }
            boolean fromLine = Instructions.at(snapshot.ast(), offset).map(i -> i instanceof Instruction.From)
                    .orElse(true);
            Map<String, String> predefined = fromLine ? PredefinedArgs.PLATFORM
                    : Instructions.at(snapshot.ast(), offset).filter(i -> i instanceof Instruction.Run).isPresent()
                            ? PredefinedArgs.PROXY : Map.of();
            new TreeMap<>(predefined).forEach((name, doc) -> {
                if (!scope.containsKey(name)) {
                    add(variableItem(name, braced, replaceFrom, "predefined build arg", doc));
                }
            });
            return true;
        }

        CompletionItem variableItem(String name, boolean braced, int replaceFrom, String detail, String doc) {
            String insert = braced ? "${" + name + "}" : "$" + name;
            CompletionItem item = item(insert, CompletionItemKind.Variable, detail, doc, replaceFrom);
            item.setLabel(name);
            item.setFilterText(insert);
            int end = offset;
            if (braced && end < text.length() && text.charAt(end) == '}') {
                item.getTextEdit().getLeft().getRange().setEnd(LspRanges.position(snapshot.lines().position(end + 1)));
            }
            return item;
        }

        // ---- directives and keywords ----

        void directives(String linePrefix) {
            boolean leading = snapshot.ast().instructions().isEmpty()
                    || snapshot.ast().instructions().get(0).range().start().offset() > offset;
            if (!leading) {
                return;
            }
            String body = linePrefix.stripLeading().substring(1).stripLeading();
            int eq = body.indexOf('=');
            if (eq < 0) {
                int from = offset - body.length();
                for (DockerfileCatalog.DirectiveDoc d : DockerfileCatalog.directives()) {
                    add(item(d.name() + "=", CompletionItemKind.Keyword, "parser directive", d.summary()
                            + "\n\nExample: `" + d.example() + "`", from));
                }
            } else if (body.substring(0, eq).strip().equalsIgnoreCase("syntax")) {
                int from = lineStart + linePrefix.indexOf('=') + 1;
                add(item("docker/dockerfile:1", CompletionItemKind.Value, "latest stable Dockerfile syntax",
                        "The frontend image; `1` follows the latest 1.x release.", from));
                add(item("docker/dockerfile:1-labs", CompletionItemKind.Value, "labs features",
                        "Stable syntax plus experimental features.", from));
            } else if (body.substring(0, eq).strip().equalsIgnoreCase("escape")) {
                int from = lineStart + linePrefix.indexOf('=') + 1;
                add(item("\\", CompletionItemKind.Value, "default escape", "The backslash, as in the shell.", from));
                add(item("`", CompletionItemKind.Value, "escape for Windows paths",
                        "The backtick, so that `C:\\path` needs no escaping.", from));
            }
        }

        void keywords(String typed, boolean onbuild) {
            boolean lower = !typed.isEmpty() && typed.equals(typed.toLowerCase(Locale.ROOT));
            int lineEnd = offset;
            while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
                lineEnd++;
            }
            int wordEnd = offset;
            while (wordEnd < lineEnd && !Character.isWhitespace(text.charAt(wordEnd))) {
                wordEnd++;
            }
            if (text.substring(wordEnd, lineEnd).isBlank()) {
                wordEnd = lineEnd;
            }
            boolean beforeFirstFrom = model.stages().isEmpty()
                    || model.stages().get(0).from().range().start().offset() >= offset;
            for (InstructionDoc doc : DockerfileCatalog.instructions()) {
                String keyword = lower ? doc.keyword().toLowerCase(Locale.ROOT) : doc.keyword();
                if (onbuild && (doc.keyword().equals("ONBUILD") || doc.keyword().equals("FROM")
                        || doc.keyword().equals("MAINTAINER"))) {
                    continue;
                }
                CompletionItem item = item(keyword, CompletionItemKind.Keyword, doc.signature(),
                        HoverProvider.instructionMarkdown(doc), tokenStart);
                if (wordEnd == lineEnd) {
                    item.getTextEdit().getLeft().setNewText(keyword + " " + doc.snippet());
                    item.setInsertTextFormat(InsertTextFormat.Snippet);
                } else {
                    // arguments follow: replace the keyword being edited, keep the rest of the line
                    item.getTextEdit().getLeft().getRange().setEnd(
                            LspRanges.position(snapshot.lines().position(wordEnd)));
                }
                boolean preferred = beforeFirstFrom ? doc.keyword().equals("FROM") || doc.keyword().equals("ARG")
                        : !doc.keyword().equals("MAINTAINER");
                item.setSortText((preferred ? "0" : "1") + keyword);
                add(item);
            }
        }

        // ---- instruction arguments ----

        void arguments(Instruction instruction) {
            List<String> before = wordsBefore(instruction);
            boolean inFlags = before.stream().allMatch(w -> w.startsWith("--"));
            if (before.isEmpty() && tokenStart <= instruction.node().keyword().range().end().offset()) {
                keywords(token, false);
                return;
            }
            if (instruction instanceof Instruction.Onbuild && before.isEmpty()) {
                keywords(token, true);
                return;
            }
            String keyword = instruction.name();
            if (inFlags && token.startsWith("-")) {
                flagValueOrName(keyword, instruction);
                return;
            }
            List<String> args = before.stream().filter(w -> !w.startsWith("--")).toList();
            switch (keyword) {
                case "from" -> {
                    if (args.isEmpty()) {
                        images(true);
                    } else if (args.size() == 1) {
                        add(item("AS", CompletionItemKind.Keyword, "name this stage",
                                "`AS name` names the stage for `COPY --from=name`, `FROM name` and `--target`.",
                                tokenStart));
                    }
                }
                case "copy", "add" -> {
                    if (before.stream().noneMatch(w -> w.startsWith("--from="))) {
                        paths();
                    }
                }
                case "healthcheck" -> {
                    if (args.isEmpty()) {
                        add(item("CMD", CompletionItemKind.Keyword, "command to check the container",
                                "`CMD command`: exit status 0 means healthy, 1 unhealthy.", tokenStart));
                        add(item("NONE", CompletionItemKind.Keyword, "disable the inherited check",
                                "`NONE` disables any health check inherited from the base image.", tokenStart));
                    }
                }
                default -> {
                }
            }
        }

        void flagValueOrName(String keyword, Instruction instruction) {
            Optional<InstructionDoc> doc = DockerfileCatalog.instruction(keyword);
            if (doc.isEmpty()) {
                return;
            }
            int eq = token.indexOf('=');
            if (eq < 0) {
                Set<String> used = new HashSet<>();
                instruction.flags().forEach(f -> used.add(f.name()));
                for (FlagDoc f : doc.get().flags()) {
                    boolean repeatable = f.name().equals("mount") || f.name().equals("exclude");
                    if (used.contains(f.name()) && !repeatable
                            && !(token.length() > 2 && f.name().startsWith(token.substring(2)))) {
                        continue;
                    }
                    CompletionItem item = item("--" + f.name(), CompletionItemKind.Property, f.usage(),
                            f.summary() + "\n\n[Dockerfile reference](" + f.url() + ")", tokenStart);
                    if (!f.valueHint().isEmpty()) {
                        item.getTextEdit().getLeft().setNewText("--" + f.name() + "=");
                        item.setCommand(new org.eclipse.lsp4j.Command("", "editor.action.triggerSuggest"));
                    }
                    add(item);
                }
                return;
            }
            String name = token.substring(2, eq);
            int valueStart = tokenStart + eq + 1;
            String value = token.substring(eq + 1);
            switch (name) {
                case "mount" -> mount(value, valueStart);
                case "network" -> values(valueStart, "network mode", "default", "none", "host");
                case "security" -> values(valueStart, "security mode", "sandbox", "insecure");
                case "platform" -> values(valueStart, "platform", "$BUILDPLATFORM", "$TARGETPLATFORM", "linux/amd64",
                        "linux/arm64", "linux/arm/v7");
                case "from" -> {
                    stages(valueStart, false);
                    images(false);
                }
                case "link", "parents", "keep-git-dir", "unpack" -> values(valueStart, "boolean", "true", "false");
                default -> {
                }
            }
        }

        void mount(String value, int valueStart) {
            int comma = value.lastIndexOf(',');
            String segment = value.substring(comma + 1);
            int segmentStart = valueStart + comma + 1;
            String type = "bind";
            Set<String> usedKeys = new HashSet<>();
            for (String part : value.substring(0, Math.max(0, comma)).split(",")) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part : part.substring(0, eq);
                usedKeys.add(DockerfileCatalog.mountOption(key).map(MountOption::key).orElse(key));
                if (key.equals("type") && eq >= 0) {
                    type = part.substring(eq + 1);
                }
            }
            int eq = segment.indexOf('=');
            if (eq >= 0) {
                String key = segment.substring(0, eq);
                int from = segmentStart + eq + 1;
                switch (key) {
                    case "type" -> {
                        for (String t : DockerfileCatalog.MOUNT_TYPES) {
                            add(item(t, CompletionItemKind.EnumMember, "mount type", DockerfileCatalog.mountTypeDoc(t),
                                    from));
                        }
                    }
                    case "sharing" -> values(from, "cache sharing", "shared", "private", "locked");
                    case "from" -> {
                        stages(from, true);
                        images(false);
                    }
                    case "readonly", "ro", "required", "rw" -> values(from, "boolean", "true", "false");
                    default -> {
                    }
                }
                return;
            }
            for (MountOption o : DockerfileCatalog.mountOptions()) {
                if (o.types().contains(type) && !usedKeys.contains(o.key())) {
                    CompletionItem item = item(o.key(), CompletionItemKind.Property,
                            o.valueHint().isEmpty() ? o.key() : o.key() + "=" + o.valueHint(), o.summary(),
                            segmentStart);
                    if (!o.valueHint().isEmpty()) {
                        item.getTextEdit().getLeft().setNewText(o.key() + "=");
                    }
                    add(item);
                }
            }
        }

        void values(int from, String detail, String... values) {
            for (String v : values) {
                add(item(v, CompletionItemKind.EnumMember, detail, VALUE_DOCS.getOrDefault(v, detail), from));
            }
        }

        /** Stages declared before the current one (a stage cannot use itself). */
        void stages(int from, boolean any) {
            int current = model.stageAt(offset).map(StageSymbol::index).orElse(Integer.MAX_VALUE);
            for (StageSymbol s : model.stages()) {
                if (s.index() >= current) {
                    break;
                }
                String fromLine = text.substring(s.from().range().start().offset(), s.from().range().end().offset());
                String label = s.nameWord() != null ? s.nameWord().value() : String.valueOf(s.index());
                CompletionItem item = item(label, CompletionItemKind.Module, "stage " + s.index(),
                        "```dockerfile\n" + fromLine + "\n```", from);
                item.setSortText("0" + label);
                add(item);
            }
        }

        void images(boolean withStages) {
            int from = tokenStart;
            String typed = token;
            int eq = token.indexOf('=');
            if (token.startsWith("--") && eq >= 0) {
                from = tokenStart + eq + 1;
                typed = token.substring(eq + 1);
                int comma = typed.lastIndexOf(',');
                if (comma >= 0) {
                    int eq2 = typed.indexOf('=', comma);
                    from = tokenStart + eq + 1 + eq2 + 1;
                    typed = typed.substring(eq2 + 1);
                }
            }
            if (withStages) {
                stages(from, false);
            }
            Path root = options.imageStore();
            if (root == null || !Files.isRegularFile(root.resolve("index.json"))) {
                return; // never create a store just to complete
            }
            List<StoredImage> images;
            try {
                images = ImageStore.open(root).list();
            } catch (StoreException | RuntimeException e) {
                return;
            }
            int colon = typed.lastIndexOf(':');
            boolean tags = colon > typed.lastIndexOf('/');
            Set<String> seen = new HashSet<>();
            for (StoredImage image : images) {
                String name = image.name();
                int c = name.lastIndexOf(':');
                String repo = c > name.lastIndexOf('/') ? name.substring(0, c) : name;
                String doc = "Local dfsim image `" + name + "`, " + image.size() + " bytes, id `" + image.id() + "`";
                if (tags) {
                    if (repo.equals(typed.substring(0, colon)) && c > 0) {
                        add(item(name.substring(c + 1), CompletionItemKind.Constant, "tag of " + repo, doc,
                                from + colon + 1));
                    }
                } else if (seen.add(repo)) {
                    add(item(repo, CompletionItemKind.Class, "local image", doc, from));
                }
            }
        }

        void paths() {
            Path context = options.contextDir();
            if (context == null) {
                context = documentFolder();
            }
            if (context == null || token.startsWith("<<") || token.contains("$") || token.contains("://")) {
                return;
            }
            String typed = token.startsWith("[\"") ? token.substring(2) : token.startsWith("\"") ? token.substring(1)
                    : token;
            int slash = typed.lastIndexOf('/');
            String dirPart = slash < 0 ? "" : typed.substring(0, slash + 1);
            Path dir = context.resolve(dirPart.startsWith("/") ? dirPart.substring(1) : dirPart).normalize();
            if (!dir.startsWith(context.normalize()) || !Files.isDirectory(dir)) {
                return;
            }
            DockerIgnore ignore = DockerIgnore.empty();
            try {
                ignore = DockerIgnore.load(context, null).orElse(DockerIgnore.empty());
            } catch (IOException | DockerIgnore.BadPatternException | RuntimeException e) {
                // a broken .dockerignore: offer every path
            }
            int from = offset - (typed.length() - dirPart.length());
            int count = 0;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    String relative = context.normalize().relativize(entry.normalize()).toString().replace('\\', '/');
                    if (ignore.excludes(relative) || count++ >= MAX_PATH_ITEMS) {
                        continue;
                    }
                    boolean directory = Files.isDirectory(entry);
                    CompletionItem item = item(directory ? name + "/" : name,
                            directory ? CompletionItemKind.Folder : CompletionItemKind.File,
                            directory ? "directory of the build context" : "file of the build context",
                            "`" + relative + "`", from);
                    add(item);
                }
            } catch (IOException e) {
                // unreadable directory: no items
            }
        }

        @Nullable Path documentFolder() {
            try {
                URI uri = URI.create(snapshot.uri());
                if (!"file".equals(uri.getScheme())) {
                    return null;
                }
                Path parent = Path.of(uri).getParent();
                return parent;
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                return null;
            }
        }

        /** The words of the instruction before the one being typed (continuations joined). */
        List<String> wordsBefore(Instruction instruction) {
            int from = instruction.node().keyword().range().end().offset();
            if (from >= tokenStart) {
                return List.of();
            }
            String between = text.substring(from, tokenStart);
            char escape = snapshot.ast().escape();
            between = between.replace(escape + "\r\n", " ").replace(escape + "\n", " ");
            List<String> words = new ArrayList<>();
            for (String w : between.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
            return words;
        }

        CompletionItem item(String label, CompletionItemKind kind, String detail, String documentation, int from) {
            CompletionItem item = new CompletionItem(label);
            item.setKind(kind);
            item.setDetail(detail);
            if (!documentation.isEmpty()) {
                item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, documentation));
            }
            Range range = new Range(LspRanges.position(snapshot.lines().position(from)),
                    LspRanges.position(snapshot.lines().position(offset)));
            item.setTextEdit(Either.forLeft(new TextEdit(range, label)));
            return item;
        }

        void add(CompletionItem item) {
            items.add(item);
        }
    }

    /** Name chars of a variable being typed. */
    private static final class VariableNameChar {
        static boolean is(char c) {
            return dev.dftools.lsp.model.VariableScanner.isNameChar(c);
        }
    }
}
