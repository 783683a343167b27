import { clusteringAgreement } from '@mosaic/evaluation';
import { emptyTruth, syntheticRecords, trainWithSyntheticCalibration } from '@mosaic/evaluation';
import {
  computeThresholds,
  DEFAULT_THRESHOLD_POLICY,
  ExactCandidateIndex,
  InMemoryRecordStore,
  type ResolutionRecord,
  type ResolverOptions,
} from '@mosaic/resolution';
import { resolveSynthOptions } from '@mosaic/synth';
import { IN_PROCESS_RESOLVER_OPTIONS, runResolution } from '../resolution-run';

describe("the in-process engine's shortcuts give the persons the full search gives", () => {
  const truth = emptyTruth();
  const records: ResolutionRecord[] = [];
  for (const block of syntheticRecords(resolveSynthOptions({ persons: 400, seed: 43 }), truth)) {
    records.push(...block.records);
  }
  const model = trainWithSyntheticCalibration(records, {
    seed: 43,
    calibration: { persons: 1_000, seed: 44, impostorPairs: 50_000 },
  });
  const thresholds = computeThresholds(model, {
    ...DEFAULT_THRESHOLD_POLICY,
    gallerySize: records.length,
  });
  const resolve = (resolver: Partial<ResolverOptions>) =>
    runResolution([records], (key) => truth.personOf.get(key), {
      model,
      thresholds,
      index: new ExactCandidateIndex(),
      store: new InMemoryRecordStore(),
      batchSize: 100,
      resolver: { ...resolver, reportCandidatePairs: true },
    });

  it('two-key blocking, batch-mates through the index, consolidated faces', async () => {
    const full = await resolve({});
    for (const options of [
      { ...IN_PROCESS_RESOLVER_OPTIONS, consolidateFacesAt: undefined },
      IN_PROCESS_RESOLVER_OPTIONS,
      { ...IN_PROCESS_RESOLVER_OPTIONS, biometricSearch: 'UNLINKED' as const },
    ]) {
      const fast = await resolve(options);
      expect(fast.records).toBe(full.records);
      expect(
        clusteringAgreement(full.finalClustering, fast.finalClustering),
      ).toBeGreaterThanOrEqual(0.995);
      expect(clusteringAgreement(full.autoClustering, fast.autoClustering)).toBeGreaterThanOrEqual(
        0.995,
      );
      // No more pairs are compared in full (blocks are small at 400 persons), and the true pairs
      // are still proposed.
      expect(fast.candidates?.scored).toBeLessThanOrEqual(full.candidates?.scored as number);
      expect(fast.candidates?.blockingRecall).toBeGreaterThanOrEqual(0.97);
    }
  }, 120_000);
});
