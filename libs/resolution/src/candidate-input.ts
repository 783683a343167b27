import type {
  Candidate,
  CandidateQuery,
  CandidateSearchOptions,
  CandidateSource,
  IndexedFinger,
  IndexedRecord,
} from './candidate-index.port';

/** Base of every error a candidate index adapter raises itself. */
export class CandidateIndexError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CandidateIndexError';
  }
}

/**
 * A record, query or option the index cannot accept (wrong vector length, a
 * zero or non-finite vector, a finger position outside 1–10, k below 1). Raised
 * before anything is written, so a rejected batch leaves the index unchanged.
 */
export class CandidateInputError extends CandidateIndexError {
  constructor(
    /** The record or query key, when the problem belongs to one. */
    readonly key: string | undefined,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${key === undefined ? '' : `${key}: `}${field} ${reason}`);
    this.name = 'CandidateInputError';
  }
}

/** Vector lengths of one index: every face template, every finger template. */
export interface CandidateDimensions {
  face: number;
  finger: number;
}

/** The template sizes of DESIGN.md: face 512-d, finger 256-d. */
export const DEFAULT_CANDIDATE_DIMENSIONS: Readonly<CandidateDimensions> = Object.freeze({
  face: 512,
  finger: 256,
});

export const FINGER_POSITIONS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

function checkVector(
  key: string,
  field: string,
  vector: Float32Array,
  dims: number,
  kind: 'record' | 'query',
): void {
  if (!(vector instanceof Float32Array)) {
    throw new CandidateInputError(key, field, `must be a Float32Array (${kind})`);
  }
  if (vector.length !== dims) {
    throw new CandidateInputError(key, field, `has ${vector.length} dimensions, expected ${dims}`);
  }
  let norm = 0;
  for (let i = 0; i < vector.length; i++) {
    const x = vector[i] as number;
    if (!Number.isFinite(x)) {
      throw new CandidateInputError(key, field, `has a non-finite value at ${i}`);
    }
    norm += x * x;
  }
  // Cosine similarity is undefined for a zero vector (the search engine refuses one).
  if (norm === 0) throw new CandidateInputError(key, field, 'is a zero vector');
}

function checkFingers(
  key: string,
  fingers: readonly IndexedFinger[],
  dims: number,
  kind: 'record' | 'query',
): void {
  const seen = new Set<number>();
  for (const finger of fingers) {
    const field = `finger ${finger.position}`;
    if (!Number.isInteger(finger.position) || finger.position < 1 || finger.position > 10) {
      throw new CandidateInputError(key, field, 'position must be an integer from 1 to 10');
    }
    if (seen.has(finger.position)) {
      throw new CandidateInputError(key, field, 'position appears twice');
    }
    seen.add(finger.position);
    checkVector(key, field, finger.template, dims, kind);
  }
}

function checkKey(key: unknown, kind: 'record' | 'query'): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new CandidateInputError(undefined, 'key', `of a ${kind} must be a non-empty string`);
  }
}

/**
 * Validates a batch to upsert and keeps the last occurrence of each key, as a
 * sequence of single upserts would. Blocking keys are de-duplicated.
 */
export function prepareRecords(
  records: readonly IndexedRecord[],
  dims: CandidateDimensions,
): IndexedRecord[] {
  const byKey = new Map<string, IndexedRecord>();
  for (const record of records) {
    checkKey(record.key, 'record');
    if (record.face !== null) checkVector(record.key, 'face', record.face, dims.face, 'record');
    checkFingers(record.key, record.fingers, dims.finger, 'record');
    for (const blockingKey of record.blockingKeys) {
      if (typeof blockingKey !== 'string' || blockingKey.length === 0) {
        throw new CandidateInputError(record.key, 'blockingKeys', 'must be non-empty strings');
      }
    }
    byKey.delete(record.key);
    byKey.set(record.key, { ...record, blockingKeys: [...new Set(record.blockingKeys)] });
  }
  return [...byKey.values()];
}

/** Validates queries and options; blocking keys are de-duplicated per query. */
export function prepareQueries(
  queries: readonly CandidateQuery[],
  options: CandidateSearchOptions,
  dims: CandidateDimensions,
): CandidateQuery[] {
  if (!Number.isInteger(options.k) || options.k < 1) {
    throw new CandidateInputError(undefined, 'k', 'must be an integer of at least 1');
  }
  if (!Number.isInteger(options.maxBlockSize) || options.maxBlockSize < 1) {
    throw new CandidateInputError(undefined, 'maxBlockSize', 'must be an integer of at least 1');
  }
  if (options.oversizedBlocks !== undefined && !['CUT', 'DROP'].includes(options.oversizedBlocks)) {
    throw new CandidateInputError(undefined, 'oversizedBlocks', 'must be CUT or DROP');
  }
  return queries.map((query) => {
    checkKey(query.key, 'query');
    if (query.face !== null) checkVector(query.key, 'face', query.face, dims.face, 'query');
    checkFingers(query.key, query.fingers, dims.finger, 'query');
    return { ...query, blockingKeys: [...new Set(query.blockingKeys)] };
  });
}

export function checkKeys(keys: readonly string[]): void {
  for (const key of keys) checkKey(key, 'record');
}

const SOURCE_ORDER: readonly CandidateSource[] = ['FACE', 'FINGER', 'BLOCKING'];

/**
 * Gathers one query's hits from every route into candidates that appear once,
 * each with all its routes, in order of first appearance.
 */
export class CandidateCollector {
  private readonly routes = new Map<string, Set<CandidateSource>>();
  private readonly oversized: string[] = [];

  constructor(private readonly ownKey: string) {}

  add(key: string, source: CandidateSource): void {
    if (key === this.ownKey) return;
    let sources = this.routes.get(key);
    if (!sources) {
      sources = new Set();
      this.routes.set(key, sources);
    }
    sources.add(source);
  }

  /**
   * Adds a block's members (the query's own key already excluded by the store)
   * cut to maxBlockSize; `members` may hold one more to reveal an oversized block.
   */
  addBlock(
    blockingKey: string,
    members: readonly string[],
    maxBlockSize: number,
    oversizedBlocks: 'CUT' | 'DROP' = 'CUT',
  ): void {
    const others = members.filter((key) => key !== this.ownKey);
    if (others.length > maxBlockSize) {
      this.oversized.push(blockingKey);
      if (oversizedBlocks === 'DROP') return;
    }
    for (const key of others.slice(0, maxBlockSize)) this.add(key, 'BLOCKING');
  }

  /** Keeps the first k neighbours other than the query itself. */
  addNeighbours(keys: readonly string[], k: number, source: CandidateSource): void {
    let taken = 0;
    for (const key of keys) {
      if (taken === k) break;
      if (key === this.ownKey) continue;
      this.add(key, source);
      taken += 1;
    }
  }

  result(): { candidates: Candidate[]; oversizedBlocks: string[] } {
    return {
      candidates: [...this.routes].map(([key, sources]) => ({
        key,
        via: SOURCE_ORDER.filter((s) => sources.has(s)),
      })),
      oversizedBlocks: [...this.oversized],
    };
  }
}
