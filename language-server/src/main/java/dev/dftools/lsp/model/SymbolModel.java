package dev.dftools.lsp.model;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.SourceText;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lsp.document.DocumentSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The symbols of one document: stages, ARG/ENV declarations and every stage and variable
 * reference, resolved with BuildKit's scoping. Built once per snapshot in linear time
 * (plus a sort of the occurrences) and cached; immutable.
 *
 * <p>Scoping: global ARGs (before the first FROM) are visible in FROM lines only, unless a stage
 * re-declares them with {@code ARG NAME}; a stage's ARG/ENV is visible from its declaration on;
 * ENV is inherited by a stage built FROM an earlier stage; platform args are predefined in FROM
 * lines and proxy args in RUN. RUN sees ARG and ENV; the shell forms of CMD, ENTRYPOINT and
 * HEALTHCHECK run in the container, where only ENV exists; exec forms expand nothing.
 */
public final class SymbolModel {

    private static final int CACHE_SIZE = 8;
    private static final DocumentSnapshot[] CACHE_KEYS = new DocumentSnapshot[CACHE_SIZE];
    private static final SymbolModel[] CACHE_VALUES = new SymbolModel[CACHE_SIZE];
    private static int cacheNext;

    private final Dockerfile ast;
    private final List<StageSymbol> stages;
    private final List<VariableDeclaration> declarations;
    private final List<VariableReference> variableReferences;
    private final List<StageReference> stageReferences;
    private final List<Occurrence> occurrences;
    private final int[] occurrenceStarts;
    private final Map<String, VariableSymbol> globalSymbols;
    private final List<Map<String, VariableDeclaration>> stageEndScopes;
    private final Map<String, VariableDeclaration> globalScope;

    private SymbolModel(Builder b) {
        this.ast = b.ast;
        this.stages = List.copyOf(b.stages);
        this.declarations = List.copyOf(b.declarations);
        b.references.sort(Comparator.comparingInt(r -> r.range().start().offset()));
        this.variableReferences = List.copyOf(b.references);
        this.stageReferences = List.copyOf(b.stageRefs);
        List<Occurrence> occ = new ArrayList<>(b.occurrences);
        occ.sort(Comparator.comparingInt(o -> o.range().start().offset()));
        this.occurrences = List.copyOf(occ);
        this.occurrenceStarts = new int[occ.size()];
        for (int i = 0; i < occ.size(); i++) {
            occurrenceStarts[i] = occ.get(i).range().start().offset();
        }
        this.globalSymbols = Map.copyOf(b.globalSymbols);
        this.stageEndScopes = List.copyOf(b.stageEndScopes);
        this.globalScope = Map.copyOf(b.globalScope);
    }

    /** The model of a snapshot, computed once (a small identity cache keeps the recent ones). */
    public static SymbolModel of(DocumentSnapshot snapshot) {
        synchronized (CACHE_KEYS) {
            for (int i = 0; i < CACHE_SIZE; i++) {
                if (CACHE_KEYS[i] == snapshot) {
                    return CACHE_VALUES[i];
                }
            }
        }
        SymbolModel model = build(snapshot.ast());
        synchronized (CACHE_KEYS) {
            CACHE_KEYS[cacheNext] = snapshot;
            CACHE_VALUES[cacheNext] = model;
            cacheNext = (cacheNext + 1) % CACHE_SIZE;
        }
        return model;
    }

    public static SymbolModel build(Dockerfile ast) {
        Builder b = new Builder(ast);
        b.run();
        return new SymbolModel(b);
    }

    public Dockerfile ast() {
        return ast;
    }

    public List<StageSymbol> stages() {
        return stages;
    }

    public List<VariableDeclaration> declarations() {
        return declarations;
    }

    public List<VariableReference> variableReferences() {
        return variableReferences;
    }

    public List<StageReference> stageReferences() {
        return stageReferences;
    }

    /** Every declaration and use, sorted by start offset. */
    public List<Occurrence> occurrences() {
        return occurrences;
    }

    public Optional<StageSymbol> stageNamed(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return stages.stream().filter(s -> lower.equals(s.name())).findFirst();
    }

