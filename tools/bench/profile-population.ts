// The population the profile bench queries: one synthetic set (persons, seed)
// stored in infra mode under its own database prefix, so a second bench run
// reuses it. The source records go through the sources' own stores (as
// `mosaic import` writes them, with their outbox events); the identity
// database is filled by the identity service's real resolution: its
// SourceEventMapper and ResolveBatchUseCase take the sources' outbox events
// in batches, as its consumer would take them off the bus. Only the candidate
// index differs from a deployment: an in-memory usearch index instead of the
// search engine, because resolution speed is not what the bench measures
// (through Kafka and Elasticsearch the 100k set resolves at ~92 records/s).
import { NestFactory } from '@nestjs/core';
import { accessHeaders, mintGatewayCredential, mintToken } from '@mosaic/access';
import { Presets, SingleBar } from 'cli-progress';
import { InMemoryCandidateIndex } from '@mosaic/candidate-index';
import { loadServiceConfig, type ServiceDefinition } from '@mosaic/config';
import type { ConsumedEvent, EventEnvelope } from '@mosaic/event-bus';
import {
  FingerprintEnrollmentStore,
  fingerprintEnrollmentSchema,
  fingerprintEntities,
  fingerprintMigrations,
  fingerprintService,
} from '@mosaic/fingerprint-data';
import type { RecordSink } from '@mosaic/ingest';
import { openServiceDataSource } from '@mosaic/persistence';
import { SOURCE_TOPICS } from '@mosaic/resolution';
import {
  SeizureCaseStore,
  seizureCaseSchema,
  seizureEntities,
  seizureMigrations,
  seizureService,
} from '@mosaic/seizure-data';
import { closeEmbeddedBus } from '@mosaic/service-kit';
import { blockCount, generateBlocks, resolveSynthOptions } from '@mosaic/synth';
import {
  TravelEncounterStore,
  travelEncounterSchema,
  travelEntities,
  travelMigrations,
  travelService,
} from '@mosaic/travel-data';
import { validateRecord, type Validated } from '@mosaic/validation';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { IdentityAppModule } from '../../apps/identity/src/app.module';
import { loadIdentityConfig } from '../../apps/identity/src/config/identity.config';
import { ResolveBatchUseCase } from '../../apps/identity/src/resolution/resolve-batch.use-case';
import { SourceEventMapper } from '../../apps/identity/src/resolution/source-event.mapper';

export interface InfraUrls {
  databaseUrl: string;
  kafkaBrokers: string;
  searchUrl: string;
}

export interface PopulationCounts {
  travelRecords: number;
  seizureCases: number;
  fingerprintRecords: number;
  /** Source events the identity service resolves (travel, seizure subjects, fingerprint). */
  sourceEvents: number;
  rejectedRecords: number;
  identityRecords: number;
  persons: number;
  activePersons: number;
  linkDecisions: number;
}

export interface ProfilePopulation {
  persons: number;
  seed: number;
  /** MOSAIC_DATABASE_PREFIX of the population's databases. */
  prefix: string;
  counts: PopulationCounts;
  /** Wall-clock seconds the build took (when it was built, by this or an earlier run). */
  buildSeconds: number;
  builtAt: string;
  /** True when this run found the population complete and reused it. */
  reused: boolean;
}

const SOURCES = ['travel', 'seizure', 'fingerprint'] as const;
type SourceName = (typeof SOURCES)[number];
const DATABASES = [...SOURCES, 'identity', 'bench'] as const;
/** Records per source transaction, as `mosaic import` commits them. */
const STORE_BATCH = 1_000;

export function populationPrefix(persons: number, seed: number): string {
  return `mosaic_bprof_p${persons}_s${seed}_`;
}

export function infraUrls(env: NodeJS.ProcessEnv = process.env): InfraUrls {
  return {
    databaseUrl: (env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, ''),
    kafkaBrokers: env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    searchUrl: env['SEARCH_URL'] ?? 'http://127.0.0.1:9200',
  };
}

/** The token secret of the bench's services (infra mode requires one); not a deployment's. */
export const BENCH_AUTH_SECRET = 'mosaic-profile-bench-token-secret-0123456789';

