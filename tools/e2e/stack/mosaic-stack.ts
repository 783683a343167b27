import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mintToken, type Role } from '@mosaic/access';
import { READ_MODEL_TOPICS } from '@mosaic/analysis-data';
import { syntheticBootstrapModel } from '@mosaic/evaluation';
import { startConsumerGroupsAtEnd } from '@mosaic/event-bus';
import { SOURCE_TOPICS } from '@mosaic/resolution';
import { createSearchClient } from '@mosaic/search-engine';
import { closeEmbeddedBus, keepConnectionsAlive, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';
import { AnalysisAppModule } from '../../../apps/analysis/src/app.module';
import { loadAnalysisConfig } from '../../../apps/analysis/src/config/analysis.config';
import { FingerprintAppModule } from '../../../apps/fingerprint/src/app.module';
import { loadFingerprintConfig } from '../../../apps/fingerprint/src/config/fingerprint.config';
import { GatewayAppModule } from '../../../apps/gateway/src/app.module';
import { loadGatewayConfig } from '../../../apps/gateway/src/config/gateway.config';
import { loadSupergraph } from '../../../apps/gateway/src/supergraph/supergraph';
import { IdentityAppModule } from '../../../apps/identity/src/app.module';
import { loadIdentityConfig } from '../../../apps/identity/src/config/identity.config';
import { SeizureAppModule } from '../../../apps/seizure/src/app.module';
import { loadSeizureConfig } from '../../../apps/seizure/src/config/seizure.config';
import { TravelAppModule } from '../../../apps/travel/src/app.module';
import { loadTravelConfig } from '../../../apps/travel/src/config/travel.config';
import { seedDemoPopulation } from '../../demo/seed-demo';

export type StackMode = 'embedded' | 'infra';
export type StackDatabase =
  'travel' | 'seizure' | 'fingerprint' | 'identity' | 'analysis' | 'audit';

export interface StackOptions {
  mode: StackMode;
  /** Synthetic persons written through the sources' stores (0: none). */
  persons: number;
  seed: number;
  /** Generator overrides, as `mosaic synth --set` takes them. */
  overrides?: Readonly<Record<string, string>>;
  /** Extra gateway variables (limits, rate limit) for the run. */
  gatewayEnv?: Readonly<Record<string, string>>;
  /** Every service's LOG_LEVEL (default warn). */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
}

export interface MosaicStack {
  mode: StackMode;
  /** The gateway's GraphQL URL: the one public endpoint. */
  gatewayUrl: string;
  /** Each subgraph's own GraphQL URL (to show what a direct call gets). */
  subgraphUrls: Record<'travel' | 'seizure' | 'fingerprint' | 'identity' | 'analysis', string>;
  databases: Record<StackDatabase, DataSource>;
  /** The HS256 secret every service of the stack checks tokens with. */
  secret: string;
  /** The services' environment (databases, bus, search, secret), e.g. for the CLI. */
  env: Readonly<Record<string, string>>;
  /** A development token for `user` with `roles`, signed with the stack's secret. */
  token(
    user: string,
    roles: Role[],
    options?: { ttlSeconds?: number; now?: Date },
  ): Promise<string>;
  close(): Promise<void>;
}

const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const searchUrl = process.env['SEARCH_URL'] ?? 'http://127.0.0.1:9200';
const DATABASES: readonly StackDatabase[] = [
  'travel',
  'seizure',
  'fingerprint',
  'identity',
  'analysis',
  'audit',
];

async function onServer(statement: string): Promise<void> {
  const client = new PgClient({ connectionString: `${serverUrl.replace(/\/+$/, '')}/postgres` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function count(dataSource: DataSource, table: string): Promise<number> {
  const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as {
    n: number;
  }[];
  return row?.n ?? 0;
}

/** Waits until the analysis read model holds a membership for every record identity resolved. */
async function analysisCaughtUp(identity: DataSource, analysis: DataSource): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const resolved = await count(identity, 'identity_record');
    if (resolved > 0 && (await count(analysis, 'analysis_membership')) >= resolved) return;
    if (Date.now() > deadline) {
      throw new Error(`analysis projection did not catch up with ${resolved} resolved records`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Every Mosaic service and the gateway, as one deployment for end-to-end tests:
 * embedded (PGlite, in-process bus, PostgreSQL search) or infra (PostgreSQL,
 * Kafka, Elasticsearch, each run in its own databases, index names and consumer
 * groups). One token secret for the whole stack, seeded with a synthetic
 * population through the sources' own stores.
 */
export async function startMosaicStack(options: StackOptions): Promise<MosaicStack> {
  const secret = randomBytes(32).toString('base64url');
  const run = `sec${process.pid.toString(36)}${Date.now().toString(36)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-e2e-stack-'));
  const common: Record<string, string> = {
    MOSAIC_AUTH_SECRET: secret,
    MOSAIC_GATEWAY_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: options.logLevel ?? 'warn',
  };
  let env: Record<string, string>;
  if (options.mode === 'embedded') {
    env = { ...common, MOSAIC_DATA_DIR: dataDir };
  } else {
    const prefix = `mosaic_${run}_`;
    for (const name of DATABASES) await onServer(`CREATE DATABASE ${prefix}${name}`);
    env = {
      ...common,
      DATABASE_URL: serverUrl,
      KAFKA_BROKERS: brokers.join(','),
      SEARCH_URL: searchUrl,
      MOSAIC_DATABASE_PREFIX: prefix,
      MOSAIC_IDENTITY_CONSUMER_GROUP: `${run}-identity`,
      MOSAIC_IDENTITY_CANDIDATE_INDEX: `mosaic-${run}-candidates`,
      MOSAIC_ANALYSIS_CONSUMER_GROUP: `${run}-analysis`,
      MOSAIC_ANALYSIS_SEARCH_INDEX: `mosaic-${run}-persons`,
    };
    await startConsumerGroupsAtEnd(brokers, [
      { groupId: `${run}-identity`, topics: Object.values(SOURCE_TOPICS) },
      { groupId: `${run}-analysis`, topics: READ_MODEL_TOPICS },
    ]);
  }

  const apps: INestApplication[] = [];
  const databases: Partial<Record<StackDatabase, DataSource>> = {};
  const close = async () => {
    for (const app of apps.reverse()) await app.close();
    if (options.mode === 'embedded') {
      await closeEmbeddedBus();
    } else {
      const prefix = env['MOSAIC_DATABASE_PREFIX'] as string;
      for (const name of DATABASES) {
        await onServer(`DROP DATABASE IF EXISTS ${prefix}${name} WITH (FORCE)`);
      }
      const search = createSearchClient(searchUrl);
      for (const index of [
        env['MOSAIC_IDENTITY_CANDIDATE_INDEX'],
        env['MOSAIC_ANALYSIS_SEARCH_INDEX'],
      ]) {
        await search.indices.delete({ index: index as string, ignore_unavailable: true });
      }
      await search.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const start = async (
      name: StackDatabase | 'gateway',
      module: Parameters<typeof NestFactory.create>[0],
    ) => {
      const app = await NestFactory.create(module, { logger: false, abortOnError: false });
      apps.push(app);
      keepConnectionsAlive(app);
      await app.listen(0, '127.0.0.1');
      databases[name === 'gateway' ? 'audit' : name] = app.get<DataSource>(SERVICE_DATA_SOURCE);
      return `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
    };
    const travel = await start('travel', TravelAppModule.register(loadTravelConfig(env)));
    const seizure = await start('seizure', SeizureAppModule.register(loadSeizureConfig(env)));
    const fingerprint = await start(
      'fingerprint',
      FingerprintAppModule.register(loadFingerprintConfig(env)),
    );
    const model = syntheticBootstrapModel({ seed: 101, persons: 1_000, impostorPairs: 50_000 });
    const identity = await start(
      'identity',
      IdentityAppModule.register(loadIdentityConfig(env), { modelBootstrap: () => model }),
    );
    const analysis = await start('analysis', AnalysisAppModule.register(loadAnalysisConfig(env)));
    if (options.persons > 0) {
      await seedDemoPopulation({
        sources: {
          travel: databases.travel as DataSource,
          seizure: databases.seizure as DataSource,
          fingerprint: databases.fingerprint as DataSource,
        },
        identity: databases.identity as DataSource,
        persons: options.persons,
        seed: options.seed,
        ...(options.overrides ? { overrides: options.overrides } : {}),
      });
      await analysisCaughtUp(databases.identity as DataSource, databases.analysis as DataSource);
    }
    const gatewayConfig = loadGatewayConfig({
      ...env,
      ...options.gatewayEnv,
      MOSAIC_GATEWAY_TRAVEL_URL: travel,
      MOSAIC_GATEWAY_SEIZURE_URL: seizure,
      MOSAIC_GATEWAY_FINGERPRINT_URL: fingerprint,
      MOSAIC_GATEWAY_IDENTITY_URL: identity,
      MOSAIC_GATEWAY_ANALYSIS_URL: analysis,
    });
    const gatewayUrl = await start(
      'gateway',
      GatewayAppModule.register(gatewayConfig, await loadSupergraph(gatewayConfig)),
    );
    return {
      mode: options.mode,
      gatewayUrl,
      subgraphUrls: { travel, seizure, fingerprint, identity, analysis },
      databases: databases as Record<StackDatabase, DataSource>,
      secret,
      env,
      token: (user, roles, tokenOptions = {}) =>
        mintToken({ user, roles, secret, ...tokenOptions }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
