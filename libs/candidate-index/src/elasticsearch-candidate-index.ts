import type {
  CandidateIndex,
  CandidateQuery,
  CandidateSearchOptions,
  CandidateSearchResult,
  CandidateSource,
  IndexedRecord,
} from '@mosaic/resolution';
import { searchErrors, type SearchClient } from '@mosaic/search-engine';
import {
  CandidateIndexSchemaError,
  CandidateIndexSearchError,
  CandidateIndexWriteError,
} from './candidate-index.errors';
import {
  CandidateCollector,
  checkKeys,
  DEFAULT_CANDIDATE_DIMENSIONS,
  FINGER_POSITIONS,
  prepareQueries,
  prepareRecords,
  type CandidateDimensions,
} from '@mosaic/resolution';

export const DEFAULT_CANDIDATE_INDEX_NAME = 'mosaic-candidates';

export interface ElasticsearchCandidateIndexOptions {
  client: SearchClient;
  /** Index name; one index holds faces, the ten finger spaces and blocking keys. */
  index?: string;
  dimensions?: CandidateDimensions;
  /**
   * HNSW candidates gathered per shard for each kNN search, as a multiple of
   * the neighbours asked for (at least 100, at most 10,000, the engine's limit).
   */
  numCandidatesFactor?: number;
  /**
   * int8_hnsw (the default) keeps a quarter of the vector memory and searches
   * faster; hnsw keeps float32 vectors in the graph.
   */
  vectorIndexType?: 'int8_hnsw' | 'hnsw';
  /**
   * Refresh on every write (the default), so `search` sees it at once as the
   * port promises. False leaves writes to the engine's refresh interval (or to
   * `refresh()`): no segment per write, and the caller answers for records not
   * yet searchable (the identity service through resolution_batch,
   * docs/adr/0013-resolution-without-a-global-lock.md).
   */
  refreshOnWrite?: boolean;
}

interface CandidateDocument {
  face?: number[];
  blocking_keys: string[];
  [finger: `finger_${number}`]: number[];
}

type Route =
  | { at: number; kind: 'knn'; source: CandidateSource }
  | { at: number; kind: 'block'; blockingKey: string };

const fingerField = (position: number) => `finger_${position}`;

/**
 * The infra-mode candidate index on Elasticsearch 8.19: one document per
 * record (`_id` = key) with a cosine HNSW `face` vector, one vector field per
 * finger position (so the positions are separate spaces) and `blocking_keys`.
 * A search is one `_msearch`: a kNN search per vector and a filter per
 * blocking key. Only server-core features are used (no scripts, no
 * mapper-extras types): the Maven-jar node of infra/search has nothing more.
 */
export class ElasticsearchCandidateIndex implements CandidateIndex {
  readonly index: string;
  readonly dimensions: CandidateDimensions;
  private readonly client: SearchClient;
  private readonly numCandidatesFactor: number;
  private readonly vectorIndexType: 'int8_hnsw' | 'hnsw';
  private readonly refreshOnWrite: boolean;

  constructor(options: ElasticsearchCandidateIndexOptions) {
    this.client = options.client;
    this.index = options.index ?? DEFAULT_CANDIDATE_INDEX_NAME;
    this.dimensions = options.dimensions ?? DEFAULT_CANDIDATE_DIMENSIONS;
    this.numCandidatesFactor = options.numCandidatesFactor ?? 4;
    this.vectorIndexType = options.vectorIndexType ?? 'int8_hnsw';
    this.refreshOnWrite = options.refreshOnWrite ?? true;
  }

  /** Makes every write so far searchable. */
  async refresh(): Promise<void> {
    await this.client.indices.refresh({ index: this.index });
  }

  /**
   * Creates the index unless it exists; an existing index must have this
   * index's vector dimensions. Safe to call from every service at boot.
   */
  async ensureIndex(): Promise<void> {
    const vector = (dims: number) => ({
      type: 'dense_vector' as const,
      dims,
      index: true,
      similarity: 'cosine' as const,
      index_options: { type: this.vectorIndexType, m: 16, ef_construction: 100 },
    });
    try {
      await this.client.indices.create({
        index: this.index,
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: {
          dynamic: 'strict',
          _source: { excludes: ['face', ...FINGER_POSITIONS.map(fingerField)] },
          properties: {
            face: vector(this.dimensions.face),
            ...Object.fromEntries(
              FINGER_POSITIONS.map((p) => [fingerField(p), vector(this.dimensions.finger)]),
            ),
            blocking_keys: { type: 'keyword' },
          },
        },
      });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      await this.checkMapping();
    }
  }

  /**
   * Bulk-writes the records and, unless `refreshOnWrite` is false, refreshes
   * before resolving. A search only sees refreshed segments and the port
   * promises read-your-writes. Waiting for the
   * periodic refresh (`refresh=wait_for`) took ~1 s per single-record upsert
   * here (the 1 s refresh interval); refreshing at once took ~20 ms against
   * ~4 ms without, and leaves one small segment per call, which the merge
   * policy folds back (~30 segments after 100 single upserts on 3,000 records).
   */
  async upsert(records: readonly IndexedRecord[]): Promise<void> {
    const prepared = prepareRecords(records, this.dimensions);
    if (prepared.length === 0) return;
    const operations = prepared.flatMap((record) => [
      { index: { _index: this.index, _id: record.key } },
      toDocument(record),
    ]);
    const response = await this.client.bulk({ operations, refresh: this.refreshOnWrite });
    if (response.errors) {
      const failures = response.items.flatMap((item) => {
        const result = item.index;
        return result?.error
          ? [{ key: result._id ?? '?', reason: result.error.reason ?? result.error.type }]
          : [];
      });
      throw new CandidateIndexWriteError('upsert', failures);
    }
  }

