package dev.dftools.lsp.features.signature;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.model.DockerfileCatalog;
import dev.dftools.lsp.model.DockerfileCatalog.InstructionDoc;
import dev.dftools.lsp.model.Instructions;
import dev.dftools.lsp.text.LspRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.ParameterInformation;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureInformation;

/**
 * Signature help for instruction arguments, e.g. {@code COPY [--from=<stage|image>] … <src>... <dest>},
 * with the parameter under the cursor active: the flag being typed, else the n-th argument.
 */
public final class SignatureHelpProvider {

    public @Nullable SignatureHelp signatureHelp(DocumentSnapshot snapshot, Position position) {
        int offset = LspRanges.offset(snapshot.lines(), position);
        Optional<Instruction> found = Instructions.at(snapshot.ast(), offset);
        if (found.isEmpty()) {
            return null;
        }
        Instruction instruction = found.get();
        int keywordEnd = instruction.node().keyword().range().end().offset();
        if (offset < keywordEnd) {
            return null;
        }
        Optional<InstructionDoc> doc = DockerfileCatalog.instruction(instruction.name());
        if (doc.isEmpty()) {
            return null;
        }
        String text = snapshot.text();
        int tokenStart = offset;
        while (tokenStart > keywordEnd && !Character.isWhitespace(text.charAt(tokenStart - 1))) {
            tokenStart--;
        }
        String token = text.substring(tokenStart, offset);
        List<String> before = words(text.substring(keywordEnd, tokenStart), snapshot.ast().escape());
        boolean moreAfter = !words(text.substring(offset, instruction.range().end().offset()),
                snapshot.ast().escape()).isEmpty() && instruction.heredocs().isEmpty();
        InstructionDoc d = doc.get();
        int active = activeParameter(d, before, token, moreAfter);
        List<ParameterInformation> params = new ArrayList<>();
        for (String p : d.parameters()) {
            String flagName = p.startsWith("--") ? p.substring(2, p.indexOf('=') < 0 ? p.length() : p.indexOf('='))
                    : null;
            String documentation = flagName == null ? "" : d.flag(flagName).map(f -> f.summary()).orElse("");
            ParameterInformation info = new ParameterInformation(p);
            if (!documentation.isEmpty()) {
                info.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, documentation));
            }
            params.add(info);
        }
        SignatureInformation signature = new SignatureInformation(d.signature(),
                new MarkupContent(MarkupKind.MARKDOWN, d.summary() + "\n\n[Dockerfile reference](" + d.url() + ")"),
                params);
        signature.setActiveParameter(active);
        SignatureHelp help = new SignatureHelp(List.of(signature), 0, active);
        return help;
    }

    static int activeParameter(InstructionDoc d, List<String> before, String token, boolean moreAfter) {
        List<String> params = d.parameters();
        boolean inFlags = before.stream().allMatch(w -> w.startsWith("--"));
        if (inFlags && token.startsWith("--")) {
            int eq = token.indexOf('=');
            String name = token.substring(2, eq < 0 ? token.length() : eq);
            for (int i = 0; i < params.size(); i++) {
                if (!name.isEmpty() && params.get(i).startsWith("--" + name)) {
                    return i;
                }
            }
            return 0;
        }
        int firstArg = 0;
        while (firstArg < params.size() && params.get(firstArg).startsWith("--")) {
            firstArg++;
        }
        int argCount = params.size() - firstArg;
        if (argCount == 0) {
            return 0;
        }
        int argIndex = (int) before.stream().filter(w -> !w.startsWith("--")).count();
        String keyword = d.keyword();
        if (keyword.equals("COPY") || keyword.equals("ADD")) {
            // <src>... <dest>: the last word is the destination
            return firstArg + (argIndex >= 1 && !moreAfter ? 1 : 0);
        }
        if (keyword.equals("FROM") && argIndex >= 1) {
            return firstArg + 1;
        }
        return firstArg + Math.min(argIndex, argCount - 1);
    }

    private static List<String> words(String s, char escape) {
        String joined = s.replace(escape + "\r\n", " ").replace(escape + "\n", " ");
        List<String> words = new ArrayList<>();
        for (String w : joined.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }
}