/**
 * The gateway's key in the bench's services (infra mode requires one, other
 * than the token secret); not a deployment's.
 */
export const BENCH_GATEWAY_SECRET = 'mosaic-profile-bench-gateway-key-9876543210';

/** The infra-mode environment of the population's services. */
export function populationEnv(urls: InfraUrls, prefix: string): Record<string, string> {
  return {
    DATABASE_URL: urls.databaseUrl,
    KAFKA_BROKERS: urls.kafkaBrokers,
    SEARCH_URL: urls.searchUrl,
    MOSAIC_DATABASE_PREFIX: prefix,
    MOSAIC_AUTH_SECRET: BENCH_AUTH_SECRET,
    MOSAIC_GATEWAY_SECRET: BENCH_GATEWAY_SECRET,
  };
}

/** Who every bench request runs for, and why. */
const BENCH_CALLER = {
  user: 'profile-bench',
  purpose: 'CASE_INVESTIGATION',
  caseNumber: 'BENCH-2026-000001',
} as const;

/** Longer than any bench run, so no request fails on expiry mid-run. */
const BENCH_TTL_SECONDS = 12 * 3600;

/**
 * The headers of a bench request through the gateway: an analyst's token, a
 * purpose and a case, as any client sends. A subgraph refuses them: a request
 * straight to one carries subgraphHeaders instead.
 */
export async function benchHeaders(): Promise<Record<string, string>> {
  const token = await mintToken({
    user: BENCH_CALLER.user,
    roles: ['ANALYST'],
    secret: BENCH_AUTH_SECRET,
    ttlSeconds: BENCH_TTL_SECONDS,
  });
  return {
    'content-type': 'application/json',
    ...accessHeaders({
      token,
      purpose: BENCH_CALLER.purpose,
      caseNumber: BENCH_CALLER.caseNumber,
    }),
  };
}

/**
 * The headers of a bench request straight to `subgraph` (e.g. identity): the
 * gateway's credential for that subgraph, carrying the same analyst, purpose
 * and case as benchHeaders. Signed here with the bench's gateway key rather
 * than per call as the gateway does, so it must outlive the run: a deployment's
 * credentials last a minute (developmentGatewayHeaders caps them at an hour).
 */
export async function subgraphHeaders(subgraph: string): Promise<Record<string, string>> {
  const now = new Date();
  const credential = await mintGatewayCredential(BENCH_GATEWAY_SECRET, {
    subgraph,
    access: {
      user: BENCH_CALLER.user,
      roles: ['ANALYST'],
      purpose: BENCH_CALLER.purpose,
      caseNumber: BENCH_CALLER.caseNumber,
      expiresAt: new Date(now.getTime() + BENCH_TTL_SECONDS * 1000),
    },
    requestId: `profile-bench-${now.getTime().toString(36)}`,
    now,
    ttlSeconds: BENCH_TTL_SECONDS,
  });
  return { 'content-type': 'application/json', authorization: `Bearer ${credential}` };
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function existingDatabases(serverUrl: string, prefix: string): Promise<Set<string>> {
  return withClient(databaseUrl(serverUrl, 'postgres'), async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    return new Set(rows.map((r) => r.datname));
  });
}

async function count(url: string, sql: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(sql);
    return Number(rows[0]?.n ?? 0);
  });
}

async function identityCounts(serverUrl: string, prefix: string) {
  const url = databaseUrl(serverUrl, `${prefix}identity`);
  return {
    identityRecords: await count(url, 'SELECT count(*) AS n FROM identity_record'),
    persons: await count(url, 'SELECT count(*) AS n FROM person'),
    activePersons: await count(url, "SELECT count(*) AS n FROM person WHERE status = 'ACTIVE'"),
    linkDecisions: await count(url, 'SELECT count(*) AS n FROM link_decision'),
  };
}

/**
 * Fresh planner statistics for every database of the population. A freshly
 * bulk-loaded table has none until autovacuum analyzes it, and autovacuum may
 * be off (it is on this machine's CI PostgreSQL): without them a one-person
 * lookup plans for thousands of rows and pays a parallel gather each time.
 */
