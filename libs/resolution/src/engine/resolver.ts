import { cosine } from '../biometric/similarity';
import { llrToScore } from '../biometric/calibration';
import type { CandidateIndex, CandidateQuery, IndexedRecord } from '../candidate-index.port';
import type { ClusterState, PersonChange } from '../cluster/cluster-state';
import { decide, type LinkDecision } from '../decision/decide';
import type { ThresholdSet } from '../decision/thresholds';
import type { RecordFeatures } from '../features';
import type { ResolutionModel } from '../model/resolution-model';
import { normaliseRecord } from '../normalise';
import type { ResolutionRecord } from '../record';
import { biometricEvidence, pairEvidence } from './pair-evidence';
import { prepareRecord, searchPositions, type PreparedRecord } from './prepared-record';

/** Where the resolver finds the features of records it resolved before. */
export interface RecordStore {
  get(keys: readonly string[]): Promise<Map<string, RecordFeatures>>;
  put(features: readonly RecordFeatures[]): Promise<void>;
}

export interface ResolverOptions {
  /** Nearest neighbours per searched vector. */
  k: number;
  maxBlockSize: number;
  /** Finger positions searched per record (all shared positions are still compared). */
  fingerSearchPositions: number;
}

export const DEFAULT_RESOLVER_OPTIONS: ResolverOptions = {
  k: 10,
  maxBlockSize: 100,
  fingerSearchPositions: 2,
};

export interface ResolvedRecord {
  key: string;
  personId: string;
  flags: string[];
}

export interface BlockedLink {
  decision: LinkDecision;
  between: [string, string];
}

export interface BatchResolution {
  records: ResolvedRecord[];
  /** Every scored pair; NO_LINK ones included, so errors can be measured. */
  decisions: LinkDecision[];
  /** AUTO_LINK decisions a cannot-link pair kept from joining. */
  blocked: BlockedLink[];
  changes: PersonChange[];
  oversizedBlocks: string[];
  /** Records of the batch that were already resolved (a redelivered event): skipped. */
  skipped: string[];
}

function indexedRecord(record: PreparedRecord): IndexedRecord {
  const fingers = [];
  for (let p = 1; p <= 10; p++) {
    const template = record.fingers[p];
    if (template) fingers.push({ position: p, template });
  }
  return {
    key: record.features.record.key,
    face: record.face,
    fingers,
    blockingKeys: record.features.blockingKeys,
  };
}

/**
 * The resolution pipeline for one batch: normalise, find candidates (index +
 * the batch itself), score every pair, decide, cluster, then index the batch.
 * Callers run batches one at a time against one cluster state (the identity
 * service holds a lock); within that, the result does not depend on arrival
 * order beyond the candidate index's approximate recall, because every pair is
 * decided on its own evidence and links are applied strongest first.
 */
export class Resolver {
  private readonly options: ResolverOptions;
  /** Below these similarities two batch-mates are not worth scoring (evidence against a match). */
  private readonly faceFloor: number;
  private readonly fingerFloor: number;

  constructor(
    private readonly model: ResolutionModel,
    private thresholds: ThresholdSet,
    private readonly index: CandidateIndex,
    private readonly store: RecordStore,
    private readonly clusters: ClusterState,
    options: Partial<ResolverOptions> = {},
  ) {
    this.options = { ...DEFAULT_RESOLVER_OPTIONS, ...options };
    this.faceFloor = model.face ? llrToScore(model.face, 0) : Number.POSITIVE_INFINITY;
    this.fingerFloor = model.finger ? llrToScore(model.finger, 0) : Number.POSITIVE_INFINITY;
  }

  get thresholdSet(): ThresholdSet {
    return this.thresholds;
  }

  useThresholds(thresholds: ThresholdSet): void {
    this.thresholds = thresholds;
  }

