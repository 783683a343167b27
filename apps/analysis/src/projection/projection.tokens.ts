import type { ReadModelListener } from '@mosaic/analysis-data';

export type { ReadModelListener } from '@mosaic/analysis-data';

/**
 * Optional `ReadModelListener[]`: told, after each batch commits, which
 * persons it changed (infra mode: the search module re-indexes them). Provide
 * it from a global module, or from a module passed to
 * `ProjectionModule.register(config, { imports })`; without it the projection
 * only writes the read model.
 */
export const READ_MODEL_LISTENERS = Symbol('READ_MODEL_LISTENERS');

/** The analysis service's typed config (SERVICE_CONFIG holds the same object, untyped). */
export const PROJECTION_CONFIG = Symbol('PROJECTION_CONFIG');

export type ReadModelListeners = readonly ReadModelListener[];
