import type { AuditRecordInput } from '@mosaic/audit-data';
import {
  purgeWindow,
  RETENTION_SOURCES,
  type RetentionPolicy,
  type RetentionSource,
  type SourcePurgeReport,
} from '@mosaic/retention';
import type { OpenedSource } from './retention-sources';

/** Where each source purge is recorded: the audit log (AuditLog.append). */
export interface RetentionAuditTrail {
  append(input: AuditRecordInput): Promise<unknown>;
}

export interface RetentionRunOptions {
  policy: RetentionPolicy;
  /** The retention clock: what is expired is decided against it. */
  now: Date;
  dryRun: boolean;
  batchSize: number;
  /** Who ran the purge (the audit entry's user). */
  operator: string;
  /** Ties the run's audit entries together (their request id). */
  runId: string;
  /** When each audit entry is written: the wall clock, not the retention clock. */
  clock: () => Date;
  /** Required unless dry-running: a purge that cannot be audited does not start. */
  audit: RetentionAuditTrail | null;
  open: (source: RetentionSource) => Promise<OpenedSource>;
  /** After a source's purge committed and was audited, before its database closes. */
  afterPurge?: (opened: OpenedSource, report: SourcePurgeReport) => Promise<void>;
  onStart?: (source: RetentionSource, expired: number) => void;
  onProgress?: (source: RetentionSource, done: number) => void;
  onDone?: (source: RetentionSource) => void;
}

export type SourceOutcome =
  | { source: RetentionSource; ok: true; report: SourcePurgeReport }
  | { source: RetentionSource; ok: false; error: Error; cutoff: Date; retentionDays: number };

/** What the batch size counts in each source (and what the progress bar shows). */
function primaryCount(report: SourcePurgeReport): number {
  return (
    (report.removed.ENCOUNTER ?? 0) + (report.removed.CASE ?? 0) + (report.removed.ENROLLMENT ?? 0)
  );
}

const NOUNS: Record<string, [string, string]> = {
  ENCOUNTER: ['encounter', 'encounters'],
  CASE: ['case', 'cases'],
  SUBJECT: ['subject', 'subjects'],
  ENROLLMENT: ['enrollment', 'enrollments'],
};

function counted(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One line per source: what was (or, dry-running, would be) removed, and by which cutoff. */
export function formatSourceOutcome(outcome: SourceOutcome): string {
  if (!outcome.ok) {
    return `${outcome.source}: FAILED (cutoff ${outcome.cutoff.toISOString()}, ${outcome.retentionDays} days) — ${outcome.error.message}`;
  }
  const r = outcome.report;
  const records = Object.entries(r.removed)
    .map(([type, n]) => counted(n, NOUNS[type] ?? [type, type]))
    .join(', ');
  const what = records === '' ? 'nothing' : records;
  const side = `${counted(r.outboxEventsDeleted, ['outbox event', 'outbox events'])} and ${counted(r.quarantinedLinesDeleted, ['quarantined line', 'quarantined lines'])}`;
  const window = `older than ${r.cutoff.toISOString()} (${r.retentionDays} days)`;
  return r.dryRun
    ? `${r.source}: would remove ${what} ${window}; ${side}`
    : `${r.source}: removed ${what} ${window}; ${counted(r.tombstones, ['tombstone', 'tombstones'])} written; ${side} deleted`;
}

function auditDetail(outcome: SourceOutcome, now: Date): string {
  if (!outcome.ok) {
    return JSON.stringify({
      source: outcome.source,
      now: now.toISOString(),
      cutoff: outcome.cutoff.toISOString(),
      retentionDays: outcome.retentionDays,
      error: outcome.error.message,
    });
  }
  const r = outcome.report;
  return JSON.stringify({
    source: r.source,
    now: r.now.toISOString(),
    cutoff: r.cutoff.toISOString(),
    retentionDays: r.retentionDays,
    removed: r.removed,
    tombstones: r.tombstones,
    outboxEventsDeleted: r.outboxEventsDeleted,
    quarantinedLinesDeleted: r.quarantinedLinesDeleted,
    batches: r.batches,
  });
}

/**
 * Purges every source in turn with its own retention period, each in
 * resumable batches that delete and tombstone together, and appends one
 * audit entry per source purge (operation `retention.purge`, type `job`,
 * outcome OK or FAILED, counts and cutoff in the detail). A source that fails
 * is audited as FAILED and the others still run. A dry run only counts: it
 * changes nothing and is not audited.
 */
export async function runRetentionPurge(options: RetentionRunOptions): Promise<SourceOutcome[]> {
  if (!options.dryRun && !options.audit) {
    throw new Error('a retention purge must be audited: no audit log was given');
  }
  const outcomes: SourceOutcome[] = [];
  for (const source of RETENTION_SOURCES) {
    const retentionDays = options.policy[source];
    const { cutoff } = purgeWindow({ now: options.now, retentionDays });
    let outcome: SourceOutcome;
    let opened: OpenedSource | undefined;
    try {
      opened = await options.open(source);
      const expired = await opened.retention.countExpired({ now: options.now, retentionDays });
      options.onStart?.(source, primaryCount(expired));
      const report = options.dryRun
        ? expired
        : await opened.retention.purgeExpired({
            now: options.now,
            retentionDays,
            batchSize: options.batchSize,
            onBatch: (p) => options.onProgress?.(source, p.done),
          });
      outcome = { source, ok: true, report };
    } catch (error) {
      outcome = {
        source,
        ok: false,
        error: error instanceof Error ? error : new Error(String(error)),
        cutoff,
        retentionDays,
      };
    } finally {
      options.onDone?.(source);
    }
    try {
      if (!options.dryRun && options.audit) {
        await options.audit.append({
          at: options.clock(),
          requestId: options.runId,
          user: options.operator,
          roles: [],
          purpose: null,
          caseNumber: null,
          operationName: 'retention.purge',
          operationType: 'job',
          documentHash: null,
          variablesDigest: null,
          personIds: [],
          decisionIds: [],
          outcome: outcome.ok ? 'OK' : 'FAILED',
          errorCodes: outcome.ok ? [] : ['RETENTION_PURGE_FAILED'],
          detail: auditDetail(outcome, options.now),
        });
      }
      if (outcome.ok && opened && options.afterPurge)
        await options.afterPurge(opened, outcome.report);
    } finally {
      if (opened?.dataSource.isInitialized) await opened.dataSource.destroy();
    }
    outcomes.push(outcome);
  }
  return outcomes;
}
