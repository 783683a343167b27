import type { EventEnvelope } from '@mosaic/event-bus';
import { eventSchemas } from '@mosaic/outbox';
import { createServiceDataSource } from '@mosaic/persistence';
import {
  RETENTION_TOMBSTONE_TOPIC,
  retentionCutoff,
  type RetentionTombstone,
} from '@mosaic/retention';
import { generateBlocks, resolveSynthOptions } from '@mosaic/synth';
import { validateRecord } from '@mosaic/validation';
import type { DataSource } from 'typeorm';
import {
  FINGERPRINT_ENROLLMENT_TOPIC,
  FingerprintEnrollmentStore,
  FingerprintRetention,
  fingerprintEnrollmentSchema,
  fingerprintEntities,
  fingerprintMigrations,
  type FingerprintEnrollmentInput,
} from '../..';

const NOW = new Date('2026-01-01T00:00:00Z');
const DAYS = 1461;
const CUTOFF = retentionCutoff(NOW, DAYS);

function enrollments(): FingerprintEnrollmentInput[] {
  const options = resolveSynthOptions({ persons: 300, seed: 23 });
  return [...generateBlocks(options)]
    .flatMap((b) => b.fingerprint)
    .map((r) => {
      const v = validateRecord(fingerprintEnrollmentSchema, r);
      if (!v.ok) throw new Error(`synthetic enrollment ${r.recordId} is invalid`);
      return v.value;
    });
}

async function openDatabase(records: readonly FingerprintEnrollmentInput[]): Promise<DataSource> {
  const dataSource = await createServiceDataSource({
    database: { kind: 'pglite', dataDir: 'memory://' },
    entities: fingerprintEntities,
    migrations: fingerprintMigrations,
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.transaction((m) => new FingerprintEnrollmentStore().storeBatch(m, records));
  return dataSource;
}

async function column(dataSource: DataSource, sql: string, params: unknown[] = []) {
  const rows = (await dataSource.query(sql, params)) as { v: string }[];
  return rows.map((r) => r.v).sort();
}

describe('fingerprint retention purge (embedded PGlite)', () => {
  const records = enrollments();
  const expired = records.filter((r) => new Date(r.enrolledAt) < CUTOFF);
  const kept = records.filter((r) => new Date(r.enrolledAt) >= CUTOFF);
  const enrollmentIds = (list: FingerprintEnrollmentInput[]) =>
    list.map((r) => r.enrollmentId).sort();

  it('has enrollments with fingers on both sides of the cutoff', () => {
    expect(expired.filter((r) => r.fingers.length > 0).length).toBeGreaterThan(5);
    expect(kept.filter((r) => r.fingers.length > 0).length).toBeGreaterThan(5);
  });

  it('removes expired enrollments with their fingers and events, and tombstones each once', async () => {
    const dataSource = await openDatabase(records);
    try {
      const report = await new FingerprintRetention(dataSource).purgeExpired({
        now: NOW,
        retentionDays: DAYS,
        batchSize: 8,
      });

      expect(await column(dataSource, 'SELECT id AS v FROM fingerprint_enrollment')).toEqual(
        kept.map((r) => r.recordId).sort(),
      );
      // Finger templates and missing-finger notes of expired enrollments are gone with them.
      for (const table of ['fingerprint_finger', 'fingerprint_missing_finger']) {
        const left = await column(dataSource, `SELECT DISTINCT enrollment_id AS v FROM ${table}`);
        expect(left.filter((id) => enrollmentIds(expired).includes(id))).toEqual([]);
        expect(left.length).toBeGreaterThan(0);
      }
      expect(
        await column(dataSource, 'SELECT key AS v FROM outbox WHERE topic = $1', [
          FINGERPRINT_ENROLLMENT_TOPIC,
        ]),
      ).toEqual(kept.map((r) => r.recordId).sort());
      const rows = (await dataSource.query('SELECT envelope FROM outbox WHERE topic = $1', [
        RETENTION_TOMBSTONE_TOPIC,
      ])) as { envelope: EventEnvelope<RetentionTombstone> }[];
      for (const r of rows) eventSchemas().validate(RETENTION_TOMBSTONE_TOPIC, r.envelope.payload);
      expect(rows.map((r) => r.envelope.payload.recordId).sort()).toEqual(
        expired.map((r) => r.recordId).sort(),
      );
      expect(rows.every((r) => r.envelope.payload.recordType === 'ENROLLMENT')).toBe(true);
      expect(rows.every((r) => r.envelope.payload.sourceEventIds.length === 1)).toBe(true);
      expect(report).toMatchObject({
        removed: { ENROLLMENT: expired.length },
        tombstones: expired.length,
        outboxEventsDeleted: expired.length,
        batches: Math.ceil(expired.length / 8),
      });
    } finally {
      await dataSource.destroy();
    }
  });

  it('keeps everything when nothing is older than the retention period', async () => {
    const dataSource = await openDatabase(records);
    try {
      const retention = new FingerprintRetention(dataSource);
      const dry = await retention.countExpired({ now: NOW, retentionDays: 36_500 });
      const real = await retention.purgeExpired({
        now: NOW,
        retentionDays: 36_500,
        batchSize: 8,
      });
      expect(dry.removed).toEqual({ ENROLLMENT: 0 });
      expect(real).toMatchObject({ removed: {}, tombstones: 0, batches: 0 });
      expect(await column(dataSource, 'SELECT id AS v FROM fingerprint_enrollment')).toHaveLength(
        records.length,
      );
    } finally {
      await dataSource.destroy();
    }
  });
});