    /** The stage an offset lies in (its FROM line included), or empty in the preamble. */
    public Optional<StageSymbol> stageAt(int offset) {
        int lo = 0;
        int hi = stages.size() - 1;
        StageSymbol found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (stages.get(mid).from().range().start().offset() <= offset) {
                found = stages.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The occurrence whose range contains the offset (or ends right at it, for a cursor after a name). */
    public Optional<Occurrence> occurrenceAt(int offset) {
        int idx = upperBound(offset) - 1;
        for (int i = idx; i >= 0 && i >= idx - 1; i--) {
            Occurrence o = occurrences.get(i);
            if (o.range().start().offset() <= offset && offset <= o.range().end().offset()) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    private int upperBound(int offset) {
        int lo = 0;
        int hi = occurrenceStarts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (occurrenceStarts[mid] <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** All occurrences of a symbol, in source order. */
    public List<Occurrence> occurrencesOf(Object symbol) {
        List<Occurrence> result = new ArrayList<>();
        for (Occurrence o : occurrences) {
            if (o.symbol().equals(symbol)) {
                result.add(o);
            }
        }
        return result;
    }

    /** The declarations of a variable symbol, in source order. */
    public List<VariableDeclaration> declarationsOf(VariableSymbol symbol) {
        return declarations.stream().filter(d -> d.symbol().equals(symbol)).toList();
    }

    public Optional<VariableDeclaration> declarationAt(int offset) {
        for (VariableDeclaration d : declarations) {
            SourceRange r = d.nameRange();
            if (r != null && r.start().offset() <= offset && offset <= r.end().offset()) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public Optional<VariableReference> referenceAt(int offset) {
        int lo = 0;
        int hi = variableReferences.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            VariableReference r = variableReferences.get(mid);
            if (r.range().end().offset() < offset) {
                lo = mid + 1;
            } else if (r.range().start().offset() > offset) {
                hi = mid - 1;
            } else {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The variables visible at an offset, name to the declaration in scope (for completion).
     * In a FROM line or the preamble: the global ARGs declared so far; in a stage: what the stage
     * inherited and declared before the offset.
     */
    public Map<String, VariableDeclaration> variablesInScope(int offset) {
        Optional<StageSymbol> stage = stageAt(offset);
        Map<String, VariableDeclaration> scope = new HashMap<>();
        if (stage.isEmpty() || stage.get().from().range().contains(offset)
                || stage.get().from().range().end().offset() == offset) {
            for (VariableDeclaration d : declarations) {
                if (d.kind() == VariableKind.GLOBAL_ARG && d.nameRange() != null
                        && d.nameRange().end().offset() <= offset) {
                    scope.put(d.name(), d);
                }
            }
            return scope;
        }
        StageSymbol s = stage.get();
        if (s.baseStage() >= 0) {
            stageEndScopes.get(s.baseStage()).forEach((name, d) -> {
                if (d.kind() == VariableKind.ENV) {
                    scope.put(name, d);
                }
            });
        }
        for (VariableDeclaration d : declarations) {
            if (d.stageIndex() == s.index() && d.nameRange() != null && d.nameRange().end().offset() <= offset) {
                VariableDeclaration old = scope.get(d.name());
                if (!(old != null && old.kind() == VariableKind.ENV && d.kind() == VariableKind.ARG
                        && old.stageIndex() == s.index())) {
                    scope.put(d.name(), d);
                }
            }
        }
        return scope;
    }

    /** The global ARG (group) of a name, if the preamble declares it. */
    public Optional<VariableSymbol> globalSymbol(String name) {
        return Optional.ofNullable(globalSymbols.get(name));
    }

    /** The global ARGs declared in the preamble, name to its last declaration. */
    public Map<String, VariableDeclaration> globalArgs() {
        return globalScope;
    }

    /** Builds the model in one pass over the instructions. */
    private static final class Builder {
        final Dockerfile ast;
        final List<StageSymbol> stages = new ArrayList<>();
        final List<VariableDeclaration> declarations = new ArrayList<>();
        final List<VariableReference> references = new ArrayList<>();
        final List<StageReference> stageRefs = new ArrayList<>();
        final List<Occurrence> occurrences = new ArrayList<>();
        final Map<String, VariableSymbol> globalSymbols = new HashMap<>();
        final Map<String, VariableDeclaration> globalScope = new HashMap<>();
        final Map<String, VariableDeclaration> predefined = new HashMap<>();
        final List<Map<String, VariableDeclaration>> stageEndScopes = new ArrayList<>();
        final Map<String, StageSymbol> stagesByName = new HashMap<>();
        int nextSymbolId;

        Builder(Dockerfile ast) {
            this.ast = ast;
        }

        void run() {
            for (Instruction instruction : ast.preamble()) {
                if (instruction instanceof Instruction.Arg arg) {
                    for (ArgDeclaration d : arg.declarations()) {
                        if (d.defaultValue() != null) {
                            scanWord(d.defaultValue(), -1, this::resolveGlobal);
                        }
                        String name = d.name().value();
                        VariableSymbol symbol = globalSymbols.computeIfAbsent(name,
                                n -> new VariableSymbol(n, VariableKind.GLOBAL_ARG, -1, nextSymbolId++));
                        declare(new VariableDeclaration(name, VariableKind.GLOBAL_ARG, d.name(), d.defaultValue(),
                                -1, instruction, symbol), globalScope);
                    }
                }
            }
            List<Stage> astStages = ast.stages();
            for (Stage stage : astStages) {
                stage(stage);
            }
        }

        private void stage(Stage stage) {
            Instruction.From from = stage.from();
            int index = stage.index();
            scanNode(from, index, -1, this::resolveGlobal);
            int base = -1;
            Word image = from.image();
            StageSymbol baseSymbol = image == null ? null : stagesByName.get(image.value().toLowerCase(Locale.ROOT));
            if (baseSymbol != null) {
                base = baseSymbol.index();
            }
            Word nameWord = from.stageName();
            String name = nameWord == null ? null : nameWord.value().toLowerCase(Locale.ROOT);
            StageSymbol symbol = new StageSymbol(index, name, nameWord, stage, base);
            stages.add(symbol);
            if (baseSymbol != null) {
                addStageRef(image.value(), image.range(), baseSymbol, StageReference.Kind.FROM);
            }
            if (nameWord != null) {
                occurrences.add(new Occurrence(nameWord.range(), symbol, true));
                stagesByName.putIfAbsent(name, symbol);
            }
            Map<String, VariableDeclaration> scope = new HashMap<>();
            if (base >= 0) {
                stageEndScopes.get(base).forEach((n, d) -> {
                    if (d.kind() == VariableKind.ENV) {
                        scope.put(n, d);
                    }
                });
            }
            for (Instruction instruction : stage.instructions()) {
                instruction(instruction, index, scope);
            }
            stageEndScopes.add(Map.copyOf(scope));
        }

        private void instruction(Instruction instruction, int stage, Map<String, VariableDeclaration> scope) {
            for (Flag flag : instruction.flags()) {
                stageRefsOfFlag(instruction, flag, stage);
            }
            Resolver inStage = name -> scope.get(name);
            if (instruction instanceof Instruction.Arg arg) {
                for (ArgDeclaration d : arg.declarations()) {
                    if (d.defaultValue() != null) {
                        scanWord(d.defaultValue(), stage, inStage);
                    }
                    String name = d.name().value();
                    VariableSymbol symbol = globalSymbols.get(name);
                    if (symbol == null) {
                        symbol = existingOrNew(scope, name, VariableKind.ARG, stage);
                    }
                    VariableDeclaration decl = new VariableDeclaration(name, VariableKind.ARG, d.name(),
                            d.defaultValue(), stage, instruction, symbol);
                    VariableDeclaration old = scope.get(name);
                    if (old != null && old.kind() == VariableKind.ENV) {
                        // ENV wins over an ARG of the same name; the ARG is still a declaration
                        declarations.add(decl);
                        occurrences.add(new Occurrence(d.name().range(), symbol, true));
                    } else {
                        declare(decl, scope);
                    }
                }
            } else if (instruction instanceof Instruction.Env env) {
                scanNode(instruction, stage, -1, inStage);
                for (KeyValue pair : env.pairs()) {
                    String name = pair.key().value();
                    VariableSymbol symbol = existingOrNew(scope, name, VariableKind.ENV, stage);
                    declare(new VariableDeclaration(name, VariableKind.ENV, pair.key(), pair.value(), stage,
                            instruction, symbol), scope);
                }
            } else if (instruction instanceof Instruction.Run) {
                if (!instruction.node().json()) {
                    scanNode(instruction, stage, '\\', name -> {
                        VariableDeclaration d = scope.get(name);
                        return d != null || !PredefinedArgs.PROXY.containsKey(name) ? d : predefined(name);
                    });
                    scanHeredocs(instruction, stage, inStage);
                } else {
                    scanFlagsOnly(instruction, stage, inStage);
                }
            } else if (instruction instanceof Instruction.Cmd || instruction instanceof Instruction.Entrypoint
                    || instruction instanceof Instruction.Healthcheck) {
                runtimeOnly(instruction, stage, scope);
            } else if (!(instruction instanceof Instruction.Shell || instruction instanceof Instruction.Onbuild
                    || instruction instanceof Instruction.Maintainer || instruction instanceof Instruction.From)) {
                scanNode(instruction, stage, -1, inStage);
                scanHeredocs(instruction, stage, inStage);
            }
        }

        private void runtimeOnly(Instruction instruction, int stage, Map<String, VariableDeclaration> scope) {
            if (instruction.node().json()) {
                scanFlagsOnly(instruction, stage, name -> scope.get(name));
                return;
            }
            scanNode(instruction, stage, '\\', name -> {
                VariableDeclaration d = scope.get(name);
                return d != null && d.kind() == VariableKind.ENV ? d : null;
            });
        }

        private VariableSymbol existingOrNew(Map<String, VariableDeclaration> scope, String name, VariableKind kind,
                int stage) {
            VariableDeclaration old = scope.get(name);
            if (old != null) {
                return old.symbol();
            }
            return new VariableSymbol(name, kind, stage, nextSymbolId++);
        }

        private void declare(VariableDeclaration decl, Map<String, VariableDeclaration> scope) {
            declarations.add(decl);
            scope.put(decl.name(), decl);
            if (decl.nameWord() != null) {
                occurrences.add(new Occurrence(decl.nameWord().range(), decl.symbol(), true));
            }
        }

        private @Nullable VariableDeclaration resolveGlobal(String name) {
            VariableDeclaration d = globalScope.get(name);
            if (d == null && PredefinedArgs.PLATFORM.containsKey(name)) {
                return predefined(name);
            }
            return d;
        }

        private VariableDeclaration predefined(String name) {
            return predefined.computeIfAbsent(name, n -> {
                VariableDeclaration d = new VariableDeclaration(n, VariableKind.PREDEFINED, null, null, -1, null,
                        new VariableSymbol(n, VariableKind.PREDEFINED, -1, nextSymbolId++));
                declarations.add(d);
                return d;
            });
        }

        /** Scans the logical line after the keyword. escape -1: the document's escape character. */
        private void scanNode(Instruction instruction, int stage, int escape, Resolver resolver) {
            SourceText text = instruction.node().text();
            int keywordEnd = instruction.node().keyword().range().end().offset();
            int start = 0;
            while (start < text.length() && text.sourceOffset(start) < keywordEnd) {
                start++;
            }
            scan(text, start, text.length(), escape < 0 ? ast.escape() : (char) escape, false, stage, resolver);
        }

        private void scanFlagsOnly(Instruction instruction, int stage, Resolver resolver) {
            for (Flag flag : instruction.flags()) {
                if (flag.range().length() == flag.text().length()) {
                    SourceText t = SourceText.contiguous(ast.text(), flag.range().start().offset(),
                            flag.range().end().offset(), ast.lines());
                    scan(t, 0, t.length(), ast.escape(), false, stage, resolver);
                }
            }
        }

        private void scanHeredocs(Instruction instruction, int stage, Resolver resolver) {
            for (Heredoc heredoc : instruction.heredocs()) {
                if (heredoc.expand()) {
                    SourceText body = heredoc.body();
                    scan(body, 0, body.length(), '\\', true, stage, resolver);
                }
            }
        }

        private void scanWord(Word word, int stage, Resolver resolver) {
            if (word.range().length() == word.value().length()) {
                SourceText t = SourceText.contiguous(ast.text(), word.range().start().offset(),
                        word.range().end().offset(), ast.lines());
                scan(t, 0, t.length(), ast.escape(), false, stage, resolver);
            }
        }

        private void scan(SourceText text, int from, int to, char escape, boolean heredoc, int stage,
                Resolver resolver) {
            VariableScanner.scan(text.text(), from, to, escape, heredoc, found -> {
                VariableDeclaration target = resolver.resolve(found.name());
                SourceRange nameRange = text.range(found.nameStart(), found.nameEnd());
                VariableReference ref = new VariableReference(found.name(), nameRange,
                        text.range(found.start(), found.end()), stage, target);
                references.add(ref);
                if (target != null) {
                    occurrences.add(new Occurrence(nameRange, target.symbol(), false));
                }
            });
        }

        private void stageRefsOfFlag(Instruction instruction, Flag flag, int stage) {
            String value = flag.value();
            SourceRange valueRange = flag.valueRange();
            if (value == null || valueRange == null || valueRange.length() != value.length()) {
                return;
            }
            int base = valueRange.start().offset();
            if (flag.name().equals("from") && (instruction instanceof Instruction.Copy
                    || instruction instanceof Instruction.Add)) {
                stageRefAt(value, 0, value.length(), base, stage, StageReference.Kind.COPY_FROM);
            } else if (flag.name().equals("mount")) {
                int i = 0;
                while (i <= value.length()) {
                    int comma = value.indexOf(',', i);
                    int end = comma < 0 ? value.length() : comma;
                    if (value.startsWith("from=", i)) {
                        stageRefAt(value, i + 5, end, base, stage, StageReference.Kind.MOUNT_FROM);
                    }
                    if (comma < 0) {
                        break;
                    }
                    i = comma + 1;
                }
            }
        }

        private void stageRefAt(String value, int from, int to, int base, int stage, StageReference.Kind kind) {
            String name = value.substring(from, to).toLowerCase(Locale.ROOT);
            StageSymbol target = stagesByName.get(name);
            if (target != null && target.index() != stage) {
                addStageRef(value.substring(from, to), ast.lines().range(base + from, base + to), target, kind);
            }
        }

        private void addStageRef(String name, SourceRange range, StageSymbol target, StageReference.Kind kind) {
            stageRefs.add(new StageReference(name, range, target, kind));
            occurrences.add(new Occurrence(range, target, false));
        }
    }

    @FunctionalInterface
    private interface Resolver {
        @Nullable VariableDeclaration resolve(String name);
    }
}
