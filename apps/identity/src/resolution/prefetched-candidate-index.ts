import {
  normaliseRecord,
  prepareRecord,
  searchPositions,
  type CandidateIndex,
  type CandidateQuery,
  type CandidateSearchOptions,
  type CandidateSearchResult,
  type IndexedRecord,
  type ResolutionModel,
  type ResolutionRecord,
  type ResolverOptions,
} from '@mosaic/resolution';

/** The candidate queries the resolver makes for these records (same preparation, same finger choice). */
export function candidateQueries(
  records: readonly ResolutionRecord[],
  model: ResolutionModel,
  options: ResolverOptions,
): CandidateQuery[] {
  return preparedBatch(records, model, options).queries;
}

/**
 * The resolver's candidate queries for these records and the records as the
 * resolver indexes them (every usable finger, the same blocking keys).
 */
export function preparedBatch(
  records: readonly ResolutionRecord[],
  model: ResolutionModel,
  options: ResolverOptions,
): { queries: CandidateQuery[]; indexed: IndexedRecord[] } {
  const queries: CandidateQuery[] = [];
  const indexed: IndexedRecord[] = [];
  for (const record of records) {
    const prepared = prepareRecord(normaliseRecord(record), model);
    const blockingKeys = prepared.features.blockingKeys;
    queries.push({
      key: record.key,
      face: prepared.face,
      fingers: searchPositions(prepared, options.fingerSearchPositions).map((position) => ({
        position,
        template: prepared.fingers[position] as Float32Array,
      })),
      blockingKeys,
    });
    const fingers = [];
    for (let p = 1; p <= 10; p++) {
      const template = prepared.fingers[p];
      if (template) fingers.push({ position: p, template });
    }
    indexed.push({ key: record.key, face: prepared.face, fingers, blockingKeys });
  }
  return { queries, indexed };
}

/** Both searches' candidates for each query: the index's, and those found among recent batches. */
export function mergeCandidates(
  first: ReadonlyMap<string, CandidateSearchResult>,
  queries: readonly CandidateQuery[],
  second: readonly CandidateSearchResult[],
): Map<string, CandidateSearchResult> {
  const merged = new Map<string, CandidateSearchResult>();
  queries.forEach((query, i) => {
    const a = first.get(query.key) ?? { candidates: [], oversizedBlocks: [] };
    const b = second[i];
    if (!b || b.candidates.length === 0) {
      merged.set(query.key, a);
      return;
    }
    const byKey = new Map(a.candidates.map((c) => [c.key, { key: c.key, via: [...c.via] }]));
    for (const c of b.candidates) {
      const known = byKey.get(c.key);
      if (!known) byKey.set(c.key, { key: c.key, via: [...c.via] });
      else for (const route of c.via) if (!known.via.includes(route)) known.via.push(route);
    }
    merged.set(query.key, {
      candidates: [...byKey.values()],
      oversizedBlocks: [...new Set([...a.oversizedBlocks, ...b.oversizedBlocks])],
    });
  });
  return merged;
}

/**
 * Serves the resolver the candidates found before it ran. The batch's cluster
 * state can only be restored once the candidates are known (it must hold the
 * persons the batch may link to), and the resolver searches inside
 * `resolveBatch`; searching first and answering the resolver's identical
 * search from that keeps both in step at the cost of no second search.
 *
 * A search that was not prefetched goes to the index, and its candidates are
 * kept to the records whose persons were restored: a record the index holds
 * but the database does not (a search engine write whose batch then rolled
 * back) is never a candidate.
 */
export class PrefetchedCandidateIndex implements CandidateIndex {
  constructor(
    private readonly index: CandidateIndex,
    private readonly prefetched: ReadonlyMap<string, CandidateSearchResult>,
    private readonly options: CandidateSearchOptions,
    private readonly restored: ReadonlySet<string>,
  ) {}

  static async prefetch(
    index: CandidateIndex,
    queries: readonly CandidateQuery[],
    options: CandidateSearchOptions,
  ): Promise<Map<string, CandidateSearchResult>> {
    const results = await index.search(queries, options);
    return new Map(queries.map((q, i) => [q.key, results[i] as CandidateSearchResult]));
  }

  async search(
    queries: readonly CandidateQuery[],
    options: CandidateSearchOptions,
  ): Promise<CandidateSearchResult[]> {
    const same =
      options.k === this.options.k &&
      options.maxBlockSize === this.options.maxBlockSize &&
      queries.every((q) => this.prefetched.has(q.key));
    if (same) return queries.map((q) => this.prefetched.get(q.key) as CandidateSearchResult);
    const results = await this.index.search(queries, options);
    return results.map((r) => ({
      ...r,
      candidates: r.candidates.filter((c) => this.restored.has(c.key)),
    }));
  }

  upsert(records: readonly IndexedRecord[]): Promise<void> {
    return this.index.upsert(records);
  }

  remove(keys: readonly string[]): Promise<void> {
    return this.index.remove(keys);
  }

  size(): Promise<number> {
    return this.index.size();
  }
}
