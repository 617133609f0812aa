package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Directive;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The flags BuildKit's instruction layer declares for each instruction (its {@code BFlags}), as
 * listed in shared/reference/buildkit-parser.md §6. An instruction whose flags BuildKit never
 * parses (STOPSIGNAL, ARG, {@code HEALTHCHECK NONE}) has no declaration: anything goes there.
 */
final class BuildKitFlags {

    enum Type { BOOL, STRING, LIST }

    private BuildKitFlags() {
    }

    /** The declared flags, by name; empty when BuildKit does not parse this instruction's flags. */
    static Optional<Map<String, Type>> declared(Instruction instruction, Dockerfile file) {
        Map<String, Type> flags = new LinkedHashMap<>();
        if (instruction instanceof Instruction.From) {
            flags.put("platform", Type.STRING);
        } else if (instruction instanceof Instruction.Run) {
            flags.put("mount", Type.LIST);
            flags.put("network", Type.STRING);
            flags.put("security", Type.STRING);
            if (isLabs(file)) {
                flags.put("device", Type.LIST);
            }
        } else if (instruction instanceof Instruction.Copy) {
            flags.put("from", Type.STRING);
            flags.put("chown", Type.STRING);
            flags.put("chmod", Type.STRING);
            flags.put("link", Type.BOOL);
            flags.put("parents", Type.BOOL);
            flags.put("exclude", Type.LIST);
        } else if (instruction instanceof Instruction.Add) {
            flags.put("chown", Type.STRING);
            flags.put("chmod", Type.STRING);
            flags.put("checksum", Type.STRING);
            flags.put("link", Type.BOOL);
            flags.put("keep-git-dir", Type.BOOL);
            flags.put("unpack", Type.BOOL);
            flags.put("exclude", Type.LIST);
        } else if (instruction instanceof Instruction.Healthcheck h) {
            if (h.type() == null || h.type().value().equalsIgnoreCase("none")) {
                return Optional.empty(); // BuildKit never looks at the flags of HEALTHCHECK NONE
            }
            for (String name : List.of("interval", "timeout", "start-period", "start-interval", "retries")) {
                flags.put(name, Type.STRING);
            }
        } else if (instruction instanceof Instruction.StopSignal || instruction instanceof Instruction.Arg
                || instruction instanceof Instruction.Unknown || instruction instanceof Instruction.Invalid) {
            return Optional.empty(); // flags never parsed, or the line is already a syntax error
        }
        // ENV, LABEL, CMD, ENTRYPOINT, SHELL, EXPOSE, VOLUME, USER, WORKDIR, MAINTAINER, ONBUILD: no flags
        return Optional.of(flags);
    }

    /** {@code # syntax=docker/dockerfile:1-labs} and the like enable the labs-only flags. */
    private static boolean isLabs(Dockerfile file) {
        for (Directive d : file.directives()) {
            if (d.name().equals("syntax") && d.value().toLowerCase(Locale.ROOT).contains("labs")) {
                return true;
            }
        }
        return false;
    }
}
