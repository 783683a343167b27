import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';

export interface ImportBenchRow {
  source: string;
  mode: 'infra' | 'embedded';
  records: number;
  importSeconds: number;
  recordsPerSecond: number;
  publishSeconds: number;
  eventsPerSecond: number;
  events: number;
  /** Raw lines into a jsonb table, no validation or outbox (infra only). */
  baselineRecordsPerSecond: number | null;
  ratioToBaseline: number | null;
}

const root = resolve(__dirname, '../..');
const SOURCE_FILES: Record<string, string> = {
  travel: 'travel.ndjson',
  seizure: 'seizure.ndjson',
  fingerprint: 'fingerprint.ndjson',
};

async function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ seconds: number; stdout: string }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}`);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, stdout };
}

async function lines(file: string): Promise<number> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file) }))
    if (line.trim()) n += 1;
  return n;
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Imports one source's synthetic file with `mosaic import` (records into the
 * database with their outbox events), then publishes the outbox with
 * `mosaic publish`, in one mode; in infra mode also runs the raw-lines baseline.
 */
export async function benchImport(
  source: string,
  mode: 'infra' | 'embedded',
  synthDir: string,
  workDir: string,
  log: (line: string) => void,
): Promise<ImportBenchRow> {
  const file = join(synthDir, SOURCE_FILES[source] as string);
  const records = await lines(file);
  const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
  const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
  const prefix = 'mosaic_bench_';
  let env: Record<string, string>;
  let dataDir: string | null = null;
  if (mode === 'infra') {
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${prefix}${source} WITH (FORCE)`);
    await admin(serverUrl, `CREATE DATABASE ${prefix}${source}`);
    env = { DATABASE_URL: serverUrl, KAFKA_BROKERS: brokers, MOSAIC_DATABASE_PREFIX: prefix };
  } else {
    dataDir = await mkdtemp(join(workDir, 'embedded-'));
    env = { MOSAIC_DATA_DIR: dataDir, MOSAIC_MODE: 'embedded' };
  }
  try {
    log(`import: ${source} (${mode}), ${records} records`);
    // Timed by the importer itself (first line read → last batch committed): process start-up
    // and migrations are excluded, so small sources are not dominated by them.
    const imported = await run(
      ['apps/cli/src/main.ts', 'import', '--source', source, file, '--no-publish', '--no-progress'],
      env,
    );
    const importSeconds = Number(
      / lines in ([\d.]+) s/.exec(imported.stdout)?.[1] ?? imported.seconds,
    );
    log(`import: ${source} (${mode}) publishing the outbox`);
    const published = await run(
      ['apps/cli/src/main.ts', 'publish', '--source', source, '--no-progress'],
      env,
    );
    const publishSeconds = Number(
      / events in ([\d.]+) s/.exec(published.stdout)?.[1] ?? published.seconds,
    );
    const events = Number(/published (\d+) events/.exec(published.stdout)?.[1] ?? Number.NaN);
    let baselineRecordsPerSecond: number | null = null;
    if (mode === 'infra') {
      log(`import: ${source} baseline (raw lines into jsonb)`);
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${prefix}baseline WITH (FORCE)`);
      await admin(serverUrl, `CREATE DATABASE ${prefix}baseline`);
      const url = new URL(serverUrl);
      url.pathname = `/${prefix}baseline`;
      const baseline = await run(['tools/bench/import-baseline.ts', url.toString(), file], {});
      const seconds = Number(/loaded in ([\d.]+) s/.exec(baseline.stdout)?.[1] ?? baseline.seconds);
      baselineRecordsPerSecond = Math.round(records / seconds);
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${prefix}baseline WITH (FORCE)`);
    }
    const recordsPerSecond = Math.round(records / importSeconds);
    return {
      source,
      mode,
      records,
      importSeconds: round(importSeconds),
      recordsPerSecond,
      publishSeconds: round(publishSeconds),
      eventsPerSecond: Math.round(events / publishSeconds),
      events,
      baselineRecordsPerSecond,
      ratioToBaseline: baselineRecordsPerSecond
        ? round(recordsPerSecond / baselineRecordsPerSecond)
        : null,
    };
  } finally {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (mode === 'infra')
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${prefix}${source} WITH (FORCE)`);
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
