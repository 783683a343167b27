import type { AnalysisRecord } from '@mosaic/analysis-model';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { ReadModelPersonStatus } from './projection-events';
import {
  lockReadModel,
  type MembershipState,
  syncRecordPersons,
  upsertMemberships,
  upsertPersons,
  upsertRecords,
} from './projection-sql';

/**
 * How far before its start a rebuild dates the memberships it writes. A
 * person event older than the marker loses to the rebuild's placement of the
 * same record, one newer wins. The margin covers events created before the
 * rebuild started but committed, by identity, only after it read them, and
 * clock skew between identity and this database.
 */
export const REBUILD_MARKER_MARGIN_MS = 60_000;

export interface RebuiltPerson {
  id: string;
  status: ReadModelPersonStatus;
  mergedInto: string | null;
}

export interface RebuiltRecord {
  record: AnalysisRecord;
  /** The source event that published the record (from the source's outbox), if still known. */
  eventId: string | null;
}

export interface RebuildCleanup {
  deletedRecords: number;
  deletedMemberships: number;
  deletedPersons: string[];
}

/**
 * Rebuilds the read model in place from the source and identity databases,
 * one page per transaction, while queries and the projection go on: rows are
 * upserted, never emptied first, and `finish` deletes what no page wrote
 * (rows untouched since the rebuild began: their record or person no longer
 * exists). Writes race safely with the projection: a row the projection
 * touched after the rebuild began keeps the projection's (newer) view.
 */
export class ReadModelRebuild {
  private constructor(
    private readonly dataSource: DataSource,
    /** The database's clock when the rebuild began. */
    readonly startedAt: Date,
    /** The event id memberships written by this rebuild carry. */
    readonly marker: string,
  ) {}

  static async begin(dataSource: DataSource): Promise<ReadModelRebuild> {
    const [row] = (await dataSource.query('SELECT now() AS now')) as { now: Date | string }[];
    const startedAt = new Date(row?.now ?? Date.now());
    const marker = uuidv7({
      msecs: startedAt.getTime() - REBUILD_MARKER_MARGIN_MS,
      seq: 0,
      random: new Uint8Array(16),
    });
    return new ReadModelRebuild(dataSource, startedAt, marker);
  }

  async persons(page: readonly RebuiltPerson[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockReadModel(manager);
      await upsertPersons(manager, page, this.startedAt);
    });
  }

  /**
   * Places records on persons as identity has them now; returns how many
   * moved. `state` (SUSPENDED for a record whose link is under an open
   * dispute in identity, else ACTIVE) is written when given; without it a
   * membership keeps the state the projection gave it.
   */
  async memberships(
    page: readonly { recordKey: string; personId: string; state?: MembershipState }[],
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await lockReadModel(manager);
      const moved = await upsertMemberships(
        manager,
        page.map((m) => ({ ...m, eventId: this.marker })),
        this.startedAt,
      );
      await syncRecordPersons(
        manager,
        moved.map((m) => m.recordKey),
      );
      return moved.length;
    });
  }

  async records(page: readonly RebuiltRecord[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockReadModel(manager);
      const unknown = page.filter((r) => r.eventId === null).map((r) => r.record.key);
      const stored = new Map<string, string>();
      if (unknown.length > 0) {
        const rows = (await manager.query(
          'SELECT key, event_id FROM analysis_record WHERE key = ANY($1::text[])',
          [unknown],
        )) as { key: string; event_id: string }[];
        for (const r of rows) stored.set(r.key, r.event_id);
      }
      await upsertRecords(
        manager,
        page.map((r) => ({
          record: r.record,
          // The outbox no longer holds it (retention): keep the id the read model had.
          eventId: r.eventId ?? stored.get(r.record.key) ?? uuidv7(),
        })),
      );
    });
  }

  /** Deletes what no page wrote and nothing touched since the rebuild began. */
  async finish(): Promise<RebuildCleanup> {
    return this.dataSource.transaction(async (manager) => {
      await lockReadModel(manager);
      const deleted = async <T>(sql: string): Promise<T[]> =>
        deletedRows<T>(await manager.query(sql, [this.startedAt]));
      const memberships = await deleted(
        'DELETE FROM analysis_membership WHERE updated_at < $1 RETURNING record_key',
      );
      const records = await deleted(
        'DELETE FROM analysis_record WHERE updated_at < $1 RETURNING key',
      );
      const persons = await deleted<{ id: string }>(
        'DELETE FROM analysis_person WHERE updated_at < $1 RETURNING id',
      );
      await manager.query(
        `UPDATE analysis_record r SET person_id = NULL
          WHERE r.person_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM analysis_membership m WHERE m.record_key = r.key)`,
      );
      await manager.query(
        `UPDATE analysis_record r SET person_id = m.person_id
           FROM analysis_membership m
          WHERE m.record_key = r.key AND r.person_id IS DISTINCT FROM m.person_id`,
      );
      return {
        deletedMemberships: memberships.length,
        deletedRecords: records.length,
        deletedPersons: persons.map((p) => p.id),
      };
    });
  }

  /** Every person of the read model, a page at a time (to tell listeners). */
  async *personIds(pageSize: number): AsyncGenerator<string[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await this.dataSource.query(
        'SELECT id FROM analysis_person WHERE id > $1 ORDER BY id LIMIT $2',
        [after, pageSize],
      )) as { id: string }[];
      if (rows.length === 0) return;
      yield rows.map((r) => r.id);
      after = (rows[rows.length - 1] as { id: string }).id;
      if (rows.length < pageSize) return;
    }
  }
}

/** TypeORM answers a DELETE … RETURNING on PostgreSQL with `[rows, count]`. */
function deletedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0])) {
    return result[0] as T[];
  }
  return result as T[];
}
