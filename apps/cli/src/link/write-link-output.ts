import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { LinkDecision } from '@mosaic/resolution';
import type { LinkedRecord } from './link-records';
import { LinkInputError } from './link-errors';

export const CLUSTER_COLUMNS = [
  'id',
  'cluster_id',
  'cluster_size',
  'best_link_probability',
  'outcome',
  'issues',
] as const;

export const PAIR_COLUMNS = [
  'id_a',
  'id_b',
  'outcome',
  'llr',
  'review_threshold',
  'probability',
  'flags',
  'waterfall',
] as const;

/** Refuses to replace a file the operator did not ask to replace. */
export async function assertWritable(path: string, option: string, force: boolean): Promise<void> {
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (exists && !force) {
    throw new LinkInputError(
      'OUTPUT_EXISTS',
      `${option} ${path} already exists; choose another file or pass --force to replace it`,
    );
  }
}

/**
 * Writes rows through csv-stringify into a temporary sibling and renames it at
 * the end, so an interrupted run never leaves a half-written file that looks
 * complete.
 */
export async function writeCsv(
  path: string,
  columns: readonly string[],
  rows: Iterable<readonly (string | number)[]>,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  try {
    // pipeline respects back-pressure, so a million rows do not pile up in memory.
    await pipeline(
      Readable.from(rows),
      stringify({ header: true, columns: [...columns] }),
      createWriteStream(temp),
    );
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

const probability = (p: number) => p.toFixed(6);
const signed = (w: number) => `${w >= 0 ? '+' : ''}${w.toFixed(2)}`;

/** The explanation waterfall in one cell: `name detail ±weight`, in the order the LLR was built. */
export function compactWaterfall(decision: LinkDecision): string {
  return decision.contributions.map((c) => `${c.name} ${c.detail} ${signed(c.weight)}`).join(' | ');
}

export function* clusterRows(
  records: readonly LinkedRecord[],
  rows: readonly { id: string; issues: readonly string[] }[],
): Generator<(string | number)[]> {
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as LinkedRecord;
    const row = rows[i] as { id: string; issues: readonly string[] };
    yield [
      row.id,
      r.clusterId,
      r.clusterSize,
      r.bestLinkProbability === null ? '' : probability(r.bestLinkProbability),
      // Biographic links are proposals for a reviewer (ADR 0006), never AUTO_LINKs.
      r.clusterSize > 1 ? 'REVIEW_PROPOSED' : 'SINGLETON',
      row.issues.join('; '),
    ];
  }
}

export function* pairRows(
  links: readonly LinkDecision[],
  idOf: ReadonlyMap<string, string>,
): Generator<(string | number)[]> {
  for (const d of links) {
    yield [
      idOf.get(d.a) ?? d.a,
      idOf.get(d.b) ?? d.b,
      d.outcome,
      d.llr.toFixed(3),
      d.thresholds.review.toFixed(3),
      probability(d.probability),
      d.flags.join(' '),
      compactWaterfall(d),
    ];
  }
}
