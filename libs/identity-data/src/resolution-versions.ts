import type { EntityManager } from 'typeorm';
import { ResolutionModelRepository } from './resolution-model.repository';
import { ThresholdSetRepository } from './threshold-set.repository';

/** Stated when nothing is active yet (no record was ever resolved, so no person exists either). */
export const NO_VERSION = 'none';

/**
 * The model and threshold versions in force: `identity.person.v1` events
 * made outside a resolution batch (disputes, retention) state them too.
 */
export async function activeVersions(
  manager: EntityManager,
): Promise<{ modelVersion: string; thresholdVersion: string }> {
  const [modelVersion, thresholdVersion] = await Promise.all([
    new ResolutionModelRepository().activeVersion(manager),
    new ThresholdSetRepository().activeVersion(manager),
  ]);
  return {
    modelVersion: modelVersion ?? NO_VERSION,
    thresholdVersion: thresholdVersion ?? NO_VERSION,
  };
}
