import { InMemoryCandidateIndex } from '@mosaic/candidate-index';
import type { RegisteredBatch } from '@mosaic/identity-data';
import type {
  CandidateQuery,
  CandidateSearchOptions,
  CandidateSearchResult,
} from '@mosaic/resolution';

/** A candidate found among other batches' records, with the batch it came in. */
export interface RecentCandidates {
  /** Per query (same order): candidates from other batches' records. */
  results: CandidateSearchResult[];
  /** Tickets of the batches those candidates belong to. */
  tickets: Map<string, number>;
}

/**
 * One worker's copy of the records other batches registered in
 * `resolution_batch` (in flight, or finished but perhaps not yet searchable
 * in the candidate index), in an in-memory index searched like the candidate
 * index. Each batch's records are read from the database once; a batch gone
 * from the table is dropped here.
 */
export class RecentBatches {
  private index = new InMemoryCandidateIndex();
  private readonly keysOf = new Map<number, string[]>();
  private readonly ticketOf = new Map<string, number>();
  private removed = 0;

  get known(): ReadonlySet<number> {
    return new Set(this.keysOf.keys());
  }

  /**
   * Called before reading the registered batches: usearch only marks removed
   * vectors, so once they outnumber the live ones the copy starts over (and
   * the next read brings every batch's records again).
   */
  compact(): void {
    if (this.removed <= 4 * Math.max(1_000, this.ticketOf.size)) return;
    this.index = new InMemoryCandidateIndex();
    this.removed = 0;
    this.keysOf.clear();
    this.ticketOf.clear();
  }

  /** Brings the copy in line with the batches now registered (records only for new ones). */
  async sync(batches: readonly RegisteredBatch[]): Promise<void> {
    const present = new Set(batches.map((b) => b.ticket));
    const gone = [...this.keysOf.keys()].filter((t) => !present.has(t));
    const goneKeys: string[] = [];
    for (const t of gone) {
      // A record redelivered in a later batch stays under that batch.
      for (const key of this.keysOf.get(t) ?? []) {
        if (this.ticketOf.get(key) !== t) continue;
        this.ticketOf.delete(key);
        goneKeys.push(key);
      }
      this.keysOf.delete(t);
    }
    if (goneKeys.length > 0) await this.index.remove(goneKeys);
    this.removed += goneKeys.length;
    for (const batch of batches) {
      if (!batch.records || this.keysOf.has(batch.ticket)) continue;
      await this.index.upsert(batch.records);
      this.keysOf.set(
        batch.ticket,
        batch.records.map((r) => r.key),
      );
      for (const r of batch.records) this.ticketOf.set(r.key, batch.ticket);
    }
  }

  /** Candidates for the queries among the records copied here. */
  async search(
    queries: readonly CandidateQuery[],
    options: CandidateSearchOptions,
  ): Promise<RecentCandidates> {
    if (this.ticketOf.size === 0) {
      return {
        results: queries.map(() => ({ candidates: [], oversizedBlocks: [] })),
        tickets: new Map(),
      };
    }
    const results = await this.index.search(queries, options);
    const tickets = new Map<string, number>();
    for (const r of results) {
      for (const c of r.candidates) {
        const ticket = this.ticketOf.get(c.key);
        if (ticket !== undefined) tickets.set(c.key, ticket);
      }
    }
    return { results, tickets };
  }
}
