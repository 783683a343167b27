import { cosine } from '../biometric/similarity';
import { llrToScore } from '../biometric/calibration';
import type {
  CandidateIndex,
  CandidateQuery,
  CandidateSearchOptions,
  IndexedRecord,
} from '../candidate-index.port';
import type { ClusterState, PersonChange } from '../cluster/cluster-state';
import { decide, type LinkDecision } from '../decision/decide';
import type { ThresholdSet } from '../decision/thresholds';
import type { RecordFeatures } from '../features';
import type { ResolutionModel } from '../model/resolution-model';
import { normaliseRecord, pairedBlockingKeys } from '../normalise';
import { createComparisonVector } from '../compare';
import type { ResolutionRecord } from '../record';
import { llrUpperBound, lowestLinkingLlr } from './llr-bound';
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
  /**
   * Term-frequency aware blocking. When set, a blocking key shared by more
   * records than this proposes nobody on its own; its members are found
   * through the two-key keys (`pairedBlockingKeys`), i.e. only when they
   * agree on a second key too, and a two-key block larger than this is
   * dropped as well. Candidates per record then stay bounded however large
   * the gallery grows. Unset: every block is cut at `maxBlockSize` (its
   * first records are kept).
   */
  commonBlockSize?: number;
  /**
   * Index the batch before searching, so batch-mates are found by the index
   * like any earlier record instead of by comparing every pair of the batch.
   * Only for an index whose search is not answered ahead of `resolveBatch`.
   */
  indexBeforeSearch?: boolean;
  /** Return every candidate pair with its routes (`BatchResolution.candidatePairs`), for recall. */
  reportCandidatePairs?: boolean;
  /**
   * ALWAYS (default): every record's face and best fingers are searched.
   * UNLINKED: blocking candidates are scored first, and only records that
   * none of them auto-linked are searched by face and finger: a record whose
   * person blocking already found does not pay for a kNN search.
   */
  biometricSearch?: 'ALWAYS' | 'UNLINKED';
  /**
   * With indexBeforeSearch: blocking candidates are scored before the kNN
   * search, and a face whose record
   * auto-linked, at this cosine or above, to an earlier record whose face is
   * in the index is not added to the index (its blocking keys and fingers
   * are). The kept face already leads a search to that person, and the kNN
   * index grows with persons rather than with captures. The resolver keeps the
   * keys of faces left out, so it never relies on one of them.
   */
  consolidateFacesAt?: number;
}

export const DEFAULT_RESOLVER_OPTIONS: ResolverOptions = {
  k: 10,
  maxBlockSize: 100,
  fingerSearchPositions: 2,
};

/** Routes of a candidate pair, as bits of `CandidatePairs.via`. */
export const CANDIDATE_ROUTE = { FACE: 1, FINGER: 2, BLOCKING: 4, BATCH: 8 } as const;

/** Candidate pairs as columns (a batch of 500 can propose tens of thousands). */
export interface CandidatePairs {
  a: string[];
  b: string[];
  /** CANDIDATE_ROUTE bits. */
  via: number[];
}

/** How much work candidate generation handed the scorer. */
export interface CandidateCounts {
  /** Distinct candidate pairs proposed (index and batch). */
  pairs: number;
  /** Nearest neighbours whose biometrics spoke against a match: not scored. */
  biometricRejected: number;
  /** Pairs whose LLR upper bound stayed under the review threshold: not compared in full. */
  boundPruned: number;
  /** Pairs compared in full and decided. */
  scored: number;
}

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
  counts: CandidateCounts;
  /** With `reportCandidatePairs`: every candidate pair and its routes. */
  candidatePairs?: CandidatePairs;
}

function indexedRecord(record: PreparedRecord, blockingKeys: string[]): IndexedRecord {
  const fingers = [];
  for (let p = 1; p <= 10; p++) {
    const template = record.fingers[p];
    if (template) fingers.push({ position: p, template });
  }
  return { key: record.features.record.key, face: record.face, fingers, blockingKeys };
}

