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
  TRAVEL_ENCOUNTER_TOPIC,
  TravelEncounterStore,
  TravelRetention,
  travelEncounterSchema,
  travelEntities,
  travelMigrations,
  type TravelEncounterInput,
} from '../..';

const NOW = new Date('2026-01-01T00:00:00Z');
const DAYS = 1095;
const CUTOFF = retentionCutoff(NOW, DAYS);

/** Synthetic encounters spread over seven years before NOW: some expired, some not. */
function encounters(): TravelEncounterInput[] {
  const options = resolveSynthOptions({ persons: 120, seed: 5 });
  return [...generateBlocks(options)]
    .flatMap((b) => b.travel)
    .map((r) => {
      const v = validateRecord(travelEncounterSchema, r);
      if (!v.ok) throw new Error(`synthetic encounter ${r.recordId} is invalid`);
      return v.value;
    });
}

async function openDatabase(records: readonly TravelEncounterInput[]): Promise<DataSource> {
  const dataSource = await createServiceDataSource({
    database: { kind: 'pglite', dataDir: 'memory://' },
    entities: travelEntities,
    migrations: travelMigrations,
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.transaction((m) => new TravelEncounterStore().storeBatch(m, records));
  // One import line quarantined long ago and one quarantined yesterday.
  await dataSource.query(
    `INSERT INTO quarantine (source, origin, line_number, raw, line_hash, issues, quarantined_at)
     VALUES ('travel', 'old.ndjson', 1, '{"recordId":"OLD"}', 'h-old', '[]', '2020-01-01T00:00:00Z'),
            ('travel', 'new.ndjson', 1, '{"recordId":"NEW"}', 'h-new', '[]', '2025-12-31T00:00:00Z')`,
  );
  return dataSource;
}

async function ids(dataSource: DataSource): Promise<string[]> {
  const rows = (await dataSource.query('SELECT id FROM travel_encounter ORDER BY id')) as {
    id: string;
  }[];
  return rows.map((r) => r.id);
}

async function outbox(dataSource: DataSource, topic: string): Promise<EventEnvelope[]> {
  const rows = (await dataSource.query(
    'SELECT envelope FROM outbox WHERE topic = $1 ORDER BY position',
    [topic],
  )) as { envelope: EventEnvelope }[];
  return rows.map((r) => r.envelope);
}

describe('travel retention purge (embedded PGlite)', () => {
  const records = encounters();
  const expired = records
    .filter((r) => new Date(r.encounteredAt) < CUTOFF)
    .map((r) => r.recordId)
    .sort();
  const kept = records
    .filter((r) => new Date(r.encounteredAt) >= CUTOFF)
    .map((r) => r.recordId)
    .sort();

  it('has synthetic data on both sides of the cutoff', () => {
    expect(expired.length).toBeGreaterThan(20);
    expect(kept.length).toBeGreaterThan(20);
  });

  it('removes the expired encounters and their events, tombstones each once, keeps the rest', async () => {
    const dataSource = await openDatabase(records);
    try {
      const eventIdOf = new Map(
        (await outbox(dataSource, TRAVEL_ENCOUNTER_TOPIC)).map((e) => [e.key, e.eventId]),
      );
      const progress: number[] = [];
      const report = await new TravelRetention(dataSource).purgeExpired({
        now: NOW,
        retentionDays: DAYS,
        batchSize: 10,
        onBatch: (p) => progress.push(p.done),
      });

      expect(await ids(dataSource)).toEqual(kept);
      expect((await outbox(dataSource, TRAVEL_ENCOUNTER_TOPIC)).map((e) => e.key).sort()).toEqual(
        kept,
      );
      const tombstones = await outbox(dataSource, RETENTION_TOMBSTONE_TOPIC);
      for (const t of tombstones) eventSchemas().validate(RETENTION_TOMBSTONE_TOPIC, t.payload);
      expect(
        tombstones
          .map((t) => t.payload as RetentionTombstone)
          .sort((a, b) => a.recordId.localeCompare(b.recordId)),
      ).toEqual(
        expired.map((id) => ({
          source: 'travel',
          recordType: 'ENCOUNTER',
          recordId: id,
          purgedAt: NOW.toISOString(),
          cutoff: CUTOFF.toISOString(),
          retentionDays: DAYS,
          reason: 'RETENTION_PERIOD_EXPIRED',
          sourceEventIds: [eventIdOf.get(id)],
        })),
      );
      expect(
        tombstones.every((t) => t.key === `travel:${(t.payload as RetentionTombstone).recordId}`),
      ).toBe(true);
      const lines = (await dataSource.query('SELECT origin FROM quarantine')) as {
        origin: string;
      }[];
      expect(lines.map((l) => l.origin)).toEqual(['new.ndjson']);
      expect(report).toMatchObject({
        source: 'travel',
        dryRun: false,
        removed: { ENCOUNTER: expired.length },
        tombstones: expired.length,
        outboxEventsDeleted: expired.length,
        quarantinedLinesDeleted: 1,
        batches: Math.ceil(expired.length / 10),
      });
      expect(progress.at(-1)).toBe(expired.length);

      // Again, same clock: nothing is expired any more, nothing is tombstoned twice.
      const again = await new TravelRetention(dataSource).purgeExpired({
        now: NOW,
        retentionDays: DAYS,
        batchSize: 10,
      });
      expect(again).toMatchObject({ removed: {}, tombstones: 0, batches: 0 });
      expect(await outbox(dataSource, RETENTION_TOMBSTONE_TOPIC)).toHaveLength(expired.length);
    } finally {
      await dataSource.destroy();
    }
  });

  it('counts in a dry run exactly what the purge then removes, and changes nothing', async () => {
    const dataSource = await openDatabase(records);
    try {
      const retention = new TravelRetention(dataSource);
      const before = {
        ids: await ids(dataSource),
        outbox: await dataSource.query('SELECT count(*)::int AS n FROM outbox'),
        quarantine: await dataSource.query('SELECT count(*)::int AS n FROM quarantine'),
      };
      const dry = await retention.countExpired({ now: NOW, retentionDays: DAYS });
      expect({
        ids: await ids(dataSource),
        outbox: await dataSource.query('SELECT count(*)::int AS n FROM outbox'),
        quarantine: await dataSource.query('SELECT count(*)::int AS n FROM quarantine'),
      }).toEqual(before);
      const real = await retention.purgeExpired({ now: NOW, retentionDays: DAYS, batchSize: 50 });
      expect(dry).toMatchObject({
        dryRun: true,
        removed: real.removed,
        outboxEventsDeleted: real.outboxEventsDeleted,
        quarantinedLinesDeleted: real.quarantinedLinesDeleted,
        tombstones: 0,
      });
    } finally {
      await dataSource.destroy();
    }
  });

  it('resumes after a crash inside a batch without duplicates or leftovers', async () => {
    const dataSource = await openDatabase(records);
    try {
      // The second batch fails as it writes its tombstones, the last step of its transaction.
      await dataSource.query(`
        CREATE FUNCTION fail_second_tombstone_batch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM outbox WHERE topic = 'retention.tombstone.v1') THEN
            RAISE EXCEPTION 'simulated crash';
          END IF;
          RETURN NULL;
        END $$`);
      await dataSource.query(`
        CREATE TRIGGER fail_second_tombstone_batch BEFORE INSERT ON outbox
          FOR EACH STATEMENT EXECUTE FUNCTION fail_second_tombstone_batch()`);
      const retention = new TravelRetention(dataSource);
      await expect(
        retention.purgeExpired({ now: NOW, retentionDays: DAYS, batchSize: 10 }),
      ).rejects.toThrow(/simulated crash/);

      // The first batch is gone with its tombstones; the failed one left everything in place.
      expect(await outbox(dataSource, RETENTION_TOMBSTONE_TOPIC)).toHaveLength(10);
      expect(await ids(dataSource)).toHaveLength(records.length - 10);
      expect(await outbox(dataSource, TRAVEL_ENCOUNTER_TOPIC)).toHaveLength(records.length - 10);

      await dataSource.query('DROP TRIGGER fail_second_tombstone_batch ON outbox');
      const resumed = await retention.purgeExpired({
        now: NOW,
        retentionDays: DAYS,
        batchSize: 10,
      });
      expect(resumed.removed).toEqual({ ENCOUNTER: expired.length - 10 });
      expect(await ids(dataSource)).toEqual(kept);
      const tombstoned = (await outbox(dataSource, RETENTION_TOMBSTONE_TOPIC)).map(
        (t) => (t.payload as RetentionTombstone).recordId,
      );
      expect(tombstoned.sort()).toEqual(expired);
    } finally {
      await dataSource.destroy();
    }
  });

  it('refuses a retention period or batch size it cannot honour', async () => {
    const dataSource = await openDatabase([]);
    try {
      const retention = new TravelRetention(dataSource);
      await expect(
        retention.purgeExpired({ now: NOW, retentionDays: 0, batchSize: 10 }),
      ).rejects.toThrow(/whole number of days/);
      await expect(
        retention.purgeExpired({ now: NOW, retentionDays: DAYS, batchSize: 0 }),
      ).rejects.toThrow(/batchSize/);
      await expect(
        retention.purgeExpired({ now: new Date('nonsense'), retentionDays: DAYS, batchSize: 10 }),
      ).rejects.toThrow(/valid date/);
    } finally {
      await dataSource.destroy();
    }
  });
});
