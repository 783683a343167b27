import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { clusteringAgreement } from '@mosaic/evaluation';
import { KafkaEventBus, startConsumerGroupsAtEnd } from '@mosaic/event-bus';
import { SOURCE_TOPICS } from '@mosaic/resolution';
import { createSearchClient } from '@mosaic/search-engine';
import { SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { IdentityAppModule } from '../../app.module';
import { loadIdentityConfig } from '../../config/identity.config';
import { ResolutionConsumer } from '../resolution.consumer';
import { ResolveBatchUseCase, type ResolveBatchCommand } from '../resolve-batch.use-case';
import { SourceEventMapper } from '../source-event.mapper';
import { syntheticSourceEvents } from './synthetic-source-events';
import { trainTestModel } from './test-model';

/**
 * Issues 5 and 16 "parallel workers": two and four identity workers in one
 * consumer group (each on its own partitions, no global lock: ADR 0013)
 * resolve the same events as one worker alone, to the same persons. Each run
 * has its own database (MOSAIC_DATABASE_PREFIX), candidate index and consumer
 * group; the source topics are shared, so record ids carry this run's prefix
 * and the groups start at the topics' current end. Then a deliberate race:
 * two workers get one record each of the same persons at the same instant.
 * Size: MOSAIC_IT_IDENTITY_PERSONS (default 300).
 */
const persons = Number(process.env['MOSAIC_IT_IDENTITY_PERSONS'] ?? 300);
const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const searchUrl = process.env['SEARCH_URL'] ?? 'http://127.0.0.1:9200';
/** The gateway's key (infra mode requires it): one for every worker, as in one deployment. */
const gatewaySecret = randomBytes(32).toString('base64url');
const run = `it${process.pid.toString(36)}${Date.now().toString(36)}`;
const topics = Object.values(SOURCE_TOPICS);

interface Run {
  name: 'single' | 'pair' | 'four';
  prefix: string;
  group: string;
  index: string;
  apps: INestApplication[];
}

const workersOf = { single: 1, pair: 2, four: 4 } as const;
const runs: Run[] = (['single', 'pair', 'four'] as const).map((name) => ({
  name,
  prefix: `mosaic_${run}_${name}_`,
  group: `${run}-${name}`,
  index: `mosaic-${run}-${name}-candidates`,
  apps: [],
}));

async function sql<T>(database: string, text: string): Promise<T[]> {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe(`identity workers in parallel (infra mode, ${persons} persons)`, () => {
  const model = trainTestModel({ seed: 101, persons: 1_000 });
  const source = syntheticSourceEvents({
    persons,
    seed: 23,
    idPrefix: `${run}-`,
    overrides: { 'population.networkRate': '0.2', 'seizure.loneCaseRate': '0.05' },
  });
  const kafka = new Kafka({ clientId: `mosaic-${run}`, brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const bus = new KafkaEventBus({ brokers, clientId: `mosaic-${run}-source` });
  const search = createSearchClient(searchUrl);

  const database = (r: Run) => `${r.prefix}identity`;
  // Other test runs may publish to the shared topics meanwhile: only this run's records count.
  const ours = `record_id LIKE '${run}-%'`;
  const resolved = async (r: Run) =>
    Number(
      (
        await sql<{ n: string }>(
          database(r),
          `SELECT count(*) AS n FROM identity_record WHERE ${ours}`,
        )
      )[0]?.n,
    );
  const clustering = async (r: Run) =>
    new Map(
      (
        await sql<{ key: string; person_id: string }>(
          database(r),
          `SELECT key, person_id FROM identity_record WHERE ${ours}`,
        )
      ).map((row) => [row.key, row.person_id]),
    );

  beforeAll(async () => {
    await admin.connect();
    // Earlier runs' events stay on the shared topics: this run's groups start after them.
    await startConsumerGroupsAtEnd(
      brokers,
      runs.map((r) => ({ groupId: r.group, topics })),
    );
    for (const r of runs) await sql('postgres', `CREATE DATABASE ${database(r)}`);

    for (const r of runs) {
      for (let worker = 0; worker < workersOf[r.name]; worker++) {
        const config = loadIdentityConfig({
          DATABASE_URL: serverUrl,
          KAFKA_BROKERS: brokers.join(','),
          SEARCH_URL: searchUrl,
          MOSAIC_DATABASE_PREFIX: r.prefix,
          MOSAIC_IDENTITY_CONSUMER_GROUP: r.group,
          MOSAIC_IDENTITY_CANDIDATE_INDEX: r.index,
          MOSAIC_IDENTITY_BATCH_SIZE: '50',
          LOG_LEVEL: 'warn',
          // Infra mode requires a token secret (or a JWKS URL) and the gateway's own, other
          // key; nothing here calls the subgraph.
          MOSAIC_AUTH_SECRET: 'integration-test-secret-of-at-least-32-characters',
          MOSAIC_GATEWAY_SECRET: gatewaySecret,
        });
        const app = await NestFactory.create(
          IdentityAppModule.register(config, { modelBootstrap: () => model }),
          { logger: ['error'], abortOnError: false },
        );
        await app.init();
        r.apps.push(app);
      }
    }
    // Every member of each group owns partitions before anything is published.
    for (const r of runs.slice(1)) {
      await waitFor(
        `the ${r.name} group to settle with ${workersOf[r.name]} members`,
        async () => {
          const { groups } = await admin.describeGroups([r.group]);
          const group = groups[0];
          return group?.state === 'Stable' && group.members.length === workersOf[r.name];
        },
        120_000,
      );
    }

    for (const [topic, envelopes] of source.byTopic) await bus.publish(topic, envelopes);
    for (const r of runs) {
      await waitFor(
        `${r.name}: every record resolved`,
        async () => (await resolved(r)) === source.count,
      );
    }
  }, 900_000);

  afterAll(async () => {
    for (const r of runs) for (const app of r.apps) await app.close();
    await bus.close();
    for (const r of runs) {
      await sql('postgres', `DROP DATABASE IF EXISTS ${database(r)} WITH (FORCE)`);
      await search.indices.delete({ index: r.index, ignore_unavailable: true });
    }
    await admin.deleteGroups(runs.map((r) => r.group)).catch(() => undefined);
    await admin.disconnect();
    await search.close();
  }, 120_000);

  it('shares the work between the workers of each group', () => {
    for (const r of runs.slice(1)) {
      const resolvedBy = r.apps.map((app) => app.get(ResolutionConsumer).progress.resolved);
      process.stdout.write(
        `identity parallel run (${r.name}): records resolved per worker ${resolvedBy.join(', ')}\n`,
      );
      for (const n of resolvedBy) expect(n).toBeGreaterThan(0);
    }
  });

  it.each(['pair', 'four'] as const)(
    'resolves with %s workers to the persons one worker alone finds, splitting no individual the single worker kept whole',
    async (name) => {
      const run = runs.find((r) => r.name === name) as Run;
      const [single, several] = [await clustering(runs[0]!), await clustering(run)];
      expect(single.size).toBe(source.count);
      expect(several.size).toBe(source.count);
      const agreement = clusteringAgreement(single, several);
      const personsOf = (c: Map<string, string>) => new Set(c.values()).size;
      process.stdout.write(
        `identity parallel run: ${source.count} records; single worker ${personsOf(single)} persons, ` +
          `${workersOf[name]} workers ${personsOf(several)} persons; B-cubed agreement ${agreement.toFixed(6)}\n`,
      );
      expect(agreement).toBeGreaterThanOrEqual(0.9999);

      const byTruePerson = new Map<string, string[]>();
      for (const [key, person] of source.truth) {
        byTruePerson.set(person, [...(byTruePerson.get(person) ?? []), key]);
      }
      const split: string[] = [];
      for (const [person, keys] of byTruePerson) {
        const wholeInSingle = new Set(keys.map((k) => single.get(k))).size === 1;
        const wholeInSeveral = new Set(keys.map((k) => several.get(k))).size === 1;
        if (wholeInSingle && !wholeInSeveral) split.push(person);
      }
      expect(split).toEqual([]);
    },
  );

  it('loses no merge and splits no person when two workers get records of the same persons at the same instant', async () => {
    // Records of this run's own race population, one event each, straight to the workers' use case.
    const race = syntheticSourceEvents({ persons: 80, seed: 29, idPrefix: `${run}-race-` });
    const mapper = new SourceEventMapper();
    const mapped = [...race.byTopic].flatMap(([topic, envelopes]) =>
      envelopes.map((envelope, offset) =>
        mapper.map({ topic, partition: 0, offset: String(offset), envelope }),
      ),
    );
    const byPerson = new Map<string, ResolveBatchCommand['records'][number][]>();
    for (const m of mapped) {
      if (m.kind !== 'record') continue;
      const person = race.truth.get(m.record.key) as string;
      byPerson.set(person, [...(byPerson.get(person) ?? []), m]);
    }
    // The first two records of every person with two or more: one to each worker.
    const pairs = [...byPerson.values()].filter((records) => records.length >= 2);
    const first = pairs.map((records) => records[0]!);
    const second = pairs.map((records) => records[1]!);
    const command = (records: typeof first): ResolveBatchCommand => ({
      groupId: 'race',
      records,
      rejected: [],
    });
    const raceKeys = [...first, ...second].map((r) => r.record.key);
    const personOf = async (r: Run) => {
      const rows = await sql<{ key: string; person_id: string }>(
        database(r),
        `SELECT key, person_id FROM identity_record WHERE key IN (${raceKeys
          .map((k) => `'${k}'`)
          .join(', ')})`,
      );
      return new Map(rows.map((row) => [row.key, row.person_id]));
    };

    // One worker alone: the first records, then the second.
    const reference = runs[0]!.apps[0]!.get(ResolveBatchUseCase);
    await reference.execute(command(first));
    await reference.execute(command(second));
    // Two workers of one deployment, at the same instant.
    const [one, two] = runs[1]!.apps.map((app) => app.get(ResolveBatchUseCase));
    await Promise.all([one!.execute(command(first)), two!.execute(command(second))]);

    const [alone, raced] = [await personOf(runs[0]!), await personOf(runs[1]!)];
    expect(alone.size).toBe(raceKeys.length);
    expect(raced.size).toBe(raceKeys.length);
    const linkedAlone = pairs.filter(
      (_, i) => alone.get(first[i]!.record.key) === alone.get(second[i]!.record.key),
    );
    const linkedRaced = pairs.filter(
      (_, i) => raced.get(first[i]!.record.key) === raced.get(second[i]!.record.key),
    );
    const agreement = clusteringAgreement(alone, raced);
    process.stdout.write(
      `identity race: ${pairs.length} persons with a record at each of two workers; linked by one worker ` +
        `${linkedAlone.length}, by two racing workers ${linkedRaced.length}; B-cubed agreement ${agreement.toFixed(6)}\n`,
    );
    // The race is only a test if one worker alone links most of these pairs.
    expect(linkedAlone.length).toBeGreaterThan(pairs.length / 2);
    expect(linkedRaced.length).toBe(linkedAlone.length);
    expect(agreement).toBeGreaterThanOrEqual(0.9999);
  });

  it('indexes every stored record in its run’s candidate index, and keeps records on active persons', async () => {
    for (const r of runs) {
      await search.indices.refresh({ index: r.index });
      const indexed = await search.count({ index: r.index });
      const [stored] = await sql<{ n: string }>(
        database(r),
        'SELECT count(*) AS n FROM identity_record',
      );
      expect(indexed.count).toBe(Number(stored?.n));
    }
    for (const r of runs) {
      const [db] = r.apps.map((app) => app.get<DataSource>(SERVICE_DATA_SOURCE));
      const statuses = (await db!.query(
        `SELECT DISTINCT p.status FROM person p JOIN identity_record r ON r.person_id = p.id WHERE ${ours}`,
      )) as { status: string }[];
      expect(statuses).toEqual([{ status: 'ACTIVE' }]);
    }
  });
});
