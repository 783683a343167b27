import { cosine } from '../biometric/similarity';
import type {
  Candidate,
  CandidateIndex,
  CandidateQuery,
  CandidateSearchOptions,
  CandidateSearchResult,
  CandidateSource,
  IndexedRecord,
} from '../candidate-index.port';

/**
 * Exhaustive search: every stored vector is compared. It is the reference the
 * approximate adapters are measured against and the index of small runs
 * (tests, `mosaic link` on biographic data); O(n) per query, so not for
 * galleries of hundreds of thousands.
 */
export class ExactCandidateIndex implements CandidateIndex {
  private readonly records = new Map<string, IndexedRecord>();
  private readonly blocks = new Map<string, Set<string>>();

  async upsert(records: readonly IndexedRecord[]): Promise<void> {
    await this.remove(records.map((r) => r.key));
    for (const record of records) {
      this.records.set(record.key, record);
      for (const key of record.blockingKeys) {
        const set = this.blocks.get(key) ?? new Set<string>();
        set.add(record.key);
        this.blocks.set(key, set);
      }
    }
  }

  async remove(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const old = this.records.get(key);
      if (!old) continue;
      for (const block of old.blockingKeys) this.blocks.get(block)?.delete(key);
      this.records.delete(key);
    }
  }

  async size(): Promise<number> {
    return this.records.size;
  }

  async search(
    queries: readonly CandidateQuery[],
    options: CandidateSearchOptions,
  ): Promise<CandidateSearchResult[]> {
    return queries.map((query) => {
      const found = new Map<string, Set<CandidateSource>>();
      const add = (key: string, via: CandidateSource) => {
        if (key === query.key) return;
        const set = found.get(key) ?? new Set<CandidateSource>();
        set.add(via);
        found.set(key, set);
      };
      const nearest = (score: (r: IndexedRecord) => number | null, via: CandidateSource) => {
        const top: { key: string; score: number }[] = [];
        for (const record of this.records.values()) {
          if (record.key === query.key) continue;
          const s = score(record);
          if (s === null) continue;
          if (top.length < options.k) top.push({ key: record.key, score: s });
          else if (s > (top[top.length - 1] as { score: number }).score)
            top[top.length - 1] = { key: record.key, score: s };
          else continue;
          top.sort((x, y) => y.score - x.score);
        }
        for (const t of top) add(t.key, via);
      };
      if (query.face) {
        const face = query.face;
        nearest((r) => (r.face ? cosine(face, r.face) : null), 'FACE');
      }
      for (const finger of query.fingers) {
        nearest((r) => {
          const other = r.fingers.find((f) => f.position === finger.position);
          return other ? cosine(finger.template, other.template) : null;
        }, 'FINGER');
      }
      const oversizedBlocks: string[] = [];
      for (const blockKey of query.blockingKeys) {
        const members = this.blocks.get(blockKey);
        if (!members) continue;
        const others = [...members].filter((k) => k !== query.key);
        if (others.length > options.maxBlockSize) {
          oversizedBlocks.push(blockKey);
          continue;
        }
        for (const key of others) add(key, 'BLOCKING');
      }
      const candidates: Candidate[] = [...found].map(([key, via]) => ({
        key,
        via: [...via].sort(),
      }));
      return { candidates, oversizedBlocks };
    });
  }
}
