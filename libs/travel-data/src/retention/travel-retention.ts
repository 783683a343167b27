import { purgeQuarantine } from '@mosaic/ingest';
import { appendToOutbox, deleteRecordEvents } from '@mosaic/outbox';
import {
  purgeInBatches,
  purgeWindow,
  RETENTION_PURGE_LOCK,
  retentionTombstones,
  returnedRows,
  type PurgeBatchResult,
  type SourcePurgeOptions,
  type SourcePurgeReport,
} from '@mosaic/retention';
import type { DataSource, EntityManager } from 'typeorm';
import { TRAVEL_ENCOUNTER_TOPIC } from '../travel-encounter.schema';

const SOURCE = 'travel';

/**
 * Retention for the travel source: an encounter expires by its
 * `encountered_at` (see @mosaic/retention). Purging deletes the expired
 * encounters, the outbox rows that carried them (their events held the whole
 * record, face template included) and old quarantined import lines, and
 * writes one `retention.tombstone.v1` event per encounter in the same
 * transaction as its deletion.
 */
export class TravelRetention {
  constructor(private readonly dataSource: DataSource) {}

  /** What `purgeExpired` would remove at `now`; changes nothing. */
  async countExpired(
    options: Pick<SourcePurgeOptions, 'now' | 'retentionDays'>,
  ): Promise<SourcePurgeReport> {
    const window = purgeWindow(options);
    const cutoff = window.cutoff.toISOString();
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT count(*) FROM travel_encounter WHERE encountered_at < $1::timestamptz)::int AS records,
              (SELECT count(*) FROM outbox o WHERE o.topic = $2 AND o.key IN
                 (SELECT id FROM travel_encounter WHERE encountered_at < $1::timestamptz))::int AS events,
              (SELECT count(*) FROM quarantine WHERE source = $3 AND quarantined_at < $1::timestamptz)::int AS lines`,
      [cutoff, TRAVEL_ENCOUNTER_TOPIC, SOURCE],
    )) as { records: number; events: number; lines: number }[];
    return {
      source: SOURCE,
      dryRun: true,
      ...window,
      removed: { ENCOUNTER: row?.records ?? 0 },
      tombstones: 0,
      outboxEventsDeleted: row?.events ?? 0,
      quarantinedLinesDeleted: row?.lines ?? 0,
      batches: 0,
    };
  }

  async purgeExpired(options: SourcePurgeOptions): Promise<SourcePurgeReport> {
    const { now, retentionDays } = purgeWindow(options);
    const report = await purgeInBatches(options, (cutoff, limit) =>
      this.dataSource.transaction((manager) =>
        this.purgeBatch(manager, { now, cutoff, retentionDays, limit }),
      ),
    );
    const quarantinedLinesDeleted = await purgeQuarantine(
      this.dataSource.manager,
      SOURCE,
      report.cutoff,
    );
    return { source: SOURCE, ...report, quarantinedLinesDeleted };
  }

  private async purgeBatch(
    manager: EntityManager,
    batch: { now: Date; cutoff: Date; retentionDays: number; limit: number },
  ): Promise<PurgeBatchResult> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [RETENTION_PURGE_LOCK]);
    const rows = returnedRows<{ id: string }>(
      await manager.query(
        `DELETE FROM travel_encounter WHERE id IN
           (SELECT id FROM travel_encounter WHERE encountered_at < $1::timestamptz LIMIT $2)
         RETURNING id`,
        [batch.cutoff.toISOString(), batch.limit],
      ),
    );
    if (rows.length === 0)
      return { records: 0, removed: {}, tombstones: 0, outboxEventsDeleted: 0 };
    const ids = rows.map((r) => r.id).sort();
    const events = await deleteRecordEvents(manager, TRAVEL_ENCOUNTER_TOPIC, ids);
    const tombstones = retentionTombstones(
      SOURCE,
      ids.map((id) => ({
        recordType: 'ENCOUNTER',
        recordId: id,
        sourceEventIds: events.byKey.get(id) ?? [],
      })),
      { purgedAt: batch.now, cutoff: batch.cutoff, retentionDays: batch.retentionDays },
    );
    await appendToOutbox(manager, tombstones);
    return {
      records: ids.length,
      removed: { ENCOUNTER: ids.length },
      tombstones: tombstones.length,
      outboxEventsDeleted: events.count,
    };
  }
}
