package dev.dftools.lsp.features.links;

import dev.dftools.grammar.ast.Directive;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.model.ImageReference;
import dev.dftools.lsp.model.SymbolModel;
import dev.dftools.lsp.text.LspRanges;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentLink;

/**
 * Links image references to their registry page: FROM images (not stage names),
 * {@code COPY --from=image} and the {@code # syntax=} frontend image. Docker Hub official images
 * go to {@code hub.docker.com/_/NAME}, others to {@code hub.docker.com/r/ORG/NAME}; ghcr.io, quay.io,
 * mcr.microsoft.com, gcr.io, registry.k8s.io, public.ecr.aws and registry.gitlab.com have their
 * own patterns; other registries get no link.
 */
public final class DocumentLinkProvider {

    public List<DocumentLink> documentLinks(DocumentSnapshot snapshot) {
        SymbolModel model = SymbolModel.of(snapshot);
        List<DocumentLink> links = new ArrayList<>();
        java.util.Set<Integer> stageReferenceStarts = new java.util.HashSet<>();
        model.stageReferences().forEach(r -> stageReferenceStarts.add(r.range().start().offset()));
        java.util.Set<String> stageNames = new java.util.HashSet<>();
        model.stages().forEach(s -> {
            if (s.name() != null) {
                stageNames.add(s.name());
            }
        });
        for (Directive d : snapshot.ast().directives()) {
            if (d.name().equals("syntax")) {
                add(links, d.value(), d.valueRange());
            }
        }
        for (Instruction i : snapshot.ast().instructions()) {
            if (i instanceof Instruction.From from && from.image() != null) {
                if (!stageReferenceStarts.contains(from.image().range().start().offset())) {
                    add(links, from.image().value(), from.image().range());
                }
            } else if (i instanceof Instruction.Copy || i instanceof Instruction.Add) {
                for (Flag f : i.flags()) {
                    if (f.name().equals("from") && f.value() != null && f.valueRange() != null
                            && !f.value().chars().allMatch(Character::isDigit)
                            && !stageNames.contains(f.value().toLowerCase(java.util.Locale.ROOT))) {
                        add(links, f.value(), f.valueRange());
                    }
                }
            }
        }
        return links;
    }

    private static void add(List<DocumentLink> links, String image, SourceRange range) {
        ImageReference.parse(image).flatMap(ImageReference::webPage).ifPresent(url -> {
            DocumentLink link = new DocumentLink(LspRanges.range(range), url);
            link.setTooltip("Open " + url);
            links.add(link);
        });
    }
}
