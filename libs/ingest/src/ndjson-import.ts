import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { RecordValidationError, type FieldIssue, type Validated } from '@mosaic/validation';
import type { DataSource, EntityManager } from 'typeorm';
import { QuarantinedRecord } from './quarantined-record.entity';

/**
 * A valid record that contradicts what is stored (a natural key already used
 * by another record). The import quarantines that record and stores the rest
 * of its batch.
 */
export class RecordConflictError extends RecordValidationError {
  constructor(
    readonly recordId: string,
    issues: readonly FieldIssue[],
  ) {
    super(issues);
    this.name = 'RecordConflictError';
  }
}

/** Where accepted records go: stores new ones and their events in the caller's transaction. */
export interface RecordSink<T> {
  /** Stores what is new, ignores records already stored (same source record id); returns how many were new. */
  storeBatch(manager: EntityManager, records: readonly T[]): Promise<{ inserted: number }>;
}

export interface ImportReport {
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

export interface ImportProgress extends ImportReport {
  bytesRead: number;
  bytesTotal: number;
}

export interface NdjsonImportOptions<T> {
  dataSource: DataSource;
  source: string;
  file: string;
  validate: (value: unknown) => Validated<T>;
  sink: RecordSink<T>;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

interface Accepted<T> {
  value: T;
  line: number;
  raw: string;
}

function recordIdOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null
    ? (value as { recordId?: unknown }).recordId
    : undefined;
}

interface Rejected {
  line: number;
  raw: string;
  issues: FieldIssue[];
}

/**
 * Streams an NDJSON file into a source: each line is parsed and validated;
 * good records are stored in batches, one transaction per batch (records,
 * their outbox events and the batch's quarantined lines together); malformed
 * or invalid lines go to quarantine with the field and reason, and the import
 * goes on. Stopped at any point and run again, it ends with every valid
 * record stored once: already-stored records count as duplicates and emit no
 * new event.
 */
export async function importNdjson<T>(options: NdjsonImportOptions<T>): Promise<ImportReport> {
  const batchSize = options.batchSize ?? 1_000;
  const bytesTotal = (await stat(options.file)).size;
  const origin = basename(options.file);
  const report: ImportReport = { lines: 0, accepted: 0, duplicates: 0, rejected: 0 };
  let bytesRead = 0;
  let good: Accepted<T>[] = [];
  let bad: Rejected[] = [];
  // One batch is written while the next is parsed and validated: the database
  // and the importer work at the same time, and batches still commit in order.
  let writing: Promise<void> = Promise.resolve();

  const write = async (accepted: Accepted<T>[], rejected: Rejected[], readSoFar: number) => {
    let records = accepted;
    let inserted = 0;
    for (;;) {
      try {
        inserted = await options.dataSource.transaction(async (manager) => {
          const stored =
            records.length > 0
              ? await options.sink.storeBatch(
                  manager,
                  records.map((r) => r.value),
                )
              : { inserted: 0 };
          if (rejected.length > 0) await quarantine(manager, options.source, origin, rejected);
          return stored.inserted;
        });
        break;
      } catch (error) {
        // The batch rolled back: set the conflicting record aside with its reason and store the rest.
        const conflict = error instanceof RecordConflictError ? error : null;
        const index = conflict
          ? records.findIndex((r) => recordIdOf(r.value) === conflict.recordId)
          : -1;
        if (!conflict || index < 0) throw error;
        const [culprit] = records.splice(index, 1) as [Accepted<T>];
        records = [...records];
        rejected = [
          ...rejected,
          { line: culprit.line, raw: culprit.raw, issues: [...conflict.issues] },
        ];
      }
    }
    report.accepted += inserted;
    report.duplicates += records.length - inserted;
    report.rejected += rejected.length;
    options.onProgress?.({ ...report, bytesRead: readSoFar, bytesTotal });
  };

  const flush = async () => {
    if (good.length === 0 && bad.length === 0) return;
    const records = good;
    const rejected = bad;
    good = [];
    bad = [];
    await writing;
    writing = write(records, rejected, bytesRead);
    // Marked as handled here; the failure still surfaces at the next `await writing`.
    writing.catch(() => undefined);
  };

  const lines = createInterface({ input: createReadStream(options.file), crlfDelay: Infinity });
  for await (const raw of lines) {
    report.lines += 1;
    bytesRead += Buffer.byteLength(raw) + 1;
    if (raw.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      bad.push({
        line: report.lines,
        raw,
        issues: [{ field: '(line)', reason: `malformed JSON: ${(error as Error).message}` }],
      });
      continue;
    }
    const result = options.validate(parsed);
    if (result.ok) good.push({ value: result.value, line: report.lines, raw });
    else bad.push({ line: report.lines, raw, issues: result.issues });
    if (good.length + bad.length >= batchSize) await flush();
  }
  await flush();
  await writing;
  return report;
}

/** Keeps rejected lines with their reasons; a line already quarantined is not stored twice. */
export async function quarantine(
  manager: EntityManager,
  source: string,
  origin: string,
  rejected: readonly { line: number | null; raw: string; issues: FieldIssue[] }[],
): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(QuarantinedRecord)
    .values(
      rejected.map((r) => ({
        source,
        origin,
        lineNumber: r.line,
        raw: r.raw,
        lineHash: createHash('sha256').update(`${source}\n${r.raw}`).digest('hex'),
        issues: r.issues,
      })),
    )
    .orIgnore()
    .execute();
}
