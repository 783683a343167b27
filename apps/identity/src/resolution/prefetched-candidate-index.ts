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
  return records.map((record) => {
    const prepared = prepareRecord(normaliseRecord(record), model);
    return {
      key: record.key,
      face: prepared.face,
      fingers: searchPositions(prepared, options.fingerSearchPositions).map((position) => ({
        position,
        template: prepared.fingers[position] as Float32Array,
      })),
      blockingKeys: prepared.features.blockingKeys,
    };
  });
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
