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
  SEIZURE_CASE_TOPIC,
  SEIZURE_SUBJECT_TOPIC,
  SeizureCaseStore,
  SeizureRetention,
  seizureCaseSchema,
  seizureEntities,
  seizureMigrations,
  type SeizureCaseInput,
} from '../..';

const NOW = new Date('2026-01-01T00:00:00Z');
const DAYS = 1095;
const CUTOFF = retentionCutoff(NOW, DAYS);

/** Synthetic cases over seven years, one of them opened long ago but still active. */
function cases(): SeizureCaseInput[] {
  const options = resolveSynthOptions(
    { persons: 600, seed: 11 },
    {
      'seizure.casesPerNetwork': '10',
      'seizure.loneCaseRate': '0.05',
      'seizure.printsRate': '0.6',
    },
  );
  const generated = [...generateBlocks(options)].flatMap((b) => b.seizure);
  const parsed = generated.map((r) => {
    const v = validateRecord(seizureCaseSchema, r);
    if (!v.ok) throw new Error(`synthetic case ${r.recordId} is invalid`);
    return v.value;
  });
  const active = parsed.find((c) => new Date(c.openedAt) < CUTOFF) as SeizureCaseInput;
  active.events = [
    ...active.events,
    {
      eventId: 'EV-RECENT',
      type: 'APPREHENSION',
      occurredAt: '2025-06-01T10:00:00Z',
      port: null,
      location: 'Harbour gate 4',
    },
  ];
  return parsed;
}

/** A case's last activity: its opening or its latest event. */
function lastActivity(c: SeizureCaseInput): Date {
  return new Date(
    Math.max(Date.parse(c.openedAt), ...c.events.map((e) => Date.parse(e.occurredAt))),
  );
}

