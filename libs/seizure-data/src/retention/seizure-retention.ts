import { purgeQuarantine } from '@mosaic/ingest';
import { appendToOutbox, deleteRecordEvents } from '@mosaic/outbox';
import {
  purgeInBatches,
  purgeWindow,
  RETENTION_PURGE_LOCK,
  retentionTombstones,
  returnedRows,
  type PurgeBatchResult,
  type RemovedRecord,
  type SourcePurgeOptions,
  type SourcePurgeReport,
} from '@mosaic/retention';
import type { DataSource, EntityManager } from 'typeorm';
import { SEIZURE_CASE_TOPIC, SEIZURE_SUBJECT_TOPIC } from '../seizure-events';

const SOURCE = 'seizure';

/**
 * Cases whose last activity (the later of their opening and their latest
 * event) is before $1: a case someone was still adding events to is not
 * expired, however long ago it was opened.
 */
const EXPIRED_CASES = `
  SELECT c.id FROM seizure_case c
   WHERE c.opened_at < $1::timestamptz
     AND NOT EXISTS (SELECT 1 FROM seizure_event e
                      WHERE e.case_id = c.id AND e.occurred_at >= $1::timestamptz)`;

/**
 * Retention for the seizure source: a case expires by its last activity, and
 * all of it goes together (events, items, subjects with their identifiers and
 * finger captures, by the schema's cascades). Purging also deletes the
 * outbox rows that carried the case and its subjects and old quarantined
 * import lines, and writes one `retention.tombstone.v1` event per case and
 * per subject in the same transaction as their deletion.
 */
export class SeizureRetention {
  constructor(private readonly dataSource: DataSource) {}

  /** What `purgeExpired` would remove at `now`; changes nothing. */
  async countExpired(
    options: Pick<SourcePurgeOptions, 'now' | 'retentionDays'>,
  ): Promise<SourcePurgeReport> {
    const window = purgeWindow(options);
    const [row] = (await this.dataSource.query(
      `WITH expired AS (${EXPIRED_CASES}),
            subjects AS (SELECT id FROM seizure_subject WHERE case_id IN (SELECT id FROM expired))
       SELECT (SELECT count(*) FROM expired)::int AS cases,
              (SELECT count(*) FROM subjects)::int AS subjects,
              (SELECT count(*) FROM outbox o
                WHERE (o.topic = $2 AND o.key IN (SELECT id FROM expired))
                   OR (o.topic = $3 AND o.key IN (SELECT id FROM subjects)))::int AS events,
              (SELECT count(*) FROM quarantine
                WHERE source = $4 AND quarantined_at < $1::timestamptz)::int AS lines`,
      [window.cutoff.toISOString(), SEIZURE_CASE_TOPIC, SEIZURE_SUBJECT_TOPIC, SOURCE],
    )) as { cases: number; subjects: number; events: number; lines: number }[];
    return {
      source: SOURCE,
      dryRun: true,
      ...window,
      removed: { CASE: row?.cases ?? 0, SUBJECT: row?.subjects ?? 0 },
      tombstones: 0,
      outboxEventsDeleted: row?.events ?? 0,
      quarantinedLinesDeleted: row?.lines ?? 0,
      batches: 0,
    };
  }

  /** `batchSize` counts cases; each goes with all its subjects. */
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
    const candidates = (
      (await manager.query(`${EXPIRED_CASES} LIMIT $2`, [
        batch.cutoff.toISOString(),
        batch.limit,
      ])) as { id: string }[]
    ).map((r) => r.id);
    if (candidates.length === 0) {
      return { records: 0, removed: {}, tombstones: 0, outboxEventsDeleted: 0 };
    }
    // Read before the delete cascades them away.
    const subjectRows = (await manager.query(
      'SELECT id, case_id FROM seizure_subject WHERE case_id = ANY($1::text[]) ORDER BY case_id, ordinal',
      [candidates],
    )) as { id: string; case_id: string }[];
    // Events, items, subjects, identifiers and finger captures go by ON DELETE CASCADE. Only
    // what this transaction deleted is tombstoned, whatever else runs at the same time.
    const cases = returnedRows<{ id: string }>(
      await manager.query('DELETE FROM seizure_case WHERE id = ANY($1::text[]) RETURNING id', [
        candidates,
      ]),
    )
      .map((r) => r.id)
      .sort();
    const deleted = new Set(cases);
    const subjects = subjectRows.filter((r) => deleted.has(r.case_id)).map((r) => r.id);
    const caseEvents = await deleteRecordEvents(manager, SEIZURE_CASE_TOPIC, cases);
    const subjectEvents = await deleteRecordEvents(manager, SEIZURE_SUBJECT_TOPIC, subjects);
    const removed: RemovedRecord[] = [
      ...cases.map((id) => ({
        recordType: 'CASE' as const,
        recordId: id,
        sourceEventIds: caseEvents.byKey.get(id) ?? [],
      })),
      ...subjects.map((id) => ({
        recordType: 'SUBJECT' as const,
        recordId: id,
        sourceEventIds: subjectEvents.byKey.get(id) ?? [],
      })),
    ];
    const tombstones = retentionTombstones(SOURCE, removed, {
      purgedAt: batch.now,
      cutoff: batch.cutoff,
      retentionDays: batch.retentionDays,
    });
    await appendToOutbox(manager, tombstones);
    return {
      records: cases.length,
      removed: { CASE: cases.length, SUBJECT: subjects.length },
      tombstones: tombstones.length,
      outboxEventsDeleted: caseEvents.count + subjectEvents.count,
    };
  }
}
