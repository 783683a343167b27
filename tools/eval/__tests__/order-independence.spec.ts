import { clusteringAgreement } from '@mosaic/evaluation';
import { emptyTruth, syntheticRecords, trainWithSyntheticCalibration } from '@mosaic/evaluation';
import {
  computeThresholds,
  DEFAULT_THRESHOLD_POLICY,
  ExactCandidateIndex,
  InMemoryRecordStore,
  type ResolutionRecord,
} from '@mosaic/resolution';
import { resolveSynthOptions, Rng } from '@mosaic/synth';
import { runResolution } from '../resolution-run';

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rng = new Rng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('resolution does not depend on arrival order', () => {
  const truth = emptyTruth();
  const records: ResolutionRecord[] = [];
  for (const block of syntheticRecords(resolveSynthOptions({ persons: 400, seed: 41 }), truth)) {
    records.push(...block.records);
  }
  const model = trainWithSyntheticCalibration(records, {
    seed: 41,
    calibration: { persons: 1_000, seed: 42, impostorPairs: 50_000 },
  });
  const thresholds = computeThresholds(model, {
    ...DEFAULT_THRESHOLD_POLICY,
    gallerySize: records.length,
  });
  const resolve = (order: ResolutionRecord[], batchSize: number) =>
    runResolution([order], (key) => truth.personOf.get(key), {
      model,
      thresholds,
      index: new ExactCandidateIndex(),
      store: new InMemoryRecordStore(),
      batchSize,
    });

  it('gives the same persons for the generated order and two shuffles (B-cubed agreement ≥ 0.999)', async () => {
    const reference = await resolve(records, 200);
    expect(reference.records).toBe(records.length);
    for (const seed of [1, 2]) {
      const other = await resolve(shuffled(records, seed), 150);
      expect(
        clusteringAgreement(reference.autoClustering, other.autoClustering),
      ).toBeGreaterThanOrEqual(0.999);
      expect(
        clusteringAgreement(reference.finalClustering, other.finalClustering),
      ).toBeGreaterThanOrEqual(0.999);
    }
  }, 120_000);
});
