import type {
  CandidateIndex,
  CandidateQuery,
  CandidateSearchOptions,
  CandidateSearchResult,
  IndexedRecord,
} from '@mosaic/resolution';
import type { DataSource, EntityManager } from 'typeorm';
import { CandidateIndexSchemaError } from './candidate-index.errors';
import {
  CandidateCollector,
  checkKeys,
  FINGER_POSITIONS,
  prepareQueries,
  prepareRecords,
  type CandidateDimensions,
} from '@mosaic/resolution';
import {
  PGVECTOR_FACE_DIMENSIONS,
  PGVECTOR_FINGER_DIMENSIONS,
} from './migrations/1764300000000-create-candidate-index';

/** Where the tables live: the service's DataSource, or a caller's transaction. */
export type PgvectorSession = DataSource | EntityManager;

export interface PgvectorCandidateIndexOptions {
  session: PgvectorSession;
  /**
   * HNSW candidate list per graph search (`hnsw.ef_search`), raised to
   * 4 × (k + 1) for larger k; pgvector caps it at 1000. Among 2,400 random
   * faces, 64 found 87% of genuine pairs at cosine 0.25, 128 found 98% and 256
   * all of them, at 86, 82 and 80 queries/s.
   */
  efSearch?: number;
  /** Records per INSERT statement within one upsert transaction. */
  chunkSize?: number;
}

type Queryable = Pick<EntityManager, 'query'>;

const DIMENSIONS: CandidateDimensions = {
  face: PGVECTOR_FACE_DIMENSIONS,
  finger: PGVECTOR_FINGER_DIMENSIONS,
};

// pgvector's text input; a float32 printed as a double reads back bit for bit.
function vectorLiteral(vector: Float32Array): string {
  return `[${Array.prototype.join.call(vector, ',')}]`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The embedded-mode candidate index: pgvector (0.8 or later, for iterative
 * scans) HNSW graphs in the identity service's database (tables from
 * CreateCandidateIndex1764300000000). Each
 * upsert is one transaction, so a record is visible to the next search as soon
 * as `upsert` resolves. Given an EntityManager inside a transaction, writes
 * join that transaction (nested as a savepoint), e.g. with the processed-event
 * row of the consumer that triggered them.
 */
export class PgvectorCandidateIndex implements CandidateIndex {
  private readonly session: PgvectorSession;
  private readonly efSearch: number;
  private readonly chunkSize: number;
  private schemaChecked: Promise<void> | undefined;

  constructor(options: PgvectorCandidateIndexOptions) {
    this.session = options.session;
    this.efSearch = options.efSearch ?? 256;
    this.chunkSize = options.chunkSize ?? 250;
  }

  /** The dimensions the migration fixed; vectors of any other length are refused. */
  get dimensions(): CandidateDimensions {
    return DIMENSIONS;
  }

  async upsert(records: readonly IndexedRecord[]): Promise<void> {
    const prepared = prepareRecords(records, DIMENSIONS);
    if (prepared.length === 0) return;
    await this.ensureSchema();
    await this.session.transaction(async (tx) => {
      for (const batch of chunks(prepared, this.chunkSize)) await this.write(tx, batch);
    });
  }

