import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { syntheticBootstrapModel } from '@mosaic/evaluation';
import { closeEmbeddedBus, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { FingerprintAppModule } from '../../../apps/fingerprint/src/app.module';
import { loadFingerprintConfig } from '../../../apps/fingerprint/src/config/fingerprint.config';
import { IdentityAppModule } from '../../../apps/identity/src/app.module';
import { loadIdentityConfig } from '../../../apps/identity/src/config/identity.config';
import { SeizureAppModule } from '../../../apps/seizure/src/app.module';
import { loadSeizureConfig } from '../../../apps/seizure/src/config/seizure.config';
import { TravelAppModule } from '../../../apps/travel/src/app.module';
import { loadTravelConfig } from '../../../apps/travel/src/config/travel.config';
import {
  curlCommand,
  demoQueries,
  loadDemoOptions,
  openReviewItems,
  seedDemoPopulation,
  DEMO_REVIEW_QUEUE_QUERY,
  type SeedDemoResult,
} from '../seed-demo';

// Thirty persons with the generator's defaults hold no seizure case at all:
// more networks and enrollments give every source records to resolve.
const RICH = { 'population.networkRate': '0.5', 'fingerprint.participation': '0.7' };

describe('demo population (embedded: the sources, their relays, the identity service)', () => {
  let dataDir: string;
  const apps: INestApplication[] = [];
  let sources: { travel: DataSource; seizure: DataSource; fingerprint: DataSource };
  let identity: DataSource;
  let first: SeedDemoResult;

  const count = async (db: DataSource, sql: string): Promise<number> =>
    Number(((await db.query(sql)) as { n: string | number }[])[0]?.n ?? 0);

  /** What a user sees in every database: records, queued events, resolved records, persons. */
  const snapshot = async () => ({
    travel: await count(sources.travel, 'SELECT count(*) AS n FROM travel_encounter'),
    seizureCases: await count(sources.seizure, 'SELECT count(*) AS n FROM seizure_case'),
    seizureSubjects: await count(sources.seizure, 'SELECT count(*) AS n FROM seizure_subject'),
    fingerprint: await count(
      sources.fingerprint,
      'SELECT count(*) AS n FROM fingerprint_enrollment',
    ),
    outbox:
      (await count(sources.travel, 'SELECT count(*) AS n FROM outbox')) +
      (await count(sources.seizure, 'SELECT count(*) AS n FROM outbox')) +
      (await count(sources.fingerprint, 'SELECT count(*) AS n FROM outbox')),
    identityRecords: await count(identity, 'SELECT count(*) AS n FROM identity_record'),
    persons: await count(identity, 'SELECT count(*) AS n FROM person'),
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mosaic-demo-'));
    const env = { MOSAIC_DATA_DIR: dataDir };
    const start = async (module: Parameters<typeof NestFactory.create>[0]) => {
      const app = await NestFactory.create(module, { logger: false, abortOnError: false });
      apps.push(app);
      await app.init();
      return app.get<DataSource>(SERVICE_DATA_SOURCE);
    };
    sources = {
      travel: await start(TravelAppModule.register(loadTravelConfig(env))),
      seizure: await start(SeizureAppModule.register(loadSeizureConfig(env))),
      fingerprint: await start(FingerprintAppModule.register(loadFingerprintConfig(env))),
    };
    // A smaller bootstrap model than the service's default, so the suite stays quick.
    const model = syntheticBootstrapModel({ seed: 101, persons: 1_000, impostorPairs: 50_000 });
    identity = await start(
      IdentityAppModule.register(loadIdentityConfig(env), { modelBootstrap: () => model }),
    );
    first = await seedDemoPopulation({
      sources,
      identity,
      persons: 30,
      seed: 1,
      overrides: RICH,
    });
  }, 120_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await closeEmbeddedBus();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores records in every source and identity resolves every one of them', async () => {
    const now = await snapshot();
    expect(first.seeded).toBe(true);
    expect(now.travel).toBeGreaterThan(0);
    expect(now.seizureCases).toBeGreaterThan(0);
    expect(now.fingerprint).toBeGreaterThan(0);
    expect(first.inserted).toEqual({
      travel: now.travel,
      seizure: now.seizureCases,
      fingerprint: now.fingerprint,
    });
    expect(first.deadLettered).toBe(0);
    // One resolvable record per encounter, seizure subject and enrollment.
    expect(first.events).toBe(now.travel + now.seizureSubjects + now.fingerprint);
    const bySource = (await identity.query(
      'SELECT source, count(*)::int AS n FROM identity_record GROUP BY source ORDER BY source',
    )) as { source: string; n: number }[];
    expect(Object.fromEntries(bySource.map((r) => [r.source, Number(r.n)]))).toEqual({
      fingerprint: now.fingerprint,
      seizure: now.seizureSubjects,
      travel: now.travel,
    });
  });

  it('returns a travel record of a person identity knows from all three sources', async () => {
    const example = first.example;
    expect(example).not.toBeNull();
    expect(example?.sources).toEqual(['travel', 'seizure', 'fingerprint']);
    const rows = (await identity.query(
      'SELECT DISTINCT source FROM identity_record WHERE person_id = $1 ORDER BY source',
      [example?.personId],
    )) as { source: string }[];
    expect(rows.map((r) => r.source)).toEqual(['fingerprint', 'seizure', 'travel']);
    const [record] = (await identity.query(
      'SELECT person_id, source FROM identity_record WHERE record_id = $1',
      [example?.travelRecordId],
    )) as { person_id: string; source: string }[];
    expect(record).toEqual({ person_id: example?.personId, source: 'travel' });

    const { personByRecord, identify } = demoQueries(example?.travelRecordId as string);
    expect(personByRecord).toContain(
      `personByRecord(source: TRAVEL, recordId: "${example?.travelRecordId}")`,
    );
    expect(identify).toContain(
      `identify(input: { source: TRAVEL, recordId: "${example?.travelRecordId}", modality: FACE })`,
    );
    const curl = curlCommand('http://127.0.0.1:4000/graphql', personByRecord, {
      authorization: 'Bearer abc.def.ghi',
      'x-mosaic-case': "O'BRIEN-2026-1",
    });
    const body = /--data '(.*)'$/.exec(curl)?.[1] as string;
    expect(JSON.parse(body.replace(/'\\''/g, "'"))).toEqual({ query: personByRecord });
    expect(curl).toContain(`-H 'authorization: Bearer abc.def.ghi'`);
    expect(curl).toContain(`-H 'x-mosaic-case: O'\\''BRIEN-2026-1'`);
  });

  it('leaves open review items, so the review queue of the demo is not empty', async () => {
    const open = await openReviewItems(identity);
    expect(open).toBeGreaterThan(0);
    const [pending] = (await identity.query(
      "SELECT count(*)::int AS n FROM review_item WHERE state = 'PENDING'",
    )) as { n: number }[];
    expect(open).toBe(Number(pending?.n));
    expect(DEMO_REVIEW_QUEUE_QUERY).toContain('reviewQueue(first: 5)');
  });

  it('seeding the same population again stores, publishes and resolves nothing new', async () => {
    const before = await snapshot();
    const skipped = await seedDemoPopulation({
      sources,
      identity,
      persons: 30,
      seed: 1,
      overrides: RICH,
    });
    expect(skipped.seeded).toBe(false);
    const again = await seedDemoPopulation({
      sources,
      identity,
      persons: 30,
      seed: 1,
      overrides: RICH,
      onlyIfEmpty: false,
    });
    expect(again.seeded).toBe(true);
    expect(again.inserted).toEqual({ travel: 0, seizure: 0, fingerprint: 0 });
    expect(again.events).toBe(0);
    expect(await snapshot()).toEqual(before);
    expect(again.example).toEqual(first.example);
  });

  it('rejects a bad MOSAIC_DEMO_PERSONS or MOSAIC_DEMO_SEED by name', () => {
    expect(loadDemoOptions({})).toEqual({ persons: 300, seed: 1 });
    expect(loadDemoOptions({ MOSAIC_DEMO_PERSONS: '0', MOSAIC_DEMO_SEED: '7' })).toEqual({
      persons: 0,
      seed: 7,
    });
    expect(() => loadDemoOptions({ MOSAIC_DEMO_PERSONS: 'many' })).toThrow(
      /MOSAIC_DEMO_PERSONS: must be a whole number/,
    );
    expect(() => loadDemoOptions({ MOSAIC_DEMO_SEED: '-3' })).toThrow(/MOSAIC_DEMO_SEED/);
  });
});
