/**
 * Pulling from and pushing to registries over the OCI distribution API: image references with
 * Docker's normalisation, the HTTP client (token and Basic auth, credentials from the docker and
 * podman auth files, digest checks while streaming), and pull/push between a registry and the
 * local {@link dev.dftools.sim.store.ImageStore}.
 */
@NonNullByDefault
package dev.dftools.sim.registry;

import org.eclipse.jdt.annotation.NonNullByDefault;
