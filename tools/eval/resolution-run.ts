// Drives a Resolver over a stream of records and keeps what the evaluation
// needs: the clustering after AUTO_LINK alone, every scored pair in compact
// form, and the REVIEW queue, which simulated reviewers then work under the
// two-person rule (issue 18), and an oracle reviewer settles from ground truth
// for comparison.
import {
  simulateReview,
  type ReviewQueueItem,
  type ReviewSimulationOptions,
  type ReviewSimulationResult,
} from '@mosaic/evaluation';
import {
  CANDIDATE_ROUTE,
  ClusterState,
  DOCUMENT_ANCHOR_FLAG,
  DOCUMENT_ANCHOR_PROFILE,
  Resolver,
  type CandidateIndex,
  type HoldReason,
  type LinkDecision,
  type RecordStore,
  type ResolutionModel,
  type ResolutionRecord,
  type ResolverOptions,
  type ThresholdSet,
} from '@mosaic/resolution';

export const OUTCOME_CODE = { AUTO_LINK: 2, REVIEW: 1, NO_LINK: 0 } as const;

export const HOLD_REASONS: readonly HoldReason[] = [
  'BIOGRAPHIC_ONLY',
  'BIOMETRIC_BELOW_OPERATING_POINT',
  'BELOW_AUTO_LINK_THRESHOLD',
  'BIOGRAPHIC_DISAGREES',
  'POSSIBLE_TWIN',
];

/** Scored pairs as columns: millions of them fit where objects would not. */
export class ScoredPairs {
  a: string[] = [];
  b: string[] = [];
  outcome: number[] = [];
  llr: number[] = [];
  /** Face cosine, NaN when the pair had no face comparison. */
  face: number[] = [];
  /** Mean cosine over the compared finger positions, NaN when none. */
  finger: number[] = [];
  fingerCount: number[] = [];
  /** Bit i set when HOLD_REASONS[i] held the pair back from AUTO_LINK. */
  held: number[] = [];
  /**
   * 2: decided under the document-anchored profile; 1: anchored (same document,
   * names, birth date) but decided under another profile; 0: not anchored.
   */
  anchor: number[] = [];

  add(d: LinkDecision, faceScore: number, fingerScore: number, fingers: number): void {
    this.a.push(d.a);
    this.b.push(d.b);
    this.outcome.push(OUTCOME_CODE[d.outcome]);
    this.llr.push(d.llr);
    this.face.push(faceScore);
    this.finger.push(fingerScore);
    this.fingerCount.push(fingers);
    let mask = 0;
    for (const reason of d.heldBecause) mask |= 1 << HOLD_REASONS.indexOf(reason);
    this.held.push(mask);
    this.anchor.push(
      d.profile === DOCUMENT_ANCHOR_PROFILE ? 2 : d.flags.includes(DOCUMENT_ANCHOR_FLAG) ? 1 : 0,
    );
  }

  /** A decision read back from the identity database (scores not kept there in this form). */
  addStored(a: string, b: string, outcome: string, llr: number): void {
    this.a.push(a);
    this.b.push(b);
    this.outcome.push(OUTCOME_CODE[outcome as keyof typeof OUTCOME_CODE] ?? 0);
    this.llr.push(llr);
    this.face.push(Number.NaN);
    this.finger.push(Number.NaN);
    this.fingerCount.push(0);
    this.held.push(0);
    this.anchor.push(0);
  }

  get length(): number {
    return this.a.length;
  }
}

/**
 * How the in-process engine (evaluation, bench) runs the resolver: term-frequency
 * aware blocking, batch-mates found through the index, blocking candidates scored
 * before the kNN search so that a face that auto-linked to an indexed face is
 * left out of the kNN index, candidate pairs reported for recall. Searching
 * faces only for records blocking did not auto-link (biometricSearch UNLINKED)
 * is faster but lost true links at 100k persons (docs/adr/0011).
 * The identity service answers searches ahead of resolveBatch, so it cannot
 * index first.
 */
export const IN_PROCESS_RESOLVER_OPTIONS: Partial<ResolverOptions> = {
  commonBlockSize: 32,
  indexBeforeSearch: true,
  // Any face auto-link (which already reaches the matcher's operating point) makes a capture redundant.
  consolidateFacesAt: 0,
  reportCandidatePairs: true,
};

export interface RunOptions {
  model: ResolutionModel;
  thresholds: ThresholdSet;
  index: CandidateIndex;
  store: RecordStore;
  batchSize: number;
  resolver?: Partial<ResolverOptions>;
  /** Who works the REVIEW queue for the final clustering (default: simulated reviewers, seed 1). */
  review?: ReviewMode;
  onBatch?: (records: number, seconds: number) => void;
}

/** Simulated reviewers (the default) or the oracle that knows the truth. */
export type ReviewMode = ({ kind: 'simulated' } & ReviewSimulationOptions) | { kind: 'oracle' };

