package dev.dftools.sim.build;

import java.nio.file.Path;

import dev.dftools.sim.image.Descriptor;
import dev.dftools.sim.layer.LayerDescriptor;
import dev.dftools.sim.plan.Step;

import org.eclipse.jdt.annotation.Nullable;

/**
 * One layer of a stage's filesystem: its directory (an overlay upper dir or an extracted base
 * layer), and for layers this build made, the step, what was written, the store descriptor and
 * whether it came from the layer cache.
 */
record BuiltLayer(Path dir, @Nullable Step step, @Nullable LayerDescriptor layer, @Nullable Descriptor descriptor,
        boolean cached) {
}