  async search(
    queries: readonly CandidateQuery[],
    options: CandidateSearchOptions,
  ): Promise<CandidateSearchResult[]> {
    const prepared = prepareQueries(queries, options, DIMENSIONS);
    if (prepared.length === 0) return [];
    await this.ensureSchema();
    const collectors = prepared.map((q) => new CandidateCollector(q.key));
    const efSearch = Math.min(1000, Math.max(this.efSearch, 4 * (options.k + 1)));

    await this.session.transaction(async (tx) => {
      // Deleted and replaced rows stay in the graphs until VACUUM (which PGlite
      // never runs on its own); an iterative scan walks past them instead of
      // returning fewer than k live neighbours. The planner prices a sequential
      // scan without de-TOASTing the 2 kB vectors: on 2,400 faces with
      // ef_search 128 it chose one that took 1.7 s per query against 10 ms
      // through the graph, so sequential scans are off for these statements.
      await tx.query(
        `SELECT set_config('hnsw.ef_search', $1, true),
                set_config('hnsw.iterative_scan', 'strict_order', true),
                set_config('enable_seqscan', 'off', true)`,
        [String(efSearch)],
      );

      const faces = prepared.flatMap((q, i) => (q.face ? [{ at: i, q, vector: q.face }] : []));
      if (faces.length > 0) {
        const rows = (await tx.query(
          `SELECT q.at, c.key
             FROM unnest($1::int[], $2::text[], $3::text[]) AS q(at, own, embedding)
             CROSS JOIN LATERAL (
               SELECT f.key FROM candidate_face f
                WHERE f.key <> q.own
                ORDER BY f.embedding <=> q.embedding::vector(${DIMENSIONS.face})
                LIMIT $4) c`,
          [
            faces.map((f) => f.at),
            faces.map((f) => f.q.key),
            faces.map((f) => vectorLiteral(f.vector)),
            options.k,
          ],
        )) as { at: number; key: string }[];
        for (const row of rows) collectors[row.at]?.add(row.key, 'FACE');
      }

      for (const position of FINGER_POSITIONS) {
        const fingers = prepared.flatMap((q, i) => {
          const finger = q.fingers.find((f) => f.position === position);
          return finger ? [{ at: i, q, vector: finger.template }] : [];
        });
        if (fingers.length === 0) continue;
        // The position is a literal so the planner can pick that position's partial graph.
        const rows = (await tx.query(
          `SELECT q.at, c.key
             FROM unnest($1::int[], $2::text[], $3::text[]) AS q(at, own, embedding)
             CROSS JOIN LATERAL (
               SELECT f.key FROM candidate_finger f
                WHERE f.position = ${position} AND f.key <> q.own
                ORDER BY f.embedding <=> q.embedding::vector(${DIMENSIONS.finger})
                LIMIT $4) c`,
          [
            fingers.map((f) => f.at),
            fingers.map((f) => f.q.key),
            fingers.map((f) => vectorLiteral(f.vector)),
            options.k,
          ],
        )) as { at: number; key: string }[];
        for (const row of rows) collectors[row.at]?.add(row.key, 'FINGER');
      }

      const blocks = prepared.flatMap((q, i) =>
        q.blockingKeys.map((blockingKey) => ({ at: i, own: q.key, blockingKey })),
      );
      if (blocks.length > 0) {
        // One row more than allowed tells an oversized block from a full one.
        const rows = (await tx.query(
          `SELECT q.at, q.block_key, c.key
             FROM unnest($1::int[], $2::text[], $3::text[]) AS q(at, block_key, own)
             CROSS JOIN LATERAL (
               SELECT b.key FROM candidate_block b
                WHERE b.block_key = q.block_key AND b.key <> q.own
                LIMIT $4) c`,
          [
            blocks.map((b) => b.at),
            blocks.map((b) => b.blockingKey),
            blocks.map((b) => b.own),
            options.maxBlockSize + 1,
          ],
        )) as { at: number; block_key: string; key: string }[];
        const members = new Map<string, string[]>();
        for (const row of rows) {
          const id = `${row.at}\u0000${row.block_key}`;
          const list = members.get(id) ?? [];
          list.push(row.key);
          members.set(id, list);
        }
        for (const block of blocks) {
          const found = members.get(`${block.at}\u0000${block.blockingKey}`) ?? [];
          collectors[block.at]?.addBlock(
            block.blockingKey,
            found,
            options.maxBlockSize,
            options.oversizedBlocks,
          );
        }
      }
    });
    return collectors.map((c) => c.result());
  }