  async search(
    queries: readonly CandidateQuery[],
    options: CandidateSearchOptions,
  ): Promise<CandidateSearchResult[]> {
    const prepared = prepareQueries(queries, options, this.dimensions);
    const collectors = prepared.map((q) => new CandidateCollector(q.key));
    const routes: Route[] = [];
    const searches: object[] = [];
    // One neighbour more than k: the query's own record may be among them.
    const wanted = options.k + 1;
    const numCandidates = Math.min(10_000, Math.max(100, this.numCandidatesFactor * wanted));
    const knn = (at: number, field: string, vector: Float32Array, source: CandidateSource) => {
      routes.push({ at, kind: 'knn', source });
      searches.push(
        {},
        {
          size: wanted,
          _source: false,
          knn: {
            field,
            query_vector: Array.from(vector),
            k: wanted,
            num_candidates: numCandidates,
          },
        },
      );
    };

    prepared.forEach((query, at) => {
      if (query.face) knn(at, 'face', query.face, 'FACE');
      for (const finger of query.fingers) {
        knn(at, fingerField(finger.position), finger.template, 'FINGER');
      }
      for (const blockingKey of query.blockingKeys) {
        routes.push({ at, kind: 'block', blockingKey });
        // One hit more than allowed tells an oversized block from a full one.
        searches.push(
          {},
          {
            size: options.maxBlockSize + 1,
            _source: false,
            track_total_hits: false,
            sort: ['_doc'],
            query: {
              bool: {
                filter: [{ term: { blocking_keys: blockingKey } }],
                must_not: [{ ids: { values: [query.key] } }],
              },
            },
          },
        );
      }
    });

    if (routes.length > 0) {
      const response = await this.client.msearch({ index: this.index, searches });
      const failed: string[] = [];
      response.responses.forEach((item, i) => {
        const route = routes[i] as Route;
        if ('error' in item) {
          failed.push(item.error.reason ?? item.error.type);
          return;
        }
        const keys = item.hits.hits.map((hit) => hit._id as string);
        const collector = collectors[route.at] as CandidateCollector;
        if (route.kind === 'knn') collector.addNeighbours(keys, options.k, route.source);
        else
          collector.addBlock(
            route.blockingKey,
            keys,
            options.maxBlockSize,
            options.oversizedBlocks,
          );
      });
      if (failed.length > 0) throw new CandidateIndexSearchError(failed);
    }
    return collectors.map((c) => c.result());
  }

  async remove(keys: readonly string[]): Promise<void> {
    checkKeys(keys);
    if (keys.length === 0) return;
    const response = await this.client.bulk({
      operations: keys.map((key) => ({ delete: { _index: this.index, _id: key } })),
      refresh: this.refreshOnWrite,
    });
    if (response.errors) {
      const failures = response.items.flatMap((item) => {
        const result = item.delete;
        // Removing a key that was never indexed is not a failure.
        return result?.error
          ? [{ key: result._id ?? '?', reason: result.error.reason ?? result.error.type }]
          : [];
      });
      if (failures.length > 0) throw new CandidateIndexWriteError('remove', failures);
    }
  }

  async size(): Promise<number> {
    const { count } = await this.client.count({ index: this.index });
    return count;
  }

  private async checkMapping(): Promise<void> {
    const mappings = await this.client.indices.getMapping({ index: this.index });
    const properties = Object.values(mappings)[0]?.mappings.properties ?? {};
    const dimsOf = (field: string) => (properties[field] as { dims?: number } | undefined)?.dims;
    const expected: [string, number][] = [
      ['face', this.dimensions.face],
      ...FINGER_POSITIONS.map((p): [string, number] => [fingerField(p), this.dimensions.finger]),
    ];
    const wrong = expected.filter(([field, dims]) => dimsOf(field) !== dims);
    if (wrong.length > 0 || !properties['blocking_keys']) {
      throw new CandidateIndexSchemaError(
        `index ${this.index} exists with another mapping (${wrong
          .map(([field, dims]) => `${field}: ${dimsOf(field) ?? 'missing'} dims, expected ${dims}`)
          .join(', ')}${properties['blocking_keys'] ? '' : ', blocking_keys missing'})`,
      );
    }
  }
}

function toDocument(record: IndexedRecord): CandidateDocument {
  const document: CandidateDocument = { blocking_keys: record.blockingKeys };
  if (record.face) document.face = Array.from(record.face);
  for (const finger of record.fingers) {
    document[`finger_${finger.position}`] = Array.from(finger.template);
  }
  return document;
}

function isAlreadyExists(error: unknown): boolean {
  return (
    error instanceof searchErrors.ResponseError &&
    (error.body as { error?: { type?: string } } | undefined)?.error?.type ===
      'resource_already_exists_exception'
  );
}
