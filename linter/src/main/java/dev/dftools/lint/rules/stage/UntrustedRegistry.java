package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.expand.Expansion;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Images pulled from a registry outside the configured {@code trustedRegistries}: the base image
 * of a FROM, the image of {@code COPY --from=image} and of {@code RUN --mount=…,from=image} (cache
 * and bind mounts). Stage names and {@code scratch} pull nothing. An image without a registry
 * comes from Docker Hub, which {@code docker.io} or {@code hub.docker.com} allows. Patterns:
 * exact, {@code *}, {@code *.suffix}, {@code prefix*}. Variables in a FROM are expanded with the
 * global ARG defaults; an image that stays unknown is not reported. Does nothing until
 * registries are configured.
 */
@RuleInfo(code = "DF2005", slug = "untrusted-registry", severity = Severity.ERROR,
        summary = "An image comes from a registry that is not in the configured trusted registries.",
        aliases = {"DL3026"}, tags = {"from", "security"})
public final class UntrustedRegistry implements InstructionRule {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        List<String> trusted = analysis.config().trustedRegistries();
        if (trusted.isEmpty()) {
            return;
        }
        if (instruction instanceof Instruction.From from && from.image() != null) {
            boolean isStage = analysis.stageOf(from).flatMap(analysis::parentStage).isPresent();
            if (!isStage) {
                imageOf(from.image().value(), analysis)
                        .ifPresent(image -> check(image, from.image().range(), trusted, out));
            }
        } else if (instruction instanceof Instruction.Copy) {
            Optional<Flag> flag = StageRefs.copyFrom(instruction);
            if (flag.isPresent() && flag.get().value() != null && isImage(flag.get().value(), analysis)) {
                check(flag.get().value(), flag.get().valueRange() != null ? flag.get().valueRange()
                        : flag.get().range(), trusted, out);
            }
        } else if (instruction instanceof Instruction.Run run) {
            for (StageRefs.MountFrom mount : StageRefs.mountFroms(run, analysis.dockerfile())) {
                if ((mount.type().equals("bind") || mount.type().equals("cache"))
                        && isImage(mount.value(), analysis)) {
                    check(mount.value(), mount.valueRange(), trusted, out);
                }
            }
        }
    }

    /** The FROM image with global ARG defaults expanded; empty for scratch or an unknown value. */
    private static Optional<String> imageOf(String image, Analysis analysis) {
        String value = image;
        if (image.contains("$")) {
            FromArgs args = FromArgs.of(analysis.dockerfile());
            Optional<Expansion> expansion = args.expand(image);
            if (expansion.isEmpty() || !expansion.get().unmatched().isEmpty()) {
                return Optional.empty();
            }
            value = expansion.get().value();
        }
        if (value.isEmpty() || value.equalsIgnoreCase("scratch") || analysis.stageNamed(value).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A --from value that is an image: not a stage name or index, not a variable, not scratch. */
    private static boolean isImage(String ref, Analysis analysis) {
        return !ref.isEmpty() && !ref.contains("$") && !ref.equalsIgnoreCase("scratch")
                && !(StageRefs.isIndex(ref) || analysis.stageNamed(ref).isPresent());
    }

    private static void check(String image, SourceRange range, List<String> trusted, Findings out) {
        String registry = ImageReference.split(image).domain().toLowerCase(Locale.ROOT);
        for (String pattern : trusted) {
            if (matches(pattern.trim().toLowerCase(Locale.ROOT), registry)) {
                return;
            }
        }
        out.report(range, "Image '" + image + "' comes from registry '" + registry
                + "', which is not a trusted registry (" + String.join(", ", trusted) + ")");
    }

    private static boolean matches(String pattern, String registry) {
        if (registry.equals(ImageReference.DOCKER_HUB) && matchesPattern(pattern, "hub.docker.com")) {
            return true;
        }
        return matchesPattern(pattern, registry);
    }

    private static boolean matchesPattern(String pattern, String registry) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.startsWith("*")) {
            return registry.endsWith(pattern.substring(1));
        }
        if (pattern.endsWith("*")) {
            return registry.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return registry.equals(pattern);
    }
}