export interface RunOutput {
  clusters: ClusterState;
  autoClustering: Map<string, string>;
  /** After the review queue was worked (by the reviewers of `review`). */
  finalClustering: Map<string, string>;
  /** After an oracle settled the same queue: what perfect reviewers would reach. */
  oracleClustering: Map<string, string>;
  review: ReviewOutcome;
  pairs: ScoredPairs;
  records: number;
  flaggedRecords: number;
  oversizedBlocks: number;
  blockedLinks: number;
  /** Seconds spent inside Resolver.resolveBatch. */
  resolveSeconds: number;
  /** AUTO_LINK decisions between different persons (up to 1,000), with their waterfalls. */
  falseAutoLinks: LinkDecision[];
  /** In-process runs only: the identity service does not report its candidate pairs. */
  candidates?: CandidateReport;
}

/** What candidate generation proposed, against ground truth. */
export interface CandidateReport {
  /** Distinct candidate pairs proposed, and what became of them. */
  pairs: number;
  biometricRejected: number;
  boundPruned: number;
  scored: number;
  /** Same-person record pairs in the data (each unordered pair once). */
  truePairs: number;
  /** Share of true pairs proposed by any route (kNN, blocking, batch). */
  recall: number;
  /** Share of true pairs proposed by a shared blocking key. */
  blockingRecall: number;
}

function truePairCount(
  keys: Iterable<string>,
  truthOf: (key: string) => string | undefined,
): number {
  const sizes = new Map<string, number>();
  for (const key of keys) {
    const person = truthOf(key);
    if (person !== undefined) sizes.set(person, (sizes.get(person) ?? 0) + 1);
  }
  let pairs = 0;
  for (const n of sizes.values()) pairs += (n * (n - 1)) / 2;
  return pairs;
}

export function clusteringOf(clusters: ClusterState): Map<string, string> {
  const out = new Map<string, string>();
  for (const person of clusters.activePersons())
    for (const key of person.records) out.set(key, person.id);
  return out;
}

export async function runResolution(
  batches: Iterable<ResolutionRecord[]>,
  truthOf: (key: string) => string | undefined,
  options: RunOptions,
): Promise<RunOutput> {
  let next = 0;
  const clusters = new ClusterState(() => `P${(next++).toString().padStart(8, '0')}`);
  const resolver = new Resolver(
    options.model,
    options.thresholds,
    options.index,
    options.store,
    clusters,
    options.resolver,
  );
  const pairs = new ScoredPairs();
  const review: LinkDecision[] = [];
  const falseAutoLinks: LinkDecision[] = [];
  let records = 0;
  let flagged = 0;
  let oversized = 0;
  let blocked = 0;
  let resolveSeconds = 0;
  const candidates = { pairs: 0, biometricRejected: 0, boundPruned: 0, scored: 0 };
  let trueProposed = 0;
  let trueBlocked = 0;
  for (const all of batches) {
    for (let start = 0; start < all.length; start += options.batchSize) {
      const batch = all.slice(start, start + options.batchSize);
      const t0 = process.hrtime.bigint();
      const result = await resolver.resolveBatch(batch);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      resolveSeconds += seconds;
      records += result.records.length;
      flagged += result.records.filter((r) => r.flags.length > 0).length;
      oversized += result.oversizedBlocks.length;
      blocked += result.blocked.length;
      candidates.pairs += result.counts.pairs;
      candidates.biometricRejected += result.counts.biometricRejected;
      candidates.boundPruned += result.counts.boundPruned;
      candidates.scored += result.counts.scored;
      const proposed = result.candidatePairs;
      if (proposed) {
        for (let i = 0; i < proposed.a.length; i++) {
          const person = truthOf(proposed.a[i] as string);
          if (person === undefined || person !== truthOf(proposed.b[i] as string)) continue;
          trueProposed += 1;
          if (((proposed.via[i] as number) & CANDIDATE_ROUTE.BLOCKING) !== 0) trueBlocked += 1;
        }
      }
      for (const d of result.decisions) {
        let face = Number.NaN;
        let fingerSum = 0;
        let fingers = 0;
        for (const b of d.biometrics) {
          if (b.modality === 'FACE') face = b.score;
          else {
            fingerSum += b.score;
            fingers += 1;
          }
        }
        pairs.add(d, face, fingers > 0 ? fingerSum / fingers : Number.NaN, fingers);
        if (d.outcome === 'REVIEW') review.push(d);
        if (
          d.outcome === 'AUTO_LINK' &&
          falseAutoLinks.length < 1000 &&
          truthOf(d.a) !== truthOf(d.b)
        ) {
          falseAutoLinks.push(d);
        }
      }
      options.onBatch?.(result.records.length, seconds);
      // The in-memory adapters never wait on I/O: let timers (progress output) run between batches.
      await new Promise((done) => setImmediate(done));
    }
  }
  const autoClustering = clusteringOf(clusters);

  const truePairs = truePairCount(autoClustering.keys(), truthOf);
  const settled = settleReviewQueue(
    clusters,
    autoClustering,
    review,
    truthOf,
    options.review ?? { kind: 'simulated', seed: 1 },
  );
  return {
    clusters,
    autoClustering,
    ...settled,
    pairs,
    records,
    flaggedRecords: flagged,
    oversizedBlocks: oversized,
    blockedLinks: blocked,
    resolveSeconds,
    falseAutoLinks,
    candidates: {
      ...candidates,
      truePairs,
      recall: truePairs === 0 ? Number.NaN : trueProposed / truePairs,
      blockingRecall: truePairs === 0 ? Number.NaN : trueBlocked / truePairs,
    },
  };
}

