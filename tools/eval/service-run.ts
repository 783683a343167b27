// `npm run eval -- --mode embedded|infra`: the same evaluation, but through
// the identity service: the synthetic records are published as source events
// (the envelopes the sources' outbox relays produce) to the bus of the mode,
// the identity app consumes and resolves them into its database, and the
// result is read back from there. Embedded: PGlite + pgvector + in-process
// bus. Infra: PostgreSQL + Kafka + Elasticsearch (start them with
// `npm run infra:up`). The sources' own import path is measured by the import
// bench; here the identity service's end-to-end path is.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Presets, SingleBar } from 'cli-progress';
import {
  createEnvelope,
  startConsumerGroupsAtEnd,
  type EventBus,
  type EventEnvelope,
} from '@mosaic/event-bus';
import type { GroundTruth } from '@mosaic/evaluation';
import { SOURCE_TOPICS, type ResolutionModel } from '@mosaic/resolution';
import { EVENT_BUS, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import { generateBlocks, type SynthBlock, type SynthOptions } from '@mosaic/synth';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { IdentityAppModule } from '../../apps/identity/src/app.module';
import { loadIdentityConfig } from '../../apps/identity/src/config/identity.config';
import {
  ScoredPairs,
  clustersFrom,
  settleReviewQueue,
  type ReviewMode,
  type RunOutput,
} from './resolution-run';

export type ServiceMode = 'embedded' | 'infra';

/** The source events of one synthetic block, as the sources publish them. */
function blockEvents(block: SynthBlock) {
  const events: { topic: string; envelope: EventEnvelope }[] = [];
  const add = (topic: string, source: string, key: string, payload: object) =>
    events.push({
      topic,
      envelope: createEnvelope({ type: `${source}.recorded`, source, key, payload }),
    });
  for (const r of block.travel) add(SOURCE_TOPICS.travel, 'travel', r.recordId, r);
  for (const c of block.seizure) {
    for (const s of c.subjects) {
      add(SOURCE_TOPICS.seizure, 'seizure', s.subjectId, {
        ...s,
        caseId: c.recordId,
        caseNumber: c.caseNumber,
        openedAt: c.openedAt,
        coSubjectIds: c.subjects.filter((o) => o.subjectId !== s.subjectId).map((o) => o.subjectId),
      });
    }
  }
  for (const e of block.fingerprint) add(SOURCE_TOPICS.fingerprint, 'fingerprint', e.recordId, e);
  return events;
}

function serviceEnv(
  mode: ServiceMode,
  gallerySize: number,
  dataDir: string,
): Record<string, string> {
  const run = `eval${Date.now().toString(36)}`;
  const common = { MOSAIC_IDENTITY_GALLERY_SIZE: String(gallerySize) };
  if (mode === 'embedded') return { ...common, MOSAIC_DATA_DIR: dataDir };
  return {
    ...common,
    DATABASE_URL: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432',
    KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    SEARCH_URL: process.env['SEARCH_URL'] ?? 'http://127.0.0.1:9200',
    // An isolated database, index and consumer group per run: evaluations never mix.
    MOSAIC_DATABASE_PREFIX: `mosaic_${run}_`,
    MOSAIC_IDENTITY_CANDIDATE_INDEX: `mosaic-candidates-${run}`,
    MOSAIC_IDENTITY_CONSUMER_GROUP: `identity-${run}`,
    // Infra mode requires a token secret and the gateway's own, other key; the evaluation
    // never calls the subgraph, so any will do.
    MOSAIC_AUTH_SECRET: process.env['MOSAIC_AUTH_SECRET'] ?? randomBytes(32).toString('hex'),
    MOSAIC_GATEWAY_SECRET: process.env['MOSAIC_GATEWAY_SECRET'] ?? randomBytes(32).toString('hex'),
  };
}

/** Runs one statement on the server's maintenance database (CREATE/DROP DATABASE cannot run inside one). */
async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: `${serverUrl.replace(/\/+$/, '')}/postgres` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function runThroughService(
  mode: ServiceMode,
  synth: SynthOptions,
  truth: GroundTruth,
  model: ResolutionModel,
  gallerySize: number,
  log: (line: string) => void,
  review: ReviewMode,
): Promise<RunOutput> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-eval-'));
  const env = serviceEnv(mode, gallerySize, dataDir);
  const config = loadIdentityConfig(env);
  const database = mode === 'infra' ? `${env['MOSAIC_DATABASE_PREFIX']}identity` : null;
  // Armed before anything is created, so a failure at any step removes what this run made.
  let app: INestApplication | undefined;
  try {
    if (database !== null) {
      await onServer(env['DATABASE_URL'] as string, `CREATE DATABASE ${database}`);
      // Earlier runs' events stay on the shared Kafka topics: this run's group starts after them.
      await startConsumerGroupsAtEnd((env['KAFKA_BROKERS'] as string).split(','), [
        {
          groupId: env['MOSAIC_IDENTITY_CONSUMER_GROUP'] as string,
          topics: Object.values(SOURCE_TOPICS),
        },
      ]);
    }
    app = await NestFactory.create(
      IdentityAppModule.register(config, { modelBootstrap: () => model }),
      {
        logger: ['error'],
        abortOnError: false,
      },
    );
    await app.init();
    const db = app.get<DataSource>(SERVICE_DATA_SOURCE);
    const bus = app.get<EventBus>(EVENT_BUS);
    const count = async () =>
      Number(
        ((await db.query('SELECT count(*) AS n FROM processed_event')) as { n: string }[])[0]?.n ??
          0,
      );

    log(`publishing the source events (${mode}); the service resolves them as they arrive`);
    // The clock runs from the first publish: the service consumes while events are still arriving.
    const started = Date.now();
    let published = 0;
    for (const block of generateBlocks(synth)) {
      const byTopic = new Map<string, EventEnvelope[]>();
      for (const { topic, envelope } of blockEvents(block)) {
        (byTopic.get(topic) ?? byTopic.set(topic, []).get(topic))?.push(envelope);
      }
      for (const [topic, envelopes] of byTopic) {
        await bus.publish(topic, envelopes);
        published += envelopes.length;
      }
    }
    const bar = new SingleBar(
      {
        format: '  {bar} {value}/{total} events resolved | {rate} rec/s',
        noTTYOutput: true,
        notTTYSchedule: 10_000,
      },
      Presets.shades_classic,
    );
    bar.start(published, 0, { rate: 0 });
    let done = 0;
    let last = -1;
    let stalledSince = Date.now();
    while (done < published) {
      await new Promise((r) => setTimeout(r, 1_000));
      done = await count();
      bar.update(done, { rate: Math.round(done / ((Date.now() - started) / 1000)) });
      if (done !== last) {
        last = done;
        stalledSince = Date.now();
      } else if (Date.now() - stalledSince > 300_000) {
        throw new Error(`identity service stalled at ${done}/${published} events for 5 minutes`);
      }
    }
    bar.stop();
    const seconds = (Date.now() - started) / 1000;

    const rows = (await db.query('SELECT key, person_id FROM identity_record')) as {
      key: string;
      person_id: string;
    }[];
    const autoClustering = new Map(rows.map((r) => [r.key, r.person_id]));
    const decisions = (await db.query(
      "SELECT a_key, b_key, outcome, llr, thresholds FROM link_decision WHERE outcome IN ('AUTO_LINK', 'REVIEW')",
    )) as {
      a_key: string;
      b_key: string;
      outcome: string;
      llr: number;
      thresholds: { autoLink: number | null; review: number };
    }[];
    // Rebuild the persons as clusters, then let the reviewers work the review queue.
    const clusters = clustersFrom(autoClustering, 'R');
    const pairs = new ScoredPairs();
    const reviews = decisions
      .filter((d) => d.outcome === 'REVIEW')
      .map((d) => ({ a: d.a_key, b: d.b_key, llr: Number(d.llr), thresholds: d.thresholds }));
    for (const d of decisions) pairs.addStored(d.a_key, d.b_key, d.outcome, Number(d.llr));
    const settled = settleReviewQueue(
      clusters,
      autoClustering,
      reviews,
      (key) => truth.personOf.get(key),
      review,
    );
    return {
      clusters,
      autoClustering,
      ...settled,
      pairs,
      records: rows.length,
      flaggedRecords: Number(
        (
          (await db.query(
            'SELECT count(*) AS n FROM identity_record WHERE cardinality(flags) > 0',
          )) as { n: string }[]
        )[0]?.n ?? 0,
      ),
      oversizedBlocks: 0,
      blockedLinks: 0,
      resolveSeconds: seconds,
      falseAutoLinks: [],
    };
  } finally {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (database !== null) {
      await onServer(
        env['DATABASE_URL'] as string,
        `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`,
      );
    }
  }
}
