import {
  blockRecords,
  calibrationScores,
  DEFAULT_QUALITY_FLOOR,
  emptyTruth,
} from '@mosaic/evaluation';
import {
  trainResolutionModel,
  type ResolutionModel,
  type ResolutionRecord,
} from '@mosaic/resolution';
import { generateBlocks, resolveSynthOptions } from '@mosaic/synth';

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
  const calibration = calibrationScores(
    resolveSynthOptions({ persons: options.persons, seed: options.seed + 1 }),
    50_000,
  );
  const truth = emptyTruth();
  const records: ResolutionRecord[] = [];
  for (const block of generateBlocks(
    resolveSynthOptions({ persons: options.persons, seed: options.seed }),
  )) {
    records.push(...blockRecords(block, truth));
  }
  const model = trainResolutionModel({
    records,
    face: calibration.face,
    finger: calibration.finger,
    qualityFloor: DEFAULT_QUALITY_FLOOR,
    seed: options.seed,
  });
  trained.set(id, model);
  return model;
}