async function analyze(urls: InfraUrls, prefix: string, vacuum: boolean): Promise<void> {
  for (const d of DATABASES) {
    await withClient(databaseUrl(urls.databaseUrl, `${prefix}${d}`), (client) =>
      client.query(vacuum ? 'VACUUM ANALYZE' : 'ANALYZE'),
    );
  }
}

/**
 * The population recorded as complete in the `<prefix>bench` marker database,
 * or null when it is missing, was built for other options, or its identity
 * tables no longer hold what the marker says.
 */
async function completePopulation(
  urls: InfraUrls,
  persons: number,
  seed: number,
): Promise<ProfilePopulation | null> {
  const prefix = populationPrefix(persons, seed);
  const present = await existingDatabases(urls.databaseUrl, prefix);
  if (!DATABASES.every((d) => present.has(`${prefix}${d}`))) return null;
  const marker = await withClient(databaseUrl(urls.databaseUrl, `${prefix}bench`), (client) =>
    client
      .query<{
        persons: number;
        seed: number;
        build_seconds: number;
        built_at: Date;
        counts: PopulationCounts;
      }>(
        `SELECT persons, seed, build_seconds, built_at, counts FROM population
         WHERE persons = $1 AND seed = $2`,
        [persons, seed],
      )
      .then((r) => r.rows[0] ?? null)
      .catch(() => null),
  );
  if (marker === null) return null;
  const now = await identityCounts(urls.databaseUrl, prefix);
  // Fewer records than built: the database was changed or cut short. More is left alone (a
  // record resolved since, e.g. by an older bench whose identity service read the shared topics).
  if (now.identityRecords < marker.counts.identityRecords) return null;
  // Persons may have been merged or split since (a curator at work): only the records are fixed.
  return {
    persons,
    seed,
    prefix,
    counts: { ...marker.counts, ...now },
    buildSeconds: Number(marker.build_seconds),
    builtAt: new Date(marker.built_at).toISOString(),
    reused: true,
  };
}

interface SourceStore {
  service: ServiceDefinition;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  validate: (value: unknown) => Validated<unknown>;
  sink: RecordSink<unknown>;
}

const STORES: Record<SourceName, () => SourceStore> = {
  travel: () => ({
    service: travelService,
    entities: travelEntities,
    migrations: travelMigrations,
    validate: (value) => validateRecord(travelEncounterSchema, value),
    sink: new TravelEncounterStore() as RecordSink<unknown>,
  }),
  seizure: () => ({
    service: seizureService,
    entities: seizureEntities,
    migrations: seizureMigrations,
    validate: (value) => validateRecord(seizureCaseSchema, value),
    sink: new SeizureCaseStore() as RecordSink<unknown>,
  }),
  fingerprint: () => ({
    service: fingerprintService,
    entities: fingerprintEntities,
    migrations: fingerprintMigrations,
    validate: (value) => validateRecord(fingerprintEnrollmentSchema, value),
    sink: new FingerprintEnrollmentStore() as RecordSink<unknown>,
  }),
};

/**
 * Builds the population from scratch: drops whatever the prefix holds,
 * creates the databases, and streams the synthetic blocks through the source
 * stores and the identity resolution; writes the marker last.
 */
