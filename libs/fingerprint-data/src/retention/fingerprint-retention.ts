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
import { FINGERPRINT_ENROLLMENT_TOPIC } from '../fingerprint-enrollment.schema';

const SOURCE = 'fingerprint';

/**
 * Retention for the fingerprint source: an enrollment expires by its
 * `enrolled_at`. Purging deletes the expired enrollments with their captured
 * and missing fingers (by the schema's cascades), the outbox rows that
 * carried them (finger and face templates included) and old quarantined
 * import lines, and writes one `retention.tombstone.v1` event per enrollment
 * in the same transaction as its deletion.
 */
export class FingerprintRetention {
  constructor(private readonly dataSource: DataSource) {}

  /** What `purgeExpired` would remove at `now`; changes nothing. */
  async countExpired(
    options: Pick<SourcePurgeOptions, 'now' | 'retentionDays'>,
  ): Promise<SourcePurgeReport> {
    const window = purgeWindow(options);
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT count(*) FROM fingerprint_enrollment WHERE enrolled_at < $1::timestamptz)::int AS records,
              (SELECT count(*) FROM outbox o WHERE o.topic = $2 AND o.key IN
                 (SELECT id FROM fingerprint_enrollment WHERE enrolled_at < $1::timestamptz))::int AS events,
              (SELECT count(*) FROM quarantine
                WHERE source = $3 AND quarantined_at < $1::timestamptz)::int AS lines`,
      [window.cutoff.toISOString(), FINGERPRINT_ENROLLMENT_TOPIC, SOURCE],
    )) as { records: number; events: number; lines: number }[];
    return {
      source: SOURCE,
      dryRun: true,
      ...window,
      removed: { ENROLLMENT: row?.records ?? 0 },
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
    // Captured and missing fingers go by ON DELETE CASCADE.
    const rows = returnedRows<{ id: string }>(
      await manager.query(
        `DELETE FROM fingerprint_enrollment WHERE id IN
           (SELECT id FROM fingerprint_enrollment WHERE enrolled_at < $1::timestamptz LIMIT $2)
         RETURNING id`,
        [batch.cutoff.toISOString(), batch.limit],
      ),
    );
    if (rows.length === 0)
      return { records: 0, removed: {}, tombstones: 0, outboxEventsDeleted: 0 };
    const ids = rows.map((r) => r.id).sort();
    const events = await deleteRecordEvents(manager, FINGERPRINT_ENROLLMENT_TOPIC, ids);
    const tombstones = retentionTombstones(
      SOURCE,
      ids.map((id) => ({
        recordType: 'ENROLLMENT',
        recordId: id,
        sourceEventIds: events.byKey.get(id) ?? [],
      })),
      { purgedAt: batch.now, cutoff: batch.cutoff, retentionDays: batch.retentionDays },
    );
    await appendToOutbox(manager, tombstones);
    return {
      records: ids.length,
      removed: { ENROLLMENT: ids.length },
      tombstones: tombstones.length,
      outboxEventsDeleted: events.count,
    };
  }
}