  async resolveBatch(records: readonly ResolutionRecord[]): Promise<BatchResolution> {
    const skipped: string[] = [];
    const seen = new Set<string>();
    const batch: PreparedRecord[] = [];
    for (const record of records) {
      if (seen.has(record.key) || this.clusters.personOf(record.key) !== undefined) {
        skipped.push(record.key);
        continue;
      }
      seen.add(record.key);
      batch.push(prepareRecord(normaliseRecord(record), this.model));
    }

    const queries: CandidateQuery[] = batch.map((r) => ({
      key: r.features.record.key,
      face: r.face,
      fingers: searchPositions(r, this.options.fingerSearchPositions).map((position) => ({
        position,
        template: r.fingers[position] as Float32Array,
      })),
      blockingKeys: r.features.blockingKeys,
    }));
    const results = await this.index.search(queries, {
      k: this.options.k,
      maxBlockSize: this.options.maxBlockSize,
    });
    const oversized = new Set<string>();
    const pairs: [number, string, boolean][] = [];
    const needed = new Set<string>();
    results.forEach((result, i) => {
      result.oversizedBlocks.forEach((b) => oversized.add(b));
      for (const candidate of result.candidates) {
        if (seen.has(candidate.key)) continue;
        pairs.push([i, candidate.key, candidate.via.includes('BLOCKING')]);
        needed.add(candidate.key);
      }
    });
    const known = await this.store.get([...needed]);
    const prepared = new Map<string, PreparedRecord>();
    for (const [key, features] of known) prepared.set(key, prepareRecord(features, this.model));

    const decisions: LinkDecision[] = [];
    const scored = new Set<string>();
    for (const [i, key, blocked] of pairs) {
      const other = prepared.get(key);
      if (!other) continue;
      const a = batch[i] as PreparedRecord;
      const id =
        a.features.record.key < key
          ? `${a.features.record.key}|${key}`
          : `${key}|${a.features.record.key}`;
      if (scored.has(id)) continue;
      scored.add(id);
      const biometrics = biometricEvidence(this.model, a, other);
      // A nearest neighbour whose biometrics speak against the match is no
      // candidate (every search returns k of them); a blocking candidate is
      // scored whatever its biometrics say.
      if (!blocked && !biometrics.some((b) => b.llr > 0)) continue;
      decisions.push(
        decide(pairEvidence(this.model, a, other, biometrics), this.model, this.thresholds),
      );
    }
    for (const [i, j] of this.batchPairs(batch)) {
      decisions.push(
        decide(
          pairEvidence(this.model, batch[i] as PreparedRecord, batch[j] as PreparedRecord),
          this.model,
          this.thresholds,
        ),
      );
    }

    for (const r of batch) this.clusters.addRecord(r.features.record.key);
    const blocked: BlockedLink[] = [];
    const links = decisions
      .filter((d) => d.outcome === 'AUTO_LINK')
      .sort((x, y) => y.llr - x.llr || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
    for (const decision of links) {
      const result = this.clusters.link({ a: decision.a, b: decision.b, reason: 'AUTO_LINK' });
      if (result.status === 'BLOCKED') blocked.push({ decision, between: result.between });
    }

    await this.index.upsert(batch.map(indexedRecord));
    await this.store.put(batch.map((r) => r.features));
    return {
      records: batch.map((r) => ({
        key: r.features.record.key,
        personId: this.clusters.personOf(r.features.record.key) as string,
        flags: r.flags,
      })),
      decisions,
      blocked,
      changes: this.clusters.takeChanges(),
      oversizedBlocks: [...oversized].sort(),
      skipped,
    };
  }

  /**
   * Pairs inside the batch worth scoring: the index cannot return records it
   * has not been given yet, so batch-mates are compared directly (biometric
   * similarity above the no-evidence point, or a shared blocking key).
   */
  private *batchPairs(batch: readonly PreparedRecord[]): Generator<[number, number]> {
    const byBlock = new Map<string, number[]>();
    batch.forEach((r, i) => {
      for (const key of r.features.blockingKeys) {
        const list = byBlock.get(key) ?? [];
        list.push(i);
        byBlock.set(key, list);
      }
    });
    for (let i = 0; i < batch.length; i++) {
      const a = batch[i] as PreparedRecord;
      const partners = new Set<number>();
      for (const key of a.features.blockingKeys) {
        const list = byBlock.get(key) as number[];
        if (list.length > this.options.maxBlockSize) continue;
        for (const j of list) if (j > i) partners.add(j);
      }
      for (let j = i + 1; j < batch.length; j++) {
        if (partners.has(j)) continue;
        const b = batch[j] as PreparedRecord;
        if (a.face && b.face && cosine(a.face, b.face) >= this.faceFloor) {
          partners.add(j);
          continue;
        }
        for (let p = 1; p <= 10; p++) {
          const fa = a.fingers[p];
          const fb = b.fingers[p];
          if (fa && fb && cosine(fa, fb) >= this.fingerFloor) {
            partners.add(j);
            break;
          }
        }
      }
      for (const j of [...partners].sort((x, y) => x - y)) yield [i, j];
    }
  }
}
