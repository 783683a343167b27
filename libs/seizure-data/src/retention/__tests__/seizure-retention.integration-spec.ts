import { createServiceDataSource } from '@mosaic/persistence';
import { RETENTION_TOMBSTONE_TOPIC, retentionCutoff } from '@mosaic/retention';
import { generateBlocks, resolveSynthOptions } from '@mosaic/synth';
import { validateRecord } from '@mosaic/validation';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  SeizureCaseStore,
  SeizureRetention,
  seizureCaseSchema,
  seizureEntities,
  seizureMigrations,
} from '../..';

const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const database = `mosaic_isr${process.pid.toString(36)}${Date.now().toString(36)}_seizure`;
const NOW = new Date('2026-01-01T00:00:00Z');
const DAYS = 1095;

async function onServer(statement: string): Promise<void> {
  const client = new Client({ connectionString: `${serverUrl.replace(/\/+$/, '')}/postgres` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('seizure retention purge (infra: PostgreSQL, concurrent purges)', () => {
  let dataSource: DataSource;
  const records = [
    ...generateBlocks(
      resolveSynthOptions(
        { persons: 600, seed: 11 },
        { 'seizure.casesPerNetwork': '10', 'seizure.loneCaseRate': '0.05' },
      ),
    ),
  ]
    .flatMap((b) => b.seizure)
    .map((r) => {
      const v = validateRecord(seizureCaseSchema, r);
      if (!v.ok) throw new Error(`synthetic case ${r.recordId} is invalid`);
      return v.value;
    });
  const cutoff = retentionCutoff(NOW, DAYS);
  const lastActivity = (c: (typeof records)[number]) =>
    Math.max(Date.parse(c.openedAt), ...c.events.map((e) => Date.parse(e.occurredAt)));
  const expired = records.filter((c) => lastActivity(c) < cutoff.getTime());
  const expectedTombstones = [
    ...expired.map((c) => `CASE ${c.recordId}`),
    ...expired.flatMap((c) => c.subjects.map((s) => `SUBJECT ${s.subjectId}`)),
  ].sort();

  beforeAll(async () => {
    await onServer(`CREATE DATABASE ${database}`);
    dataSource = await createServiceDataSource({
      database: { kind: 'postgres', url: serverUrl, database },
      entities: seizureEntities,
      migrations: seizureMigrations,
    });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.transaction((m) => new SeizureCaseStore().storeBatch(m, records));
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('lets three purges race on one database and still tombstones each case and subject once', async () => {
    expect(expired.length).toBeGreaterThan(5);
    const purge = () =>
      new SeizureRetention(dataSource).purgeExpired({
        now: NOW,
        retentionDays: DAYS,
        batchSize: 2,
      });
    const reports = await Promise.all([purge(), purge(), purge()]);

    expect(reports.reduce((n, r) => n + (r.removed.CASE ?? 0), 0)).toBe(expired.length);
    const tombstoned = (
      (await dataSource.query(
        `SELECT (envelope->'payload'->>'recordType') || ' ' || (envelope->'payload'->>'recordId') AS t
           FROM outbox WHERE topic = $1`,
        [RETENTION_TOMBSTONE_TOPIC],
      )) as { t: string }[]
    )
      .map((r) => r.t)
      .sort();
    expect(tombstoned).toEqual(expectedTombstones);
    const [left] = (await dataSource.query(
      `SELECT (SELECT count(*) FROM seizure_case)::int AS cases,
              (SELECT count(*) FROM seizure_subject)::int AS subjects`,
    )) as { cases: number; subjects: number }[];
    const kept = records.filter((c) => lastActivity(c) >= cutoff.getTime());
    expect(left).toEqual({
      cases: kept.length,
      subjects: kept.reduce((n, c) => n + c.subjects.length, 0),
    });
  });
});