async function buildPopulation(
  urls: InfraUrls,
  persons: number,
  seed: number,
  log: (line: string) => void,
): Promise<ProfilePopulation> {
  const prefix = populationPrefix(persons, seed);
  const started = Date.now();
  const admin = databaseUrl(urls.databaseUrl, 'postgres');
  await withClient(admin, async (client) => {
    for (const d of DATABASES) {
      await client.query(`DROP DATABASE IF EXISTS ${prefix}${d} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${prefix}${d}`);
    }
  });
  const env = populationEnv(urls, prefix);

  const sources = new Map<SourceName, SourceStore & { db: DataSource }>();
  for (const name of SOURCES) {
    const store = STORES[name]();
    const config = loadServiceConfig(store.service, env);
    const db = await openServiceDataSource({
      database: config.database as NonNullable<typeof config.database>,
      entities: store.entities,
      migrations: store.migrations,
    });
    sources.set(name, { ...store, db });
  }

  // The identity service as it boots in infra mode (its database, migrations, bootstrap
  // model), except for the bus (in-process: nothing is sent to Kafka) and the candidate index.
  const identityConfig = loadIdentityConfig(env);
  log(
    `population: starting the identity service on ${prefix}identity (trains its bootstrap model)`,
  );
  const identity = await NestFactory.createApplicationContext(
    IdentityAppModule.register(
      { ...identityConfig, bus: { kind: 'in-process' }, search: null },
      { candidateIndex: new InMemoryCandidateIndex() },
    ),
    { logger: ['error', 'warn'] },
  );
  const resolve = identity.get(ResolveBatchUseCase);
  const mapper = new SourceEventMapper();
  const batchSize = identityConfig.extra.MOSAIC_IDENTITY_BATCH_SIZE;
  const sourceTopics: string[] = Object.values(SOURCE_TOPICS);

  const counts = {
    travelRecords: 0,
    seizureCases: 0,
    fingerprintRecords: 0,
    sourceEvents: 0,
    rejectedRecords: 0,
    resolved: 0,
    deadLettered: 0,
  };
  const synth = resolveSynthOptions({ persons, seed });
  const blocks = blockCount(synth);
  const bar = new SingleBar(
    {
      format:
        '  population {bar} {value}/{total} blocks | {records} source records stored | {resolved} resolved | resolver {rate} rec/s | ETA {eta_formatted}',
      noTTYOutput: true,
      notTTYSchedule: 10_000,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  bar.start(blocks, 0, { records: 0, resolved: 0, rate: 0 });
  let resolveSeconds = 0;
  let analyzedAt = 0;
  const progressOf = () => ({
    records: (
      counts.travelRecords +
      counts.seizureCases +
      counts.fingerprintRecords
    ).toLocaleString('en'),
    resolved: counts.resolved.toLocaleString('en'),
    rate: Math.round(counts.resolved / Math.max(resolveSeconds, 1e-3)),
  });
  try {
    for (const block of generateBlocks(synth)) {
      const bySource: Record<SourceName, readonly unknown[]> = {
        travel: block.travel,
        seizure: block.seizure,
        fingerprint: block.fingerprint,
      };
      for (const name of SOURCES) {
        const source = sources.get(name) as SourceStore & { db: DataSource };
        // As `mosaic import` reads them: the NDJSON line (a JSON round trip), validated.
        const valid: unknown[] = [];
        for (const record of bySource[name]) {
          const checked = source.validate(JSON.parse(JSON.stringify(record)));
          if (checked.ok) valid.push(checked.value);
          else counts.rejectedRecords += 1;
        }
        for (let i = 0; i < valid.length; i += STORE_BATCH) {
          const chunk = valid.slice(i, i + STORE_BATCH);
          const { inserted } = await source.db.transaction((manager) =>
            source.sink.storeBatch(manager, chunk),
          );
          if (name === 'travel') counts.travelRecords += inserted;
          else if (name === 'seizure') counts.seizureCases += inserted;
          else counts.fingerprintRecords += inserted;
        }
      }
      // The outbox relays' work, aimed at the resolver: each source's unpublished events in
      // commit order, in batches of the consumer's size, then marked published.
      for (const name of SOURCES) {
        const { db } = sources.get(name) as SourceStore & { db: DataSource };
        const rows = (await db.query(
          'SELECT position, topic, envelope FROM outbox WHERE published_at IS NULL ORDER BY position',
        )) as { position: string; topic: string; envelope: EventEnvelope }[];
        const events: ConsumedEvent[] = rows
          .filter((r) => sourceTopics.includes(r.topic))
          .map((r) => ({ topic: r.topic, partition: 0, offset: r.position, envelope: r.envelope }));
        counts.sourceEvents += events.length;
        for (let i = 0; i < events.length; i += batchSize) {
          const command: Parameters<ResolveBatchUseCase['execute']>[0] = {
            groupId: 'profile-bench-population',
            records: [],
            rejected: [],
          };
          for (const event of events.slice(i, i + batchSize)) {
            const mapped = mapper.map(event);
            if (mapped.kind === 'record') (command.records as unknown[]).push(mapped);
            else (command.rejected as unknown[]).push(mapped);
          }
          const batchStarted = process.hrtime.bigint();
          const result = await resolve.execute(command);
          resolveSeconds += Number(process.hrtime.bigint() - batchStarted) / 1e9;
          counts.resolved += result.resolved;
          counts.deadLettered += result.deadLettered;
          bar.update(block.index, progressOf());
        }
        if (rows.length > 0) {
          await db.query(
            'UPDATE outbox SET published_at = now() WHERE position = ANY($1::bigint[])',
            [rows.map((r) => r.position)],
          );
        }
      }
      // What autovacuum would do (analyze once 50 + 10 % of a table changed), since it may be
      // off: the resolver's own queries plan on these statistics as the tables grow.
      if (counts.resolved - analyzedAt > 50 + 0.1 * analyzedAt) {
        await withClient(databaseUrl(urls.databaseUrl, `${prefix}identity`), (client) =>
          client.query('ANALYZE'),
        );
        analyzedAt = counts.resolved;
      }
      bar.update(block.index + 1, progressOf());
    }
    bar.stop();
  } finally {
    bar.stop();
    await identity.close();
    await closeEmbeddedBus();
    for (const { db } of sources.values()) await db.destroy();
  }
  if (counts.deadLettered > 0) {
    log(`population: ${counts.deadLettered} source events were dead-lettered by the resolver`);
  }

  // The identity service published its person events to this process's bus; what its relay had
  // not reached yet counts as published too, or the measurement's service would send it to Kafka.
  await withClient(databaseUrl(urls.databaseUrl, `${prefix}identity`), (client) =>
    client.query('UPDATE outbox SET published_at = now() WHERE published_at IS NULL'),
  );
  log('population: VACUUM ANALYZE of its databases');
  await analyze(urls, prefix, true);
  const buildSeconds = Math.round((Date.now() - started) / 100) / 10;
  const built = await identityCounts(urls.databaseUrl, prefix);
  const populationCounts: PopulationCounts = {
    travelRecords: counts.travelRecords,
    seizureCases: counts.seizureCases,
    fingerprintRecords: counts.fingerprintRecords,
    sourceEvents: counts.sourceEvents,
    rejectedRecords: counts.rejectedRecords,
    ...built,
  };
  const builtAt = new Date();
  await withClient(databaseUrl(urls.databaseUrl, `${prefix}bench`), async (client) => {
    await client.query(`CREATE TABLE IF NOT EXISTS population (
      persons integer NOT NULL, seed integer NOT NULL, build_seconds real NOT NULL,
      built_at timestamptz NOT NULL, counts jsonb NOT NULL, PRIMARY KEY (persons, seed))`);
    await client.query(
      `INSERT INTO population (persons, seed, build_seconds, built_at, counts) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (persons, seed) DO UPDATE SET build_seconds = $3, built_at = $4, counts = $5`,
      [persons, seed, buildSeconds, builtAt, JSON.stringify(populationCounts)],
    );
  });
  log(
    `population: built in ${buildSeconds} s — ${populationCounts.identityRecords} records resolved ` +
      `(${Math.round(counts.resolved / resolveSeconds)} records/s in the resolver) into ` +
      `${populationCounts.activePersons} active persons`,
  );
  return {
    persons,
    seed,
    prefix,
    counts: populationCounts,
    buildSeconds,
    builtAt: builtAt.toISOString(),
    reused: false,
  };
}

/**
 * The profile-bench population for (persons, seed): reused when a complete one
 * exists under its prefix, built otherwise (or when `rebuild` is set).
 */
export async function ensureProfilePopulation(
  options: { persons: number; seed: number; rebuild?: boolean; urls?: InfraUrls },
  log: (line: string) => void,
): Promise<ProfilePopulation> {
  const urls = options.urls ?? infraUrls();
  const prefix = populationPrefix(options.persons, options.seed);
  if (!options.rebuild) {
    const existing = await completePopulation(urls, options.persons, options.seed);
    if (existing) {
      await analyze(urls, prefix, false);
      log(
        `population: reusing ${prefix}* (${existing.counts.identityRecords} records, ` +
          `${existing.counts.activePersons} active persons; built ${existing.builtAt} in ${existing.buildSeconds} s)`,
      );
      return existing;
    }
    log(`population: no complete population under ${prefix}*: building it`);
  }
  return buildPopulation(urls, options.persons, options.seed, log);
}
