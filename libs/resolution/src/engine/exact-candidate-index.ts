import { cosine } from '../biometric/similarity';
import type {
  CandidateIndex,
  CandidateQuery,
  CandidateSearchOptions,
  CandidateSearchResult,
  CandidateSource,
  IndexedRecord,
} from '../candidate-index.port';
import {
  CandidateCollector,
  checkKeys,
  DEFAULT_CANDIDATE_DIMENSIONS,
  prepareQueries,
  prepareRecords,
  type CandidateDimensions,
} from '../candidate-input';

/**
 * Exhaustive search: every stored vector is compared. It is the reference the
 * approximate adapters are measured against and the index of small runs
 * (tests, `mosaic link`, which has no vectors); O(n) per query, so not for
 * galleries of hundreds of thousands.
 */
export class ExactCandidateIndex implements CandidateIndex {
  private readonly records = new Map<string, IndexedRecord>();
  private readonly blocks = new Map<string, Set<string>>();

  constructor(private readonly dims: CandidateDimensions = DEFAULT_CANDIDATE_DIMENSIONS) {}

  async upsert(records: readonly IndexedRecord[]): Promise<void> {
    for (const record of prepareRecords(records, this.dims)) {
      this.drop(record.key);
      this.records.set(record.key, record);
      for (const key of record.blockingKeys) {
        const set = this.blocks.get(key) ?? new Set<string>();
        set.add(record.key);
        this.blocks.set(key, set);
      }
    }
  }

  async remove(keys: readonly string[]): Promise<void> {
    checkKeys(keys);
    for (const key of keys) this.drop(key);
  }

  async size(): Promise<number> {
    return this.records.size;
  }

  async search(
    queries: readonly CandidateQuery[],
    options: CandidateSearchOptions,
  ): Promise<CandidateSearchResult[]> {
    return prepareQueries(queries, options, this.dims).map((query) => {
      const collector = new CandidateCollector(query.key);
      const nearest = (score: (r: IndexedRecord) => number | null, via: CandidateSource) => {
        const hits: { key: string; score: number }[] = [];
        for (const record of this.records.values()) {
          if (record.key === query.key) continue;
          const s = score(record);
          if (s !== null) hits.push({ key: record.key, score: s });
        }
        hits.sort((x, y) => y.score - x.score || (x.key < y.key ? -1 : 1));
        collector.addNeighbours(
          hits.slice(0, options.k).map((h) => h.key),
          options.k,
          via,
        );
      };
      const face = query.face;
      if (face) nearest((r) => (r.face ? cosine(face, r.face) : null), 'FACE');
      for (const finger of query.fingers) {
        nearest((r) => {
          const other = r.fingers.find((f) => f.position === finger.position);
          return other ? cosine(finger.template, other.template) : null;
        }, 'FINGER');
      }
      for (const blockingKey of query.blockingKeys) {
        const members = [...(this.blocks.get(blockingKey) ?? [])].filter((k) => k !== query.key);
        collector.addBlock(
          blockingKey,
          members.slice(0, options.maxBlockSize + 1),
          options.maxBlockSize,
          options.oversizedBlocks,
        );
      }
      return collector.result();
    });
  }

  private drop(key: string): void {
    const old = this.records.get(key);
    if (!old) return;
    for (const block of old.blockingKeys) {
      const members = this.blocks.get(block);
      members?.delete(key);
      if (members?.size === 0) this.blocks.delete(block);
    }
    this.records.delete(key);
  }
}
