// End to end in infra mode with several identity workers (issue 16, ADR 0013):
//
//   node -r @swc-node/register tools/bench/identity-workers.bench.ts --persons 10000 --workers 1,2
//
// For each worker count: a fresh identity database, candidate index and consumer group; that many
// identity services started as separate processes (apps/identity/src/main.ts) in one group; the
// synthetic population's source events published to Kafka; the clock runs from the first publish
// until every event is processed (as `npm run eval -- --mode infra` measures one worker). Prints
// records/s per worker count. Needs `npm run infra:up`.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { KafkaEventBus, startConsumerGroupsAtEnd } from '@mosaic/event-bus';
import { SOURCE_TOPICS } from '@mosaic/resolution';
import { createSearchClient } from '@mosaic/search-engine';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { syntheticSourceEvents } from '../../apps/identity/src/resolution/__tests__/synthetic-source-events';

const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const searchUrl = process.env['SEARCH_URL'] ?? 'http://127.0.0.1:9200';
const topics = Object.values(SOURCE_TOPICS);

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

async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function benchWorkers(persons: number, seed: number, workers: number) {
  const run = `bw${Date.now().toString(36)}w${workers}`;
  const prefix = `mosaic_${run}_`;
  const database = `${prefix}identity`;
  const group = `identity-${run}`;
  const index = `mosaic-candidates-${run}`;
  const source = syntheticSourceEvents({ persons, seed, idPrefix: `${run}-` });
  const kafka = new Kafka({ clientId: `mosaic-${run}`, brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const bus = new KafkaEventBus({ brokers, clientId: `mosaic-${run}-source` });
  const search = createSearchClient(searchUrl);
  const children: ChildProcess[] = [];
  await admin.connect();
  try {
    await sql('postgres', `CREATE DATABASE ${database}`);
    await startConsumerGroupsAtEnd(brokers, [{ groupId: group, topics }]);
    const secret = randomBytes(32).toString('base64url');
    for (let i = 0; i < workers; i++) {
      const child = spawn(
        process.execPath,
        ['-r', '@swc-node/register', 'apps/identity/src/main.ts'],
        {
          env: {
            ...process.env,
            DATABASE_URL: serverUrl,
            KAFKA_BROKERS: brokers.join(','),
            SEARCH_URL: searchUrl,
            MOSAIC_DATABASE_PREFIX: prefix,
            MOSAIC_IDENTITY_CONSUMER_GROUP: group,
            MOSAIC_IDENTITY_CANDIDATE_INDEX: index,
            MOSAIC_IDENTITY_GALLERY_SIZE: String(persons),
            IDENTITY_PORT: String(4900 + i),
            LOG_LEVEL: 'warn',
            MOSAIC_AUTH_SECRET: secret,
            MOSAIC_GATEWAY_SECRET: randomBytes(32).toString('base64url'),
          },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      children.push(child);
    }
    await waitFor(
      `${workers} identity workers in group ${group}`,
      async () => {
        const { groups } = await admin.describeGroups([group]);
        const g = groups[0];
        return g?.state === 'Stable' && g.members.length === workers;
      },
      300_000,
    );
    const started = Date.now();
    for (const [topic, envelopes] of source.byTopic) await bus.publish(topic, envelopes);
    const processed = async () =>
      Number(
        (await sql<{ n: string }>(database, 'SELECT count(*) AS n FROM processed_event'))[0]?.n,
      );
    await waitFor(
      'every event processed',
      async () => (await processed()) >= source.count,
      3_600_000,
    );
    const seconds = (Date.now() - started) / 1000;
    const [persons_] = await sql<{ n: string }>(
      database,
      'SELECT count(DISTINCT person_id) AS n FROM identity_record',
    );
    return {
      workers,
      records: source.count,
      seconds: Math.round(seconds * 10) / 10,
      recordsPerSecond: Math.round(source.count / seconds),
      persons: Number(persons_?.n),
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
    );
    await bus.close();
    await sql('postgres', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await search.indices.delete({ index, ignore_unavailable: true });
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.disconnect();
    await search.close();
  }
}

async function main() {
  const opts = new Command()
    .option('--persons <n>', 'synthetic persons', (v) => Number(v), 10_000)
    .option('--seed <n>', 'synthesis seed', (v) => Number(v), 1)
    .option(
      '--workers <list>',
      'worker counts, one run each',
      (v) => v.split(',').map(Number),
      [1, 2],
    )
    .parse()
    .opts<{ persons: number; seed: number; workers: number[] }>();
  const rows = [];
  for (const workers of opts.workers) {
    const row = await benchWorkers(opts.persons, opts.seed, workers);
    process.stdout.write(`${JSON.stringify(row)}\n`);
    rows.push(row);
  }
  process.stdout.write(
    `\n| workers | records | seconds | records/s | persons |\n|---:|---:|---:|---:|---:|\n${rows
      .map(
        (r) =>
          `| ${r.workers} | ${r.records} | ${r.seconds} | ${r.recordsPerSecond} | ${r.persons} |`,
      )
      .join('\n')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
