import { checkRetentionDays, retentionCutoff, type RetentionSource } from './retention-policy';
import type { RetentionRecordType } from './retention-tombstone';

/**
 * Any fixed number: the transaction-level advisory lock each purge batch
 * takes in its source database, so two purges running at once take turns
 * batch by batch and never tombstone one record twice.
 */
export const RETENTION_PURGE_LOCK = 0x72657465;

export const MAX_PURGE_BATCH_SIZE = 10_000;

export interface SourcePurgeOptions {
  /** The clock: what is expired is decided against this instant, once per run. */
  now: Date;
  retentionDays: number;
  /** Records per transaction (seizure: cases, each with all its subjects). */
  batchSize: number;
  /** Told after each committed batch. */
  onBatch?: (progress: SourcePurgeProgress) => void;
}

export interface SourcePurgeProgress {
  /** Records (seizure: cases) removed so far in this run. */
  done: number;
  batches: number;
}

/** What a purge removed (or, for a dry run, would remove). */
export interface SourcePurgeReport {
  source: RetentionSource;
  dryRun: boolean;
  now: Date;
  cutoff: Date;
  retentionDays: number;
  /** By record type: encounters, cases and their subjects, enrollments. */
  removed: Partial<Record<RetentionRecordType, number>>;
  /** One per removed record (a dry run writes none). */
  tombstones: number;
  /** Outbox rows that carried the removed records' own events. */
  outboxEventsDeleted: number;
  /** Import lines quarantined before the cutoff (they carried personal data too). */
  quarantinedLinesDeleted: number;
  batches: number;
}

/** What one committed batch removed; `records` counts what `batchSize` limits. */
export interface PurgeBatchResult {
  records: number;
  removed: Partial<Record<RetentionRecordType, number>>;
  tombstones: number;
  outboxEventsDeleted: number;
}

export class PurgeOptionsError extends Error {
  readonly code = 'INVALID_PURGE_OPTIONS';
  constructor(reason: string) {
    super(`retention purge: ${reason}`);
    this.name = 'PurgeOptionsError';
  }
}

/** Checks the options and fixes the cutoff once for the whole run. */
export function purgeWindow(options: Pick<SourcePurgeOptions, 'now' | 'retentionDays'>): {
  now: Date;
  cutoff: Date;
  retentionDays: number;
} {
  if (!(options.now instanceof Date) || Number.isNaN(options.now.getTime())) {
    throw new PurgeOptionsError('now must be a valid date');
  }
  const retentionDays = checkRetentionDays(options.retentionDays);
  return { now: options.now, cutoff: retentionCutoff(options.now, retentionDays), retentionDays };
}

export function addCounts(
  into: Partial<Record<RetentionRecordType, number>>,
  from: Partial<Record<RetentionRecordType, number>>,
): void {
  for (const [type, n] of Object.entries(from) as [RetentionRecordType, number][]) {
    into[type] = (into[type] ?? 0) + n;
  }
}

/**
 * Runs `batch` until it removes nothing. Each batch is its own transaction
 * that deletes expired records and writes their tombstones together, so a
 * run stopped at any point has removed whole batches, each with its
 * tombstones; running again with the same clock removes the rest and
 * tombstones nothing twice.
 */
export async function purgeInBatches(
  options: SourcePurgeOptions,
  batch: (cutoff: Date, limit: number) => Promise<PurgeBatchResult>,
): Promise<Omit<SourcePurgeReport, 'source' | 'quarantinedLinesDeleted'>> {
  const window = purgeWindow(options);
  if (
    !Number.isInteger(options.batchSize) ||
    options.batchSize < 1 ||
    options.batchSize > MAX_PURGE_BATCH_SIZE
  ) {
    throw new PurgeOptionsError(
      `batchSize must be a whole number from 1 to ${MAX_PURGE_BATCH_SIZE}, got ${String(options.batchSize)}`,
    );
  }
  const report = {
    dryRun: false,
    ...window,
    removed: {} as Partial<Record<RetentionRecordType, number>>,
    tombstones: 0,
    outboxEventsDeleted: 0,
    batches: 0,
  };
  let done = 0;
  for (;;) {
    const result = await batch(window.cutoff, options.batchSize);
    if (result.records === 0) return report;
    done += result.records;
    report.batches += 1;
    addCounts(report.removed, result.removed);
    report.tombstones += result.tombstones;
    report.outboxEventsDeleted += result.outboxEventsDeleted;
    options.onBatch?.({ done, batches: report.batches });
  }
}

/**
 * The rows of a DELETE … RETURNING as TypeORM answers it: `[rows, count]` on
 * PostgreSQL (it does so for every DELETE and UPDATE), the rows alone where
 * the driver does not say which command ran.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0])) {
    return result[0] as T[];
  }
  return result as T[];
}
