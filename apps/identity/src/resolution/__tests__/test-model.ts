import { syntheticBootstrapModel } from '@mosaic/evaluation';
import type { ResolutionModel } from '@mosaic/resolution';

const trained = new Map<string, ResolutionModel>();

/**
 * A resolution model small enough to train in a test (a few seconds): the
 * biometric calibration from one synthetic population, term frequencies and
 * EM from another, both apart from the population a test resolves.
 */
export function trainTestModel(options: { seed: number; persons: number }): ResolutionModel {
  const id = `${options.seed}:${options.persons}`;
  const cached = trained.get(id);
  if (cached) return cached;
  const model = syntheticBootstrapModel({ ...options, impostorPairs: 50_000 });
  trained.set(id, model);
  return model;
}
