import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { KafkaEventBus, type EventEnvelope } from '@mosaic/event-bus';
import { Client } from 'pg';

/**
 * Issue "Done when": import a synthetic population into the sources in infra
 * mode (PostgreSQL + Kafka), kill the importer and the relay mid-way, restart
 * both; a consumer counting distinct event ids sees every record exactly once.
 * Size: MOSAIC_IT_PERSONS (default 100,000, the evaluation set).
 */
const persons = Number(process.env['MOSAIC_IT_PERSONS'] ?? 100_000);
const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const root = resolve(__dirname, '../../../../..');
const run = `it${process.pid.toString(36)}${Date.now().toString(36)}`;
const prefix = `mosaic_${run}_`;

interface SourceUnderTest {
  source: string;
  file: string;
  table: string;
  /** Id fields made unique to this run, so earlier runs' events on the shared topics are told apart. */
  idFields: string[];
  topics: string[];
}

const SOURCES: SourceUnderTest[] = [
  {
    source: 'travel',
    file: 'travel.ndjson',
    table: 'travel_encounter',
    idFields: ['recordId'],
    topics: ['travel.encounter.v1'],
  },
  {
    source: 'seizure',
    file: 'seizure.ndjson',
    table: 'seizure_case',
    idFields: ['recordId', 'caseNumber', 'subjectId'],
    topics: ['seizure.case.v1', 'seizure.subject.v1'],
  },
  {
    source: 'fingerprint',
    file: 'fingerprint.ndjson',
    table: 'fingerprint_enrollment',
    idFields: ['recordId', 'enrollmentId'],
    topics: ['fingerprint.enrollment.v1'],
  },
];

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

/** A count, or 0 while the command under test has not yet created the table. */
async function countOf(database: string, query: string): Promise<number> {
  try {
    return Number((await sql<{ n: string }>(database, query))[0]?.n ?? 0);
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return 0;
    throw error;
  }
}

function cli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: serverUrl,
      KAFKA_BROKERS: brokers.join(','),
      MOSAIC_DATABASE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function finish(child: ChildProcess): Promise<string> {
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`mosaic exited with ${code}: ${out}`);
  return out;
}

/** Starts a command and SIGKILLs it as soon as `progressed()` says it is mid-way. */
async function killMidway(child: ChildProcess, progressed: () => Promise<boolean>): Promise<void> {
  const exited = once(child, 'exit');
  for (;;) {
    const done = await Promise.race([
      exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 50)),
    ]);
    if (done) throw new Error('finished before it could be killed: make the data set larger');
    if (await progressed()) break;
  }
  child.kill('SIGKILL');
  await exited;
}

/** Rewrites the id fields with this run's prefix; a few lines are made invalid on purpose. */
async function prepare(
  input: string,
  output: string,
  idFields: string[],
): Promise<{ valid: number; invalid: number }> {
  const out = createWriteStream(output);
  let valid = 0;
  for await (const line of createInterface({ input: createReadStream(input) })) {
    let rewritten = line;
    for (const field of idFields)
      rewritten = rewritten.replaceAll(`"${field}":"`, `"${field}":"${run}-`);
    if (!out.write(rewritten + '\n')) await once(out, 'drain');
    valid += 1;
  }
  out.write('{"recordId": "broken\n');
  out.write(JSON.stringify({ recordId: `${run}-incomplete` }) + '\n');
  out.end();
  await once(out, 'finish');
  return { valid, invalid: 2 };
}

describe(`import and publish, killed and restarted (infra mode, ${persons.toLocaleString('en')} persons)`, () => {
  let dir: string;
  const bus = new KafkaEventBus({ brokers, clientId: `mosaic-${run}` });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mosaic-it-import-'));
    await finish(
      cli([
        'synth',
        '--out',
        join(dir, 'synth'),
        '--persons',
        String(persons),
        '--seed',
        '2',
        '--no-progress',
      ]),
    );
    for (const s of SOURCES) await sql('postgres', `CREATE DATABASE ${prefix}${s.source}`);
  }, 600_000);

  afterAll(async () => {
    await bus.close();
    for (const s of SOURCES)
      await sql('postgres', `DROP DATABASE IF EXISTS ${prefix}${s.source} WITH (FORCE)`);
    await rm(dir, { recursive: true, force: true });
  });

  it.each(SOURCES)(
    '$source: every record stored once and seen once by distinct event id',
    async (s) => {
      const database = `${prefix}${s.source}`;
      const file = join(dir, `${s.source}.ndjson`);
      const expected = await prepare(join(dir, 'synth', s.file), file, s.idFields);

      const seen = new Map<string, Set<string>>();
      const subscription = await bus.subscribe({
        groupId: `${run}-${s.source}-counter`,
        topics: s.topics,
        fromBeginning: true,
        handler: async ({ envelope }: { envelope: EventEnvelope }) => {
          if (!envelope.key.startsWith(run)) return;
          const ids = seen.get(envelope.key) ?? new Set<string>();
          ids.add(envelope.eventId);
          seen.set(envelope.key, ids);
        },
      });

      const importArgs = [
        'import',
        '--source',
        s.source,
        file,
        '--no-publish',
        '--no-progress',
        '--batch-size',
        '100',
      ];
      await killMidway(
        cli(importArgs),
        async () => (await countOf(database, `SELECT count(*) AS n FROM ${s.table}`)) > 0,
      );
      const stored = await countOf(database, `SELECT count(*) AS n FROM ${s.table}`);
      const report = await finish(cli(importArgs));
      expect(report).toContain(`rejected ${expected.invalid}`);

      const total = await countOf(database, 'SELECT count(*) AS n FROM outbox');
      const publishArgs = ['publish', '--source', s.source, '--batch-size', '50', '--no-progress'];
      await killMidway(
        cli(publishArgs),
        async () =>
          (await countOf(
            database,
            'SELECT count(*) AS n FROM outbox WHERE published_at IS NOT NULL',
          )) > 0,
      );
      await finish(cli(publishArgs));

      expect(
        await countOf(database, 'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'),
      ).toBe(0);
      expect(await countOf(database, 'SELECT count(*) AS n FROM quarantine')).toBe(
        expected.invalid,
      );
      const keys = await countOf(database, 'SELECT count(DISTINCT key) AS n FROM outbox');
      expect(stored).toBeLessThan(expected.valid);
      expect(await countOf(database, `SELECT count(*) AS n FROM ${s.table}`)).toBe(expected.valid);

      const deadline = Date.now() + 120_000;
      while (seen.size < keys && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 250));
      await subscription.close();
      expect(seen.size).toBe(keys);
      const eventsPerKey = [...seen.values()].map((ids) => ids.size);
      expect(eventsPerKey.reduce((a, b) => Math.max(a, b), 0)).toBe(total / keys);
      expect(eventsPerKey.reduce((a, b) => a + b, 0)).toBe(total);
    },
    900_000,
  );
});