  async remove(keys: readonly string[]): Promise<void> {
    checkKeys(keys);
    if (keys.length === 0) return;
    await this.ensureSchema();
    await this.session.query('DELETE FROM candidate_record WHERE key = ANY($1::text[])', [
      [...keys],
    ]);
  }

  async size(): Promise<number> {
    await this.ensureSchema();
    const [row] = (await this.session.query('SELECT count(*)::int AS n FROM candidate_record')) as {
      n: number;
    }[];
    return row?.n ?? 0;
  }

  /**
   * Writes one chunk. Rows are replaced only where they changed: a re-delivered
   * event re-upserts the same vectors, and every needless new row version
   * would leave a dead entry in the HNSW graph until the next VACUUM.
   */
  private async write(tx: Queryable, records: readonly IndexedRecord[]): Promise<void> {
    const keys = records.map((r) => r.key);
    await tx.query(
      'INSERT INTO candidate_record (key) SELECT unnest($1::text[]) ON CONFLICT (key) DO NOTHING',
      [keys],
    );

    const withFace = records.filter((r) => r.face !== null);
    await tx.query('DELETE FROM candidate_face WHERE key = ANY($1::text[])', [
      records.filter((r) => r.face === null).map((r) => r.key),
    ]);
    if (withFace.length > 0) {
      await tx.query(
        `INSERT INTO candidate_face (key, embedding)
           SELECT k, e::vector FROM unnest($1::text[], $2::text[]) AS t(k, e)
           ON CONFLICT (key) DO UPDATE SET embedding = EXCLUDED.embedding
           WHERE candidate_face.embedding IS DISTINCT FROM EXCLUDED.embedding`,
        [withFace.map((r) => r.key), withFace.map((r) => vectorLiteral(r.face as Float32Array))],
      );
    }

    const fingers = records.flatMap((r) => r.fingers.map((f) => ({ key: r.key, finger: f })));
    await tx.query(
      `DELETE FROM candidate_finger f
        WHERE f.key = ANY($1::text[])
          AND (f.key, f.position) NOT IN (SELECT * FROM unnest($2::text[], $3::smallint[]))`,
      [keys, fingers.map((f) => f.key), fingers.map((f) => f.finger.position)],
    );
    if (fingers.length > 0) {
      await tx.query(
        `INSERT INTO candidate_finger (key, position, embedding)
           SELECT k, p, e::vector FROM unnest($1::text[], $2::smallint[], $3::text[]) AS t(k, p, e)
           ON CONFLICT (key, position) DO UPDATE SET embedding = EXCLUDED.embedding
           WHERE candidate_finger.embedding IS DISTINCT FROM EXCLUDED.embedding`,
        [
          fingers.map((f) => f.key),
          fingers.map((f) => f.finger.position),
          fingers.map((f) => vectorLiteral(f.finger.template)),
        ],
      );
    }

    const blocks = records.flatMap((r) => r.blockingKeys.map((b) => ({ key: r.key, block: b })));
    await tx.query(
      `DELETE FROM candidate_block b
        WHERE b.key = ANY($1::text[])
          AND (b.block_key, b.key) NOT IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [keys, blocks.map((b) => b.block), blocks.map((b) => b.key)],
    );
    if (blocks.length > 0) {
      await tx.query(
        `INSERT INTO candidate_block (block_key, key)
           SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
        [blocks.map((b) => b.block), blocks.map((b) => b.key)],
      );
    }
  }

  private ensureSchema(): Promise<void> {
    this.schemaChecked ??= this.checkSchema().catch((error: unknown) => {
      this.schemaChecked = undefined;
      throw error;
    });
    return this.schemaChecked;
  }

  private async checkSchema(): Promise<void> {
    const [row] = (await this.session.query(
      "SELECT to_regclass('candidate_face') IS NOT NULL AS present",
    )) as { present: boolean }[];
    if (!row?.present) {
      throw new CandidateIndexSchemaError(
        'the candidate index tables are missing: run migration CreateCandidateIndex1764300000000 on a database with the pgvector extension',
      );
    }
  }
}
