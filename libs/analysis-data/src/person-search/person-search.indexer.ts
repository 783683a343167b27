import type { PersonSearchIndex } from '@mosaic/analysis-model';
import type { SearchClient } from '@mosaic/search-engine';
import type { ReadModelListener } from '../projection-events';
import { ElasticsearchPersonSearch } from './elasticsearch-person-search';
import {
  PersonDocumentReader,
  SEARCHABLE_RECORD_SQL,
  type ReadModelSession,
} from './person-document.reader';

/** Progress of a full reindex, reported after every batch. */
export interface PersonReindexProgress {
  phase: 'index' | 'prune';
  /** Persons handled so far in this phase. */
  done: number;
  /** Persons to handle in the index phase (known up front); null while pruning. */
  total: number | null;
}

/**
 * Keeps a person search index in step with the read model: `personsChanged`
 * re-reads the persons' documents and syncs them (a person merged, split or
 * emptied is removed). The projection calls it after each batch it applies;
 * syncing the same persons twice is harmless, as a listener must allow.
 */
export class PersonSearchIndexer implements ReadModelListener {
  constructor(
    private readonly reader: PersonDocumentReader,
    private readonly index: PersonSearchIndex,
    private readonly batchSize = 500,
  ) {}

  async personsChanged(personIds: readonly string[]): Promise<void> {
    const ids = [...new Set(personIds)];
    for (let i = 0; i < ids.length; i += this.batchSize) {
      const batch = ids.slice(i, i + this.batchSize);
      await this.index.sync(batch, await this.reader.read(batch));
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ElasticsearchPersonIndexerOptions {
  session: ReadModelSession;
  client: SearchClient;
  index: string;
  batchSize?: number;
}

/**
 * Rebuilds the search engine's person index from the read model in place:
 * every person is re-synced, then documents of persons the read model no
 * longer has are removed. Searches keep working throughout (they see each
 * batch as soon as it is refreshed).
 */
export class ElasticsearchPersonReindexer extends PersonSearchIndexer {
  private readonly session: ReadModelSession;
  private readonly search: ElasticsearchPersonSearch;
  private readonly size: number;

  constructor(options: ElasticsearchPersonIndexerOptions) {
    const search = new ElasticsearchPersonSearch({ client: options.client, index: options.index });
    const batchSize = options.batchSize ?? 500;
    super(new PersonDocumentReader(options.session), search, batchSize);
    this.session = options.session;
    this.search = search;
    this.size = batchSize;
  }

  async ensureIndex(): Promise<void> {
    await this.search.ensureIndex();
  }

  async reindexAll(onProgress: (p: PersonReindexProgress) => void = () => {}): Promise<void> {
    await this.search.ensureIndex();
    const [{ persons }] = (await this.session.query(
      'SELECT count(DISTINCT person_id)::int AS persons FROM analysis_record WHERE person_id IS NOT NULL',
    )) as [{ persons: number }];
    let done = 0;
    let after: string | null = null;
    for (;;) {
      // Keyset pagination: a batch costs the same wherever it starts.
      const rows = (await this.session.query(
        `SELECT DISTINCT person_id::text AS id FROM analysis_record
         WHERE person_id IS NOT NULL AND ($1::uuid IS NULL OR person_id > $1::uuid)
         ORDER BY 1 LIMIT $2`,
        [after, this.size],
      )) as { id: string }[];
      if (rows.length === 0) break;
      await this.personsChanged(rows.map((r) => r.id));
      done += rows.length;
      after = (rows[rows.length - 1] as { id: string }).id;
      onProgress({ phase: 'index', done, total: persons });
    }
    let pruned = 0;
    let indexedAfter: string | null = null;
    for (;;) {
      const ids = await this.search.indexedPersonIds(indexedAfter, this.size);
      if (ids.length === 0) break;
      const stale = await this.withoutRecords(ids);
      if (stale.length > 0) await this.search.sync(stale, []);
      pruned += ids.length;
      indexedAfter = ids[ids.length - 1] as string;
      onProgress({ phase: 'prune', done: pruned, total: null });
    }
  }

  /** Those of the ids that no active person with records has any more. */
  private async withoutRecords(ids: readonly string[]): Promise<string[]> {
    const wellFormed = ids.filter((id) => UUID.test(id));
    const rows = (await this.session.query(
      `SELECT DISTINCT r.person_id::text AS id FROM analysis_record r
       WHERE r.person_id = ANY ($1::uuid[]) AND ${SEARCHABLE_RECORD_SQL}`,
      [wellFormed],
    )) as { id: string }[];
    const live = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !live.has(id));
  }
}

/**
 * The listener the analysis service registers in infra mode and `mosaic
 * reindex` drives: the read model's DataSource and the search client in,
 * person documents in the engine out.
 */
export function createPersonSearchIndexer(
  options: ElasticsearchPersonIndexerOptions,
): ElasticsearchPersonReindexer {
  return new ElasticsearchPersonReindexer(options);
}
