// The in-process resolution engine at several gallery sizes in one run, and
// against its exact-search baseline on the same records (same model, same
// thresholds, only the candidate index differs: usearch HNSW vs comparing every
// stored vector). Reports records/s, the rate of each size against the
// smallest, candidate pairs per record, recall of candidate generation and of
// blocking on true pairs, kNN recall against exact search, and B-cubed F1 of
// the AUTO_LINK clustering, so speed is never bought with missed candidates
// unnoticed.
import {
  InMemoryCandidateIndex,
  type InMemoryCandidateIndexOptions,
} from '@mosaic/candidate-index';
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
  type ResolverOptions,
} from '@mosaic/resolution';
import { resolveSynthOptions, Rng } from '@mosaic/synth';
import { BatchMatches, exactSearch, MetricKind } from 'usearch';
import { IN_PROCESS_RESOLVER_OPTIONS, runResolution } from '../eval/resolution-run';

export interface ResolutionBenchRow {
  persons: number;
  records: number;
  index: string;
  seconds: number;
  recordsPerSecond: number;
  /** This row's records/s over the previous (smaller) size's in the same run. */
  rateVsPrevious: number | null;
  /** Candidate pairs proposed per record, and compared in full per record. */
  pairsPerRecord: number;
  scoredPerRecord: number;
  /** Share of true same-person pairs proposed by any route, and by a shared blocking key. */
  candidateRecall: number;
  blockingRecall: number;
  /** Face kNN of sampled records in the final gallery against exact search: top-k overlap, and genuine neighbours kept. */
  knnRecall: number | null;
  genuineKnnRecall: number | null;
  bcubedF1: number;
  /** Exact-search baseline records/s over this run's, on the same records; null without a baseline. */
  speedupOverBaseline: number | null;
  peakRssMb: number;
}

export interface ResolutionBenchOptions {
  index?: InMemoryCandidateIndexOptions;
  resolver?: Partial<ResolverOptions>;
  /** Records sampled for the kNN recall check. */
  knnSample?: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Face kNN recall of the index against exact cosine search over every face
 * in the gallery, on a seeded sample of records: the share of the exact top-k
 * the index also returns, and of the exact top-k's same-person records.
 */
async function knnRecall(
  index: CandidateIndex,
  records: readonly ResolutionRecord[],
  personOf: ReadonlyMap<string, string>,
  k: number,
  sample: number,
): Promise<{ recall: number; genuine: number }> {
  const faces = records.filter((r) => r.face !== null);
  const dims = faces[0]?.face?.template.length ?? 0;
  const rng = new Rng(11);
  const picked = Array.from({ length: Math.min(sample, faces.length) }, () =>
    rng.int(faces.length),
  );
  const queries = new Float32Array(picked.length * dims);
  picked.forEach((p, i) => queries.set((faces[p] as ResolutionRecord).face!.template, i * dims));
  // Exact top-(k+1) per query, chunk by chunk, so a million-person gallery needs no single copy.
  const best: { key: string; score: number }[][] = picked.map(() => []);
  const chunk = 100_000;
  for (let start = 0; start < faces.length; start += chunk) {
    const part = faces.slice(start, start + chunk);
    const data = new Float32Array(part.length * dims);
    part.forEach((r, i) => data.set(r.face!.template, i * dims));
    const found = exactSearch(data, queries, dims, Math.min(k + 1, part.length), MetricKind.Cos);
    picked.forEach((_, q) => {
      const m = found instanceof BatchMatches ? found.get(q) : found;
      const list = best[q] as { key: string; score: number }[];
      m.keys.forEach((id, j) => {
        const r = part[Number(id)];
        if (r) list.push({ key: r.key, score: 1 - (m.distances[j] as number) });
      });
      list.sort((x, y) => y.score - x.score);
      list.length = Math.min(list.length, k + 1);
    });
  }
  const results = await index.search(
    picked.map((p) => {
      const r = faces[p] as ResolutionRecord;
      return { key: r.key, face: r.face!.template, fingers: [], blockingKeys: [] };
    }),
    { k, maxBlockSize: 1 },
  );
  let hit = 0;
  let total = 0;
  let genuineHit = 0;
  let genuineTotal = 0;
  picked.forEach((p, q) => {
    const own = (faces[p] as ResolutionRecord).key;
    const got = new Set(results[q]?.candidates.map((c) => c.key));
    const want = (best[q] as { key: string }[])
      .map((b) => b.key)
      .filter((key) => key !== own)
      .slice(0, k);
    for (const key of want) {
      total += 1;
      if (got.has(key)) hit += 1;
      if (personOf.get(key) === personOf.get(own)) {
        genuineTotal += 1;
        if (got.has(key)) genuineHit += 1;
      }
    }
  });
  return {
    recall: total === 0 ? Number.NaN : hit / total,
    genuine: genuineTotal === 0 ? Number.NaN : genuineHit / genuineTotal,
  };
}

export async function benchResolution(
  persons: number,
  withBaseline: boolean,
  log: (line: string) => void,
  options: ResolutionBenchOptions = {},
): Promise<ResolutionBenchRow[]> {
  const truth = emptyTruth();
  const records: ResolutionRecord[] = [];
  log(`resolution: synthesising ${persons} persons`);
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
  const resolver = { ...IN_PROCESS_RESOLVER_OPTIONS, ...options.resolver };
  const run = async (name: string, index: CandidateIndex, knn: boolean) => {
    log(`resolution: ${records.length} records (${persons} persons) with ${name}`);
    const out = await runResolution([records], (key) => truth.personOf.get(key), {
      model,
      thresholds,
      index,
      store: new InMemoryRecordStore(),
      batchSize: 500,
      resolver,
    });
    const truthMap = new Map(
      [...out.autoClustering.keys()].map((k) => [k, truth.personOf.get(k) as string]),
    );
    const candidates = out.candidates;
    const recall = knn
      ? await knnRecall(index, records, truth.personOf, resolver.k ?? 10, options.knnSample ?? 500)
      : null;
    return {
      persons,
      records: out.records,
      index: name,
      seconds: round(out.resolveSeconds, 1),
      recordsPerSecond: Math.round(out.records / out.resolveSeconds),
      rateVsPrevious: null as number | null,
      pairsPerRecord: candidates ? round(candidates.pairs / out.records, 2) : Number.NaN,
      scoredPerRecord: candidates ? round(candidates.scored / out.records, 2) : Number.NaN,
      candidateRecall: candidates ? round(candidates.recall, 4) : Number.NaN,
      blockingRecall: candidates ? round(candidates.blockingRecall, 4) : Number.NaN,
      knnRecall: recall ? round(recall.recall, 4) : null,
      genuineKnnRecall: recall ? round(recall.genuine, 4) : null,
      bcubedF1: round(bcubedMetrics(truthMap, out.autoClustering).f1, 4),
      speedupOverBaseline: null as number | null,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  };
  const mosaic = await run(
    'usearch HNSW (InMemoryCandidateIndex)',
    new InMemoryCandidateIndex(options.index),
    true,
  );
  if (!withBaseline) return [mosaic];
  const baseline = await run(
    'exact search (ExactCandidateIndex)',
    new ExactCandidateIndex(),
    false,
  );
  mosaic.speedupOverBaseline = round(mosaic.recordsPerSecond / baseline.recordsPerSecond, 2);
  baseline.speedupOverBaseline = 1;
  return [mosaic, baseline];
}
