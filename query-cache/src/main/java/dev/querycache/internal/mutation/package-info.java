/**
 * Mutations in the engine: the mutation half ({@code MutationEngine}), the engine's side of a built mutation ({@code MutationCore}, with
 * its immutable {@code MutationConfig}), one run's cycle ({@code MutationRun}, whose every
 * state change is a {@code MutationAction}), its optimistic patches ({@code MutationPatch}),
 * the registry of runs ({@code MutationCache}), the admission chain between a run's mutate
 * step and its function ({@code AdmissionChain}, {@code AdmissionStage}; the scope queue,
 * {@code ScopeStage}, first), and undo ({@code MutationUndo}, {@code PatchInverse}). Not
 * exported. Uses the runtime, the layer stack and the query half.
 */
@NullMarked
package dev.querycache.internal.mutation;

import org.jspecify.annotations.NullMarked;
