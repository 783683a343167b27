// The in-process resolution engine against its exact-search baseline on the
// same records: same model, same thresholds, only the candidate index differs
// (usearch HNSW vs comparing every stored vector). Reports records/s, the
// ratio, and B-cubed F1 of the AUTO_LINK clustering for both, so the speed is
// never bought with missed candidates unnoticed.
import { InMemoryCandidateIndex } from '@mosaic/candidate-index';
import {
  bcubedMetrics,
  emptyTruth,
  syntheticRecords,
  trainWithSyntheticCalibration,
} from '@mosaic/evaluation';
import {
  computeThresholds,
  DEFAULT_THRESHOLD_POLICY,
  ExactCandidateIndex,
  InMemoryRecordStore,
  type CandidateIndex,
  type ResolutionRecord,
} from '@mosaic/resolution';
import { resolveSynthOptions } from '@mosaic/synth';
import { runResolution } from '../eval/resolution-run';

export interface ResolutionBenchRow {
  persons: number;
  records: number;
  index: string;
  seconds: number;
  recordsPerSecond: number;
  bcubedF1: number;
  /** Exact-search baseline records/s over this run's, on the same records; null without a baseline. */
  speedupOverBaseline: number | null;
}

export async function benchResolution(
  persons: number,
  withBaseline: boolean,
  log: (line: string) => void,
): Promise<ResolutionBenchRow[]> {
  const truth = emptyTruth();
  const records: ResolutionRecord[] = [];
  for (const block of syntheticRecords(resolveSynthOptions({ persons, seed: 5 }), truth)) {
    records.push(...block.records);
  }
  const model = trainWithSyntheticCalibration(records.slice(0, 30_000), {
    seed: 5,
    calibration: { persons: 3_000, seed: 6 },
  });
  const thresholds = computeThresholds(model, {
    ...DEFAULT_THRESHOLD_POLICY,
    gallerySize: records.length,
  });
  const run = async (name: string, index: CandidateIndex) => {
    log(`resolution: ${records.length} records (${persons} persons) with ${name}`);
    const out = await runResolution([records], (key) => truth.personOf.get(key), {
      model,
      thresholds,
      index,
      store: new InMemoryRecordStore(),
      batchSize: 500,
    });
    const truthMap = new Map(
      [...out.autoClustering.keys()].map((k) => [k, truth.personOf.get(k) as string]),
    );
    return {
      persons,
      records: out.records,
      index: name,
      seconds: Math.round(out.resolveSeconds * 10) / 10,
      recordsPerSecond: Math.round(out.records / out.resolveSeconds),
      bcubedF1: Math.round(bcubedMetrics(truthMap, out.autoClustering).f1 * 10_000) / 10_000,
      speedupOverBaseline: null as number | null,
    };
  };
  const mosaic = await run('usearch HNSW (InMemoryCandidateIndex)', new InMemoryCandidateIndex());
  if (!withBaseline) return [mosaic];
  const baseline = await run('exact search (ExactCandidateIndex)', new ExactCandidateIndex());
  mosaic.speedupOverBaseline =
    Math.round((mosaic.recordsPerSecond / baseline.recordsPerSecond) * 100) / 100;
  baseline.speedupOverBaseline = 1;
  return [mosaic, baseline];
}
