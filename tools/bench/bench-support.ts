// What several benchmarks share: latency percentiles and a throwaway database per mode.
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '@mosaic/config';

/** Nearest-rank percentile `p` (0–100) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const serverUrl = () => process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';

/** Runs one statement on the server's maintenance database (CREATE/DROP DATABASE). */
export async function admin(sql: string): Promise<void> {
  const url = new URL(serverUrl());
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
 * A database of its own for one bench mode: a PGlite folder under `workDir`
 * (embedded) or `mosaic_bench_<name>_<pid>` on the server (infra), and how to
 * remove it.
 */
export async function benchDatabase(
  mode: 'embedded' | 'infra',
  name: string,
  workDir: string,
): Promise<{ database: DatabaseConfig; cleanup: () => Promise<void> }> {
  if (mode === 'embedded') {
    const dataDir = await mkdtemp(join(workDir, `${name}-`));
    return {
      database: { kind: 'pglite', dataDir },
      cleanup: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const database = `mosaic_bench_${name.replace(/-/g, '_')}_${process.pid}`;
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${database}`);
  return {
    database: { kind: 'postgres', url: serverUrl(), database },
    cleanup: () => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
  };
}
