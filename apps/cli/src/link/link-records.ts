import {
  ClusterState,
  computeThresholds,
  DEFAULT_THRESHOLD_POLICY,
  ExactCandidateIndex,
  InMemoryRecordStore,
  normaliseRecord,
  Resolver,
  trainResolutionModel,
  type LinkDecision,
  type ResolutionModel,
  type ResolutionRecord,
  type ThresholdSet,
} from '@mosaic/resolution';
import { LinkInputError } from './link-errors';

/** Whether blocking proposes any pair at all: EM has nothing to learn from otherwise. */
function hasCandidatePair(records: readonly ResolutionRecord[]): boolean {
  const seen = new Set<string>();
  for (const record of records) {
    for (const key of normaliseRecord(record).blockingKeys) {
      if (seen.has(key)) return true;
      seen.add(key);
    }
  }
  return false;
}

/** Captures under these qualities would not be compared; tabular records have none. */
const QUALITY_FLOOR = { face: 0.2, finger: 0.2 };
const BATCH_SIZE = 1_000;

export interface LinkedRecord {
  key: string;
  clusterId: string;
  clusterSize: number;
  /** Best probability among the REVIEW-or-better links this record is part of; null when it has none. */
  bestLinkProbability: number | null;
}

export interface LinkRun {
  model: ResolutionModel;
  thresholds: ThresholdSet;
  /** In the order of the input. */
  records: LinkedRecord[];
  /** Every pair at REVIEW or better, strongest first. */
  links: LinkDecision[];
  scoredPairs: number;
  clusters: number;
}

export type LinkStage = 'train' | 'resolve' | 'cluster';

/**
 * Mosaic's biographic engine over one file: a model trained on the file
 * itself (EM needs no labels), thresholds for a gallery the size of the file,
 * then the resolver in batches against an exact blocking index.
 *
 * Biographic evidence never auto-links (ADR 0006), so the resolver's own
 * clustering leaves every record alone. Clusters here are proposals: every
 * pair at REVIEW or better is joined, strongest first, into one union-find,
 * which is what a reviewer accepting every proposal would get.
 */
export async function linkRecords(
  records: readonly ResolutionRecord[],
  options: {
    seed: number;
    onStage?: (stage: LinkStage) => void;
    onProgress?: (resolved: number) => void;
  },
): Promise<LinkRun> {
  options.onStage?.('train');
  let model: ResolutionModel;
  try {
    model = trainResolutionModel({
      records,
      face: null,
      finger: null,
      qualityFloor: QUALITY_FLOOR,
      seed: options.seed,
    });
  } catch (error) {
    if (!hasCandidatePair(records)) {
      throw new LinkInputError(
        'BAD_INPUT',
        `no two of the ${records.length} rows share a blocking key (a document number, or a name sound with a birth date, year or sex and nationality), so there is nothing to learn the model from or to link`,
      );
    }
    throw error;
  }
  const thresholds = computeThresholds(model, {
    ...DEFAULT_THRESHOLD_POLICY,
    gallerySize: Math.max(1, records.length),
  });

  options.onStage?.('resolve');
  const width = String(records.length).length;
  let next = 0;
  const clusters = new ClusterState(() => `C${String(++next).padStart(width, '0')}`);
  const resolver = new Resolver(
    model,
    thresholds,
    new ExactCandidateIndex(),
    new InMemoryRecordStore(),
    clusters,
  );
  const links: LinkDecision[] = [];
  let scoredPairs = 0;
  let resolved = 0;
  for (let start = 0; start < records.length; start += BATCH_SIZE) {
    const result = await resolver.resolveBatch(records.slice(start, start + BATCH_SIZE));
    scoredPairs += result.decisions.length;
    for (const d of result.decisions) if (d.outcome !== 'NO_LINK') links.push(d);
    resolved += result.records.length;
    options.onProgress?.(resolved);
  }

  options.onStage?.('cluster');
  links.sort((x, y) => y.llr - x.llr || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
  const best = new Map<string, number>();
  for (const d of links) {
    clusters.link({ a: d.a, b: d.b, reason: d.outcome === 'AUTO_LINK' ? 'AUTO_LINK' : 'REVIEW' });
    for (const key of [d.a, d.b]) best.set(key, Math.max(best.get(key) ?? 0, d.probability));
  }
  clusters.takeChanges();

  let clusterCount = 0;
  for (const _ of clusters.activePersons()) clusterCount += 1;
  return {
    model,
    thresholds,
    records: records.map((r) => {
      const clusterId = clusters.personOf(r.key) as string;
      return {
        key: r.key,
        clusterId,
        clusterSize: clusters.person(clusterId)?.records.size ?? 1,
        bestLinkProbability: best.get(r.key) ?? null,
      };
    }),
    links,
    scoredPairs,
    clusters: clusterCount,
  };
}
