import {
  normaliseRecord,
  type RecordFeatures,
  type RecordStore,
  type ResolutionRecord,
} from '@mosaic/resolution';
import type { EntityManager } from 'typeorm';
import { decodeRecord, encodeRecord, type StoredRecordRow } from './record-codec';
import type { RecordFeaturesCache } from './record-features-cache';

/** A record to store with what resolving it decided. */
export interface ResolvedRecordRow {
  record: ResolutionRecord;
  personId: string;
  flags: readonly string[];
  eventId: string;
}

/** Eleven parameters a row: 500 rows stay far below PostgreSQL's 65,535. */
const CHUNK = 500;

/**
 * The resolver's record store on `identity_record`, bound to one batch's
 * transaction. Features are decoded and normalised once and then served from
 * a cache shared by every batch; a record only enters the cache once its
 * transaction committed (`committed()`), so a rolled-back batch leaves
 * nothing behind that the database does not hold.
 *
 * `put` only stages: the row needs the record's person, which the clustering
 * decides after the resolver has put the batch, so the batch's writer stores
 * the rows (`insert`) together with the persons.
 */
export class PostgresRecordStore implements RecordStore {
  private readonly staged = new Map<string, RecordFeatures>();

  constructor(
    private readonly manager: EntityManager,
    private readonly cache: RecordFeaturesCache,
  ) {}

  async get(keys: readonly string[]): Promise<Map<string, RecordFeatures>> {
    const found = new Map<string, RecordFeatures>();
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const features = this.cache.get(key) ?? this.staged.get(key);
      if (features) found.set(key, features);
      else missing.push(key);
    }
    if (missing.length === 0) return found;
    const rows = (await this.manager.query(
      `SELECT key, biographic, face, face_quality, fingers
         FROM identity_record WHERE key = ANY($1::text[])`,
      [missing],
    )) as StoredRecordRow[];
    for (const row of rows) {
      const features = normaliseRecord(decodeRecord(row));
      found.set(row.key, features);
      this.staged.set(row.key, features);
    }
    return found;
  }

  async put(features: readonly RecordFeatures[]): Promise<void> {
    for (const f of features) this.staged.set(f.record.key, f);
  }

  /** Keys of these records already stored (a record may come again in a new event). */
  async existing(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = (await this.manager.query(
      'SELECT key FROM identity_record WHERE key = ANY($1::text[])',
      [[...keys]],
    )) as { key: string }[];
    return new Set(rows.map((r) => r.key));
  }

  /** Stores resolved records; their persons must exist (same transaction). */
  async insert(rows: readonly ResolvedRecordRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const params: unknown[] = [];
      const values = rows.slice(i, i + CHUNK).map((row) => {
        const encoded = encodeRecord(row.record);
        const p = params.length;
        params.push(
          row.record.key,
          row.record.source,
          row.record.recordId,
          row.personId,
          row.record.observedAt,
          JSON.stringify(encoded.biographic),
          encoded.face,
          encoded.faceQuality,
          encoded.fingers,
          [...row.flags],
          row.eventId,
        );
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}::uuid, $${p + 5}::timestamptz, $${p + 6}::jsonb,
          decode($${p + 7}, 'base64'), $${p + 8}::double precision, decode($${p + 9}, 'base64'),
          $${p + 10}::text[], $${p + 11}::uuid)`;
      });
      await this.manager.query(
        `INSERT INTO identity_record
           (key, source, record_id, person_id, observed_at, biographic, face, face_quality, fingers, flags, event_id)
         VALUES ${values.join(', ')}`,
        params,
      );
    }
  }

  /** The transaction committed: what it read and wrote may now serve later batches. */
  committed(): void {
    for (const features of this.staged.values()) this.cache.set(features);
    this.staged.clear();
  }
}
