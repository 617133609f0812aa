/**
 * dfsim, the build simulator: executes each layer for real and reports its cost.
 * Not built yet; see the "dfsim" issue. The module exists so the reactor has its final shape.
 */
package dev.dftools.sim;
