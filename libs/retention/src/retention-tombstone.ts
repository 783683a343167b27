import { timestamp } from '@mosaic/validation';
import { z } from 'zod';
import { MAX_RETENTION_DAYS, RETENTION_SOURCES, type RetentionSource } from './retention-policy';

export const RETENTION_TOMBSTONE_TOPIC = 'retention.tombstone.v1';
export const RETENTION_TOMBSTONE_EVENT = 'retention.record.purged';

/**
 * What was removed: a travel ENCOUNTER, a seizure CASE or one of its
 * SUBJECTs, a fingerprint ENROLLMENT. Identity and the read models hold
 * encounters, subjects and enrollments (`<source>:<recordId>`); a case has a
 * tombstone of its own for whoever consumes `seizure.case.v1`.
 */
export const RETENTION_RECORD_TYPES = ['ENCOUNTER', 'CASE', 'SUBJECT', 'ENROLLMENT'] as const;
export type RetentionRecordType = (typeof RETENTION_RECORD_TYPES)[number];

export const RETENTION_REASONS = ['RETENTION_PERIOD_EXPIRED'] as const;

/**
 * The payload of `retention.tombstone.v1` (key: `<source>:<recordId>`): one
 * record a source deleted because its retention period ran out. It carries no
 * personal data beyond the record id. `sourceEventIds` are the events by
 * which the source had published the record (their outbox rows are deleted
 * with it): a consumer that has not handled one yet must never apply it, so a
 * record event that arrives after its tombstone cannot bring the record back.
 */
export const retentionTombstoneEventSchema = z
  .object({
    source: z.enum(RETENTION_SOURCES),
    recordType: z.enum(RETENTION_RECORD_TYPES),
    recordId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'expected 1–64 letters, digits, . _ : -'),
    /** When the source deleted it. */
    purgedAt: timestamp,
    /** Records observed before this instant were expired. */
    cutoff: timestamp,
    retentionDays: z.number().int().min(1).max(MAX_RETENTION_DAYS),
    reason: z.enum(RETENTION_REASONS),
    sourceEventIds: z.array(z.uuid()).max(100),
  })
  .strict();

export type RetentionTombstone = z.output<typeof retentionTombstoneEventSchema>;

/** The record types each source's identity records come from (a case is not one). */
export const IDENTITY_RECORD_TYPES: Readonly<Record<RetentionSource, RetentionRecordType>> = {
  travel: 'ENCOUNTER',
  seizure: 'SUBJECT',
  fingerprint: 'ENROLLMENT',
};

export interface RemovedRecord {
  recordType: RetentionRecordType;
  recordId: string;
  sourceEventIds: readonly string[];
}

/** An outbox entry (structurally @mosaic/outbox's OutboxEvent, which this pure lib cannot import). */
export interface TombstoneOutboxEvent {
  topic: typeof RETENTION_TOMBSTONE_TOPIC;
  type: typeof RETENTION_TOMBSTONE_EVENT;
  source: RetentionSource;
  key: string;
  payload: RetentionTombstone;
}

/** One tombstone per removed record, as the source appends them to its outbox. */
export function retentionTombstones(
  source: RetentionSource,
  removed: readonly RemovedRecord[],
  purge: { purgedAt: Date; cutoff: Date; retentionDays: number },
): TombstoneOutboxEvent[] {
  return removed.map((r) => ({
    topic: RETENTION_TOMBSTONE_TOPIC,
    type: RETENTION_TOMBSTONE_EVENT,
    source,
    key: `${source}:${r.recordId}`,
    payload: {
      source,
      recordType: r.recordType,
      recordId: r.recordId,
      purgedAt: purge.purgedAt.toISOString(),
      cutoff: purge.cutoff.toISOString(),
      retentionDays: purge.retentionDays,
      reason: 'RETENTION_PERIOD_EXPIRED',
      sourceEventIds: [...r.sourceEventIds],
    },
  }));
}
