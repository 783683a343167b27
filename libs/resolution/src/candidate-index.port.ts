/**
 * The candidate index port: where the resolver looks for records that might be
 * the same person as a new one. Adapters: the search engine's approximate kNN
 * (infra), pgvector in PGlite (embedded) and an in-memory HNSW (in-process
 * engine, `mosaic link`), all held to one contract suite.
 */

export interface IndexedFinger {
  /** Finger position 1–10; each position is its own vector space. */
  position: number;
  template: Float32Array;
}

/** What the index keeps of a record: its vectors and its biographic blocking keys. */
export interface IndexedRecord {
  key: string;
  face: Float32Array | null;
  fingers: IndexedFinger[];
  /** Exact-match keys such as `doc:<number>` or `nyb:<phonetic surname>|<birth year>`. */
  blockingKeys: string[];
}

export interface CandidateQuery {
  /** The querying record's own key: never returned as its own candidate. */
  key: string;
  face: Float32Array | null;
  /** Finger positions to search (callers pick the best-quality few). */
  fingers: IndexedFinger[];
  blockingKeys: string[];
}

export type CandidateSource = 'FACE' | 'FINGER' | 'BLOCKING';

export interface Candidate {
  key: string;
  /** Every route that produced this candidate. */
  via: CandidateSource[];
}

export interface CandidateSearchOptions {
  /** Nearest neighbours per vector searched (face, each finger position). */
  k: number;
  /** Records returned per blocking key at most; a larger block is cut and reported. */
  maxBlockSize: number;
  /**
   * What a block larger than maxBlockSize proposes: its first maxBlockSize
   * records (CUT, the default) or nobody (DROP: a key that common says little,
   * and the caller finds its true pairs through a more selective key). Either
   * way it is reported in `oversizedBlocks`.
   */
  oversizedBlocks?: 'CUT' | 'DROP';
}

export interface CandidateSearchResult {
  candidates: Candidate[];
  /** Blocking keys whose block had more than maxBlockSize records (cut, not expanded). */
  oversizedBlocks: string[];
}

export interface CandidateIndex {
  /**
   * Adds or replaces records. When it resolves, every record written is visible
   * to `search` (read-your-writes): a record indexed a moment ago is never missed.
   */
  upsert(records: readonly IndexedRecord[]): Promise<void>;
  /** Candidates per query, in query order; each candidate appears once per query. */
  search(
    queries: readonly CandidateQuery[],
    options: CandidateSearchOptions,
  ): Promise<CandidateSearchResult[]>;
  remove(keys: readonly string[]): Promise<void>;
  /** Records in the index: the gallery size thresholds are computed for. */
  size(): Promise<number>;
}