function pairId(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
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
  /** Records whose face consolidateFacesAt kept out of the index. */
  private readonly unindexedFaces = new Set<string>();

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

    const keysOf = (r: PreparedRecord) =>
      this.options.commonBlockSize === undefined
        ? r.features.blockingKeys
        : [...r.features.blockingKeys, ...pairedBlockingKeys(r.features.blockingKeys)];
    const blockingKeysOf = batch.map(keysOf);
    const indexed = (leftOut: ReadonlySet<string> = new Set()) =>
      this.index.upsert(
        batch.map((r, i) => {
          const record = indexedRecord(r, blockingKeysOf[i] as string[]);
          return leftOut.has(record.key) ? { ...record, face: null } : record;
        }),
      );
    const consolidate =
      this.options.consolidateFacesAt !== undefined && this.options.indexBeforeSearch === true;
    if (consolidate) {
      // Blocking keys now, vectors once it is known which faces are redundant.
      await this.index.upsert(
        batch.map((r, i) => ({
          key: r.features.record.key,
          face: null,
          fingers: [],
          blockingKeys: blockingKeysOf[i] as string[],
        })),
      );
    } else if (this.options.indexBeforeSearch) await indexed();

    const queries: CandidateQuery[] = batch.map((r, i) => ({
      key: r.features.record.key,
      face: r.face,
      fingers: searchPositions(r, this.options.fingerSearchPositions).map((position) => ({
        position,
        template: r.fingers[position] as Float32Array,
      })),
      blockingKeys: blockingKeysOf[i] as string[],
    }));
    const searchOptions: CandidateSearchOptions =
      this.options.commonBlockSize === undefined
        ? { k: this.options.k, maxBlockSize: this.options.maxBlockSize }
        : {
            k: this.options.k,
            maxBlockSize: this.options.commonBlockSize,
            oversizedBlocks: 'DROP',
          };
    const inBatch = new Map<string, PreparedRecord>();
    for (const r of batch) inBatch.set(r.features.record.key, r);
    const oversized = new Set<string>();
    const counts: CandidateCounts = { pairs: 0, biometricRejected: 0, boundPruned: 0, scored: 0 };
    const report: CandidatePairs | undefined = this.options.reportCandidatePairs
      ? { a: [], b: [], via: [] }
      : undefined;
    const decisions: LinkDecision[] = [];
    const seenPairs = new Map<string, number>();
    const scratch = createComparisonVector();
    const consider = (a: PreparedRecord, other: PreparedRecord, via: number) => {
      const id = pairId(a.features.record.key, other.features.record.key);
      const earlier = seenPairs.get(id);
      if (earlier !== undefined) {
        if (report) report.via[earlier] = (report.via[earlier] as number) | via;
        return;
      }
      seenPairs.set(id, report ? report.a.length : 0);
      counts.pairs += 1;
      report?.a.push(a.features.record.key);
      report?.b.push(other.features.record.key);
      report?.via.push(via);
      const biometrics = biometricEvidence(this.model, a, other);
      // A nearest neighbour whose biometrics speak against the match is no
      // candidate (every search returns k of them); a blocking candidate is
      // scored whatever its biometrics say.
      if ((via & CANDIDATE_ROUTE.BLOCKING) === 0 && !biometrics.some((b) => b.llr > 0)) {
        counts.biometricRejected += 1;
        return;
      }
      // A pair that cannot reach REVIEW even if its names agreed at their
      // rarest is NO_LINK whatever the names say: skip comparing them.
      const floor = lowestLinkingLlr(this.thresholds, biometrics);
      if (
        floor !== null &&
        llrUpperBound(this.model.biographic, a.features, other.features, biometrics, scratch) <
          floor
      ) {
        counts.boundPruned += 1;
        return;
      }
      counts.scored += 1;
      decisions.push(
        decide(pairEvidence(this.model, a, other, biometrics), this.model, this.thresholds),
      );
    };
    const searchAndScore = async (at: readonly number[], asked: readonly CandidateQuery[]) => {
      const results = await this.index.search(asked, searchOptions);
      const pairs: [number, string, number][] = [];
      const needed = new Set<string>();
      results.forEach((result, n) => {
        const i = at[n] as number;
        result.oversizedBlocks.forEach((b) => oversized.add(b));
        for (const candidate of result.candidates) {
          if (inBatch.has(candidate.key) && !this.options.indexBeforeSearch) continue;
          let via = 0;
          for (const route of candidate.via) via |= CANDIDATE_ROUTE[route];
          pairs.push([i, candidate.key, via]);
          if (!inBatch.has(candidate.key)) needed.add(candidate.key);
        }
      });
      const known = await this.store.get([...needed]);
      const prepared = new Map<string, PreparedRecord>(inBatch);
      for (const [key, features] of known) prepared.set(key, prepareRecord(features, this.model));
      for (const [i, key, via] of pairs) {
        const other = prepared.get(key);
        if (other) consider(batch[i] as PreparedRecord, other, via);
      }
    };
    const all = batch.map((_, i) => i);
    if (this.options.biometricSearch === 'UNLINKED' || consolidate) {
      // Blocking first; then the biometric kNN (only for records blocking did not auto-link, with UNLINKED).
      await searchAndScore(
        all,
        queries.map((q) => ({ ...q, face: null, fingers: [] })),
      );
      const linked = new Set<string>();
      for (const d of decisions) {
        if (d.outcome !== 'AUTO_LINK') continue;
        linked.add(d.a);
        linked.add(d.b);
      }
      if (consolidate) {
        const redundant = new Set<string>();
        const at = this.options.consolidateFacesAt as number;
        for (const d of decisions) {
          if (d.outcome !== 'AUTO_LINK') continue;
          const face = d.biometrics.find((b) => b.modality === 'FACE');
          if (!face || face.score < at) continue;
          for (const [mine, partner] of [
            [d.a, d.b],
            [d.b, d.a],
          ] as const) {
            if (inBatch.has(mine) && !inBatch.has(partner) && !this.unindexedFaces.has(partner)) {
              redundant.add(mine);
            }
          }
        }
        await indexed(redundant);
        for (const key of redundant) this.unindexedFaces.add(key);
      }
      const rest =
        this.options.biometricSearch === 'UNLINKED'
          ? all.filter((i) => !linked.has((queries[i] as CandidateQuery).key))
          : all;
      await searchAndScore(
        rest,
        rest.map((i) => ({ ...(queries[i] as CandidateQuery), blockingKeys: [] })),
      );
    } else {
      await searchAndScore(all, queries);
    }
    if (!this.options.indexBeforeSearch) {
      for (const [i, j, sharesKey] of this.batchPairs(batch, blockingKeysOf)) {
        consider(
          batch[i] as PreparedRecord,
          batch[j] as PreparedRecord,
          CANDIDATE_ROUTE.BATCH | (sharesKey ? CANDIDATE_ROUTE.BLOCKING : 0),
        );
      }
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

    if (!this.options.indexBeforeSearch) await indexed();
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
      counts,
      ...(report ? { candidatePairs: report } : {}),
    };
  }

  /**
   * Pairs inside the batch worth scoring: the index cannot return records it
   * has not been given yet, so batch-mates are compared directly (biometric
   * similarity above the no-evidence point, or a shared blocking key), with
   * whether they share a key.
   */
  private *batchPairs(
    batch: readonly PreparedRecord[],
    keysOf: readonly string[][],
  ): Generator<[number, number, boolean]> {
    const cap = this.options.commonBlockSize ?? this.options.maxBlockSize;
    const byBlock = new Map<string, number[]>();
    keysOf.forEach((keys, i) => {
      for (const key of keys) {
        const list = byBlock.get(key) ?? [];
        list.push(i);
        byBlock.set(key, list);
      }
    });
    for (let i = 0; i < batch.length; i++) {
      const a = batch[i] as PreparedRecord;
      const partners = new Map<number, boolean>();
      for (const key of keysOf[i] as string[]) {
        const list = byBlock.get(key) as number[];
        if (list.length > cap) continue;
        for (const j of list) if (j > i) partners.set(j, true);
      }
      for (let j = i + 1; j < batch.length; j++) {
        if (partners.has(j)) continue;
        const b = batch[j] as PreparedRecord;
        if (a.face && b.face && cosine(a.face, b.face) >= this.faceFloor) {
          partners.set(j, false);
          continue;
        }
        for (let p = 1; p <= 10; p++) {
          const fa = a.fingers[p];
          const fb = b.fingers[p];
          if (fa && fb && cosine(fa, fb) >= this.fingerFloor) {
            partners.set(j, false);
            break;
          }
        }
      }
      for (const j of [...partners.keys()].sort((x, y) => x - y))
        yield [i, j, partners.get(j) as boolean];
    }
  }
}