async function openDatabase(records: readonly SeizureCaseInput[]): Promise<DataSource> {
  const dataSource = await createServiceDataSource({
    database: { kind: 'pglite', dataDir: 'memory://' },
    entities: seizureEntities,
    migrations: seizureMigrations,
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.transaction((m) => new SeizureCaseStore().storeBatch(m, records));
  return dataSource;
}

async function column(dataSource: DataSource, sql: string): Promise<string[]> {
  const rows = (await dataSource.query(sql)) as { v: string }[];
  return rows.map((r) => r.v).sort();
}

async function tombstones(dataSource: DataSource): Promise<RetentionTombstone[]> {
  const rows = (await dataSource.query(
    'SELECT envelope FROM outbox WHERE topic = $1 ORDER BY position',
    [RETENTION_TOMBSTONE_TOPIC],
  )) as { envelope: EventEnvelope<RetentionTombstone> }[];
  for (const r of rows) eventSchemas().validate(RETENTION_TOMBSTONE_TOPIC, r.envelope.payload);
  return rows.map((r) => r.envelope.payload);
}

describe('seizure retention purge (embedded PGlite)', () => {
  const records = cases();
  const expiredCases = records.filter((c) => lastActivity(c) < CUTOFF);
  const keptCases = records.filter((c) => lastActivity(c) >= CUTOFF);
  const subjectsOf = (list: SeizureCaseInput[]) =>
    list.flatMap((c) => c.subjects.map((s) => s.subjectId)).sort();
  const printedExpired = subjectsOf(
    expiredCases.filter((c) => c.subjects.some((s) => (s.fingerprints?.length ?? 0) > 0)),
  );

  it('has cases on both sides of the cutoff, and expired subjects with prints', () => {
    expect(expiredCases.length).toBeGreaterThan(5);
    expect(keptCases.length).toBeGreaterThan(5);
    expect(printedExpired.length).toBeGreaterThan(0);
    expect(keptCases.some((c) => c.events.some((e) => e.eventId === 'EV-RECENT'))).toBe(true);
  });

  it('removes expired cases with everything recorded in them, and tombstones each case and subject', async () => {
    const dataSource = await openDatabase(records);
    try {
      const eventIdOf = new Map(
        (
          (await dataSource.query('SELECT topic, key, event_id FROM outbox')) as {
            topic: string;
            key: string;
            event_id: string;
          }[]
        ).map((r) => [`${r.topic}/${r.key}`, r.event_id]),
      );
      const report = await new SeizureRetention(dataSource).purgeExpired({
        now: NOW,
        retentionDays: DAYS,
        batchSize: 4,
      });

      const ids = (list: SeizureCaseInput[]) => list.map((c) => c.recordId).sort();
      expect(await column(dataSource, 'SELECT id AS v FROM seizure_case')).toEqual(ids(keptCases));
      expect(await column(dataSource, 'SELECT id AS v FROM seizure_subject')).toEqual(
        subjectsOf(keptCases),
      );
      // Nothing of an expired case is left in any table, events and identifiers included.
      for (const [table, column_] of [
        ['seizure_event', 'case_id'],
        ['seizure_item', 'case_id'],
      ] as const) {
        const left = await column(dataSource, `SELECT DISTINCT ${column_} AS v FROM ${table}`);
        expect(left.filter((id) => ids(expiredCases).includes(id))).toEqual([]);
      }
      for (const table of ['seizure_subject_identifier', 'seizure_subject_finger']) {
        const left = await column(dataSource, `SELECT DISTINCT subject_id AS v FROM ${table}`);
        expect(left.filter((id) => subjectsOf(expiredCases).includes(id))).toEqual([]);
      }
      expect(
        await column(
          dataSource,
          `SELECT key AS v FROM outbox WHERE topic = '${SEIZURE_CASE_TOPIC}'`,
        ),
      ).toEqual(ids(keptCases));
      expect(
        await column(
          dataSource,
          `SELECT key AS v FROM outbox WHERE topic = '${SEIZURE_SUBJECT_TOPIC}'`,
        ),
      ).toEqual(subjectsOf(keptCases));

      const written = await tombstones(dataSource);
      const byType = (type: string) =>
        written
          .filter((t) => t.recordType === type)
          .map((t) => t.recordId)
          .sort();
      expect(byType('CASE')).toEqual(ids(expiredCases));
      expect(byType('SUBJECT')).toEqual(subjectsOf(expiredCases));
      for (const t of written) {
        const topic = t.recordType === 'CASE' ? SEIZURE_CASE_TOPIC : SEIZURE_SUBJECT_TOPIC;
        expect(t.sourceEventIds).toEqual([eventIdOf.get(`${topic}/${t.recordId}`)]);
      }
      expect(report).toMatchObject({
        removed: { CASE: expiredCases.length, SUBJECT: subjectsOf(expiredCases).length },
        tombstones: written.length,
        outboxEventsDeleted: written.length,
      });
    } finally {
      await dataSource.destroy();
    }
  });

  it('counts in a dry run what the purge removes, without changing anything', async () => {
    const dataSource = await openDatabase(records);
    try {
      const retention = new SeizureRetention(dataSource);
      const snapshot = async () =>
        dataSource.query(
          `SELECT (SELECT count(*) FROM seizure_case)::int AS cases,
                  (SELECT count(*) FROM seizure_subject_finger)::int AS fingers,
                  (SELECT count(*) FROM outbox)::int AS outbox`,
        );
      const before = await snapshot();
      const dry = await retention.countExpired({ now: NOW, retentionDays: DAYS });
      expect(await snapshot()).toEqual(before);
      expect(dry.removed).toEqual({
        CASE: expiredCases.length,
        SUBJECT: subjectsOf(expiredCases).length,
      });
      const real = await retention.purgeExpired({ now: NOW, retentionDays: DAYS, batchSize: 100 });
      expect(dry.outboxEventsDeleted).toBe(real.outboxEventsDeleted);
    } finally {
      await dataSource.destroy();
    }
  });
});
