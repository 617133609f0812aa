package dev.dftools.sim.plan;

import java.util.List;
import java.util.Map;

import dev.dftools.grammar.ast.Instruction;

import org.eclipse.jdt.annotation.Nullable;

/**
 * One instruction of a stage with its BuildKit meaning worked out.
 *
 * @param index     0-based position among all planned steps (build order)
 * @param stage     index of the stage in the Dockerfile
 * @param line      1-based line of the instruction
 * @param column    1-based column of the keyword
 * @param keyword   upper-case keyword
 * @param text      the instruction with variables expanded as BuildKit does (part of the cache key)
 * @param createdBy the history {@code created_by} BuildKit would write
 * @param effect    layer, metadata-only or nothing
 * @param workdir   the working directory after this step
 * @param user      the user after this step ("" = the image's default)
 * @param shell     the SHELL in force
 * @param env       ENV in force after this step (what the image config gets)
 * @param args      build args visible in this step
 * @param copy      for COPY/ADD, the expanded sources and destination
 * @param mounts    for RUN, the expanded mounts
 * @param values    what a metadata instruction sets, expanded: LABEL key, value, key, value...; VOLUME
 *                  paths; EXPOSE port specs ({@code 80/tcp})
 */
public record Step(int index, int stage, int line, int column, String keyword, String text, String createdBy,
        StepEffect effect, String workdir, String user, List<String> shell, Map<String, String> env,
        Map<String, String> args, @Nullable CopySpec copy, List<Mount> mounts, Instruction instruction,
        List<String> values) {

    public Step {
        shell = List.copyOf(shell);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        mounts = List.copyOf(mounts);
        values = values == null ? List.of() : List.copyOf(values);
    }

    public Step(int index, int stage, int line, int column, String keyword, String text, String createdBy,
            StepEffect effect, String workdir, String user, List<String> shell, Map<String, String> env,
            Map<String, String> args, @Nullable CopySpec copy, List<Mount> mounts, Instruction instruction) {
        this(index, stage, line, column, keyword, text, createdBy, effect, workdir, user, shell, env, args, copy,
                mounts, instruction, List.of());
    }

    public boolean createsLayer() {
        return effect == StepEffect.LAYER;
    }
}