/** What working the REVIEW queue did. */
export interface ReviewOutcome {
  mode: 'simulated' | 'oracle';
  items: number;
  /** Oracle settlement: links applied and rejections (cannot-links) written. */
  oracle: { links: number; rejections: number };
  /** Simulated reviewers, when they worked the queue. */
  simulation: ReviewSimulationResult | null;
}

/** The persons of a clustering as a fresh ClusterState (no cannot-links). */
export function clustersFrom(
  clustering: ReadonlyMap<string, string>,
  prefix: string,
): ClusterState {
  let next = 0;
  const clusters = new ClusterState(() => `${prefix}${(next++).toString().padStart(8, '0')}`);
  const firstOf = new Map<string, string>();
  for (const [key, person] of clustering) {
    clusters.addRecord(key);
    const first = firstOf.get(person);
    if (first === undefined) firstOf.set(person, key);
    else clusters.link({ a: first, b: key, reason: 'STORED' });
  }
  clusters.takeChanges();
  return clusters;
}

/**
 * Works the REVIEW queue twice from the AUTO_LINK persons: by the oracle (on a
 * copy, for the share of true pairs that needed review) and, unless the oracle
 * is the chosen mode, by simulated reviewers on `clusters` itself.
 */
export function settleReviewQueue(
  clusters: ClusterState,
  autoClustering: ReadonlyMap<string, string>,
  reviews: readonly {
    a: string;
    b: string;
    llr: number;
    thresholds: { autoLink: number | null; review: number };
  }[],
  truthOf: (key: string) => string | undefined,
  mode: ReviewMode,
): {
  finalClustering: Map<string, string>;
  oracleClustering: Map<string, string>;
  review: ReviewOutcome;
} {
  const oracleClusters = mode.kind === 'oracle' ? clusters : clustersFrom(autoClustering, 'O');
  const oracle = settleByOracle(oracleClusters, reviews, truthOf);
  if (mode.kind === 'oracle') {
    return {
      finalClustering: oracle.clustering,
      oracleClustering: oracle.clustering,
      review: {
        mode: 'oracle',
        items: reviews.length,
        oracle: { links: oracle.links, rejections: oracle.rejections },
        simulation: null,
      },
    };
  }
  const queue: ReviewQueueItem[] = reviews.map((d) => ({
    a: d.a,
    b: d.b,
    llr: d.llr,
    operatingPoint: d.thresholds.autoLink ?? d.thresholds.review,
  }));
  const samePerson = (a: string, b: string) => {
    const ta = truthOf(a);
    return ta !== undefined && ta === truthOf(b);
  };
  const simulation = simulateReview(clusters, queue, samePerson, mode);
  return {
    finalClustering: clusteringOf(clusters),
    oracleClustering: oracle.clustering,
    review: {
      mode: 'simulated',
      items: reviews.length,
      oracle: { links: oracle.links, rejections: oracle.rejections },
      simulation,
    },
  };
}

/**
 * The oracle reviewer: confirms true pairs (strongest first) and rejects
 * false ones, whose rejection becomes a cannot-link. Kept as the bound the
 * simulated reviewers are compared with (`--reviewers oracle`).
 */
export function settleByOracle(
  clusters: ClusterState,
  reviews: readonly { a: string; b: string; llr: number }[],
  truthOf: (key: string) => string | undefined,
): { clustering: Map<string, string>; links: number; rejections: number } {
  let links = 0;
  let rejections = 0;
  const ordered = [...reviews].sort((x, y) => y.llr - x.llr || (x.a < y.a ? -1 : 1));
  for (const d of ordered) {
    const ta = truthOf(d.a);
    if (ta !== undefined && ta === truthOf(d.b)) {
      if (clusters.link({ a: d.a, b: d.b, reason: 'REVIEW_CONFIRMED' }).status === 'LINKED')
        links += 1;
    } else {
      clusters.addCannotLink(d.a, d.b);
      rejections += 1;
    }
  }
  clusters.takeChanges();
  return { clustering: clusteringOf(clusters), links, rejections };
}
