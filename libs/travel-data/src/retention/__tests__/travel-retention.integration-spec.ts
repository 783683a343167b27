import { createServiceDataSource } from '@mosaic/persistence';
import { RETENTION_TOMBSTONE_TOPIC, retentionCutoff } from '@mosaic/retention';
import { generateBlocks, resolveSynthOptions } from '@mosaic/synth';
import { validateRecord } from '@mosaic/validation';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  TravelEncounterStore,
  TravelRetention,
  travelEncounterSchema,
  travelEntities,
  travelMigrations,
} from '../..';

const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const database = `mosaic_itr${process.pid.toString(36)}${Date.now().toString(36)}_travel`;
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

describe('travel retention purge (infra: PostgreSQL, concurrent purges)', () => {
  let dataSource: DataSource;
  const records = [...generateBlocks(resolveSynthOptions({ persons: 300, seed: 9 }))]
    .flatMap((b) => b.travel)
    .map((r) => {
      const v = validateRecord(travelEncounterSchema, r);
      if (!v.ok) throw new Error(`synthetic encounter ${r.recordId} is invalid`);
      return v.value;
    });
  const cutoff = retentionCutoff(NOW, DAYS);
  const expired = records
    .filter((r) => new Date(r.encounteredAt) < cutoff)
    .map((r) => r.recordId)
    .sort();

  beforeAll(async () => {
    await onServer(`CREATE DATABASE ${database}`);
    dataSource = await createServiceDataSource({
      database: { kind: 'postgres', url: serverUrl, database },
      entities: travelEntities,
      migrations: travelMigrations,
    });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.transaction((m) => new TravelEncounterStore().storeBatch(m, records));
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('lets three purges race on one database and still tombstones each expired encounter once', async () => {
    expect(expired.length).toBeGreaterThan(50);
    const purge = () =>
      new TravelRetention(dataSource).purgeExpired({ now: NOW, retentionDays: DAYS, batchSize: 7 });
    const reports = await Promise.all([purge(), purge(), purge()]);

    expect(reports.reduce((n, r) => n + (r.removed.ENCOUNTER ?? 0), 0)).toBe(expired.length);
    const tombstoned = (
      (await dataSource.query(
        "SELECT envelope->'payload'->>'recordId' AS id FROM outbox WHERE topic = $1",
        [RETENTION_TOMBSTONE_TOPIC],
      )) as { id: string }[]
    )
      .map((r) => r.id)
      .sort();
    expect(tombstoned).toEqual(expired);
    const [left] = (await dataSource.query(
      'SELECT count(*) FILTER (WHERE encountered_at < $1)::int AS old, count(*)::int AS n FROM travel_encounter',
      [cutoff.toISOString()],
    )) as { old: number; n: number }[];
    expect(left).toEqual({ old: 0, n: records.length - expired.length });
  });
});
