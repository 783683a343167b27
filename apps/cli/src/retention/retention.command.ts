import { userInfo } from 'node:os';
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { AuditLog } from '@mosaic/audit-data';
import { OutboxRelay } from '@mosaic/outbox';
import {
  MAX_PURGE_BATCH_SIZE,
  RetentionConfigError,
  retentionPolicyFromEnv,
  type RetentionPolicy,
} from '@mosaic/retention';
import { eventBusFor } from '@mosaic/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { openAuditDatabase } from '../audit/audit-database';
import { openOrRefuse } from '../locked-database';
import { formatSourceOutcome, runRetentionPurge } from './retention-purge';
import { openRetentionSource, type OpenedSource } from './retention-sources';

export interface RetentionCommandOptions {
  /** The environment the databases and retention periods are read from (default: the process's). */
  env?: Record<string, string | undefined>;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** The wall clock: the retention clock without --now, and the time of each audit entry. */
  clock?: () => Date;
}

function isoInstant(value: string): Date {
  // An offset is required: a bare date or local time would move the cutoff with the machine's zone.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new InvalidArgumentError(
      `--now must be an ISO 8601 instant with an offset, e.g. 2026-01-01T00:00:00Z, got "${value}"`,
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError(`--now is not a real instant: "${value}"`);
  return date;
}

function batchSize(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_PURGE_BATCH_SIZE) {
    throw new InvalidArgumentError(
      `--batch-size must be a whole number from 1 to ${MAX_PURGE_BATCH_SIZE}`,
    );
  }
  return n;
}

function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Publishes the source's outbox (its tombstones) to Kafka until it is empty. */
async function publishOutbox(opened: OpenedSource): Promise<number> {
  if (opened.bus?.kind !== 'kafka') return 0;
  const bus = eventBusFor(opened.bus);
  try {
    return await new OutboxRelay(opened.dataSource, bus, { batchSize: 500 }).drain();
  } finally {
    await bus.close();
  }
}

interface PurgeOptions {
  now?: Date;
  dryRun?: boolean;
  batchSize: number;
  publish?: boolean;
  progress: boolean;
}

function purgeCommand(options: RetentionCommandOptions): Command {
  const stdout = options.stdout ?? ((text) => process.stdout.write(text));
  const stderr = options.stderr ?? ((text) => process.stderr.write(text));
  const clock = options.clock ?? (() => new Date());
  const command: Command = new Command('purge');
  return command
    .configureOutput({ writeErr: (text) => stderr(text) })
    .description(
      'Delete every source record older than its source’s retention period (MOSAIC_RETENTION_TRAVEL_DAYS, _SEIZURE_DAYS, _FINGERPRINT_DAYS), with a tombstone event per record for identity and the read models, and one audit entry per source',
    )
    .option(
      '--now <instant>',
      'the retention clock, an ISO 8601 instant (default: now)',
      isoInstant,
    )
    .option('--dry-run', 'count what would be removed; change nothing')
    .option('--batch-size <n>', 'records per transaction (seizure: cases)', batchSize, 500)
    .option(
      '--no-publish',
      'infra mode: leave the tombstones in the outbox for the service relays instead of publishing them to Kafka now (embedded mode always leaves them to the relays)',
    )
    .option('--no-progress', 'do not draw progress bars')
    .action(async (opts: PurgeOptions) => {
      const env = options.env ?? process.env;
      let policy: RetentionPolicy;
      try {
        policy = retentionPolicyFromEnv(env);
      } catch (error) {
        if (!(error instanceof RetentionConfigError)) throw error;
        command.error(`error: ${error.message}`, { exitCode: 2, code: 'mosaic.retention.config' });
      }
      const now = opts.now ?? clock();
      const dryRun = opts.dryRun ?? false;
      stdout(
        `retention: ${dryRun ? 'dry run, nothing is changed' : 'purge'} at ${now.toISOString()} — travel ${policy.travel} days, seizure ${policy.seizure} days, fingerprint ${policy.fingerprint} days\n`,
      );
      // Opened first: a purge that could not be audited does not start.
      const auditDatabase = dryRun
        ? null
        : await openOrRefuse(() => openAuditDatabase(env, 'mosaic retention purge'), stderr);
      const bar = new SingleBar({
        format: 'retention {source} [{bar}] {value}/{total} | ETA {eta_formatted}',
        stream: process.stderr,
        hideCursor: true,
      });
      let barRunning = false;
      try {
        const outcomes = await runRetentionPurge({
          policy,
          now,
          dryRun,
          batchSize: opts.batchSize,
          operator: operator(),
          runId: uuidv7(),
          clock,
          audit: auditDatabase ? new AuditLog(auditDatabase) : null,
          open: (source) => openRetentionSource(source, env),
          afterPurge: async (opened, report) => {
            // Deleted rows stay in the data files, untouched, until a VACUUM frees their space for
            // reuse: a server's autovacuum runs one, PGlite never does.
            const removed = report.tombstones + report.quarantinedLinesDeleted;
            if (opened.embedded && removed > 0) await opened.dataSource.query('VACUUM');
            if (opts.publish === false || report.tombstones === 0) return;
            // The in-process bus reaches only this process, where nothing consumes the
            // tombstones: publishing would mark them sent to nobody. The service's relay sends them.
            if (opened.bus?.kind !== 'kafka') return;
            const published = await publishOutbox(opened);
            stdout(`${opened.source}: published ${published} events\n`);
          },
          onStart: (source, expired) => {
            if (!opts.progress || dryRun) return;
            bar.start(expired, 0, { source });
            barRunning = true;
          },
          onProgress: (_source, done) => {
            if (barRunning) bar.update(done);
          },
          onDone: () => {
            if (barRunning) bar.stop();
            barRunning = false;
          },
        });
        for (const outcome of outcomes) {
          (outcome.ok ? stdout : stderr)(`${formatSourceOutcome(outcome)}\n`);
        }
        const failed = outcomes.filter((o) => !o.ok);
        if (failed.length > 0) {
          throw new CommanderError(
            1,
            'mosaic.retention.failed',
            `retention purge failed for ${failed.map((o) => o.source).join(', ')}`,
          );
        }
        if (!dryRun) {
          stdout(
            'retention: identity and the read models remove the purged records as they consume the tombstones (embedded mode: once the services are started again)\n',
          );
        }
      } finally {
        if (barRunning) bar.stop();
        if (auditDatabase?.isInitialized) await auditDatabase.destroy();
      }
    });
}

/** `mosaic retention`: per-source retention (`purge`). */
export function retentionCommand(options: RetentionCommandOptions = {}): Command {
  return new Command('retention')
    .description('Retention of source records (DESIGN.md accountability control 7)')
    .addCommand(purgeCommand(options).exitOverride());
}
