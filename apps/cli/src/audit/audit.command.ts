import { userInfo } from 'node:os';
import { SingleBar } from 'cli-progress';
import { Command, CommanderError } from 'commander';
import { AuditLog, type AuditVerification } from '@mosaic/audit-data';
import { openAuditDatabase } from './audit-database';

export interface AuditCommandOptions {
  /** The environment the audit database is found from (default: the process's). */
  env?: Record<string, string | undefined>;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  clock?: () => Date;
}

/** The report line of a verification: what was checked, or the first problem, naming the entry. */
export function formatVerification(result: AuditVerification): string {
  if (result.ok) {
    return result.head
      ? `audit verify: intact — ${result.entries} entries, head entry ${result.head.sequence} (hash ${result.head.hash})`
      : 'audit verify: intact — the log is empty';
  }
  const { kind, sequence, entryId, message } = result.problem;
  return `audit verify: ${kind} at entry ${sequence} (${entryId}) after ${result.entries} intact entries — ${message}`;
}

function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function verifyCommand(options: AuditCommandOptions): Command {
  const stdout = options.stdout ?? ((text) => process.stdout.write(text));
  const stderr = options.stderr ?? ((text) => process.stderr.write(text));
  return new Command('verify')
    .description(
      'Walk the audit hash chain and name the first altered, inserted or removed entry (exit code 1 if there is one)',
    )
    .option('--no-progress', 'do not draw a progress bar')
    .option('--no-record', 'do not add an entry recording this verification to the log')
    .action(async (opts: { progress: boolean; record: boolean }) => {
      const dataSource = await openAuditDatabase(options.env ?? process.env);
      const bar = new SingleBar({
        format:
          'audit verify [{bar}] {percentage}% | {value}/{total} entries | ETA {eta_formatted}',
        stream: process.stderr,
        hideCursor: true,
      });
      let started = false;
      let result: AuditVerification;
      try {
        const log = new AuditLog(dataSource);
        result = await log.verify({
          onProgress: ({ checked, total }) => {
            if (!opts.progress) return;
            if (!started) {
              bar.start(total, checked);
              started = true;
            } else bar.update(checked);
          },
        });
        if (started) bar.stop();
        started = false;
        if (opts.record) {
          // The check itself is an access to the log: it goes on the record like any other.
          await log.append({
            at: (options.clock ?? (() => new Date()))(),
            requestId: null,
            user: operator(),
            roles: [],
            purpose: null,
            caseNumber: null,
            operationName: 'audit verify',
            operationType: 'job',
            documentHash: null,
            variablesDigest: null,
            personIds: [],
            decisionIds: [],
            outcome: result.ok ? 'OK' : 'FAILED',
            errorCodes: result.ok ? [] : [`AUDIT_CHAIN_${result.problem.kind}`],
            detail: formatVerification(result),
          });
        }
      } finally {
        if (started) bar.stop();
        await dataSource.destroy();
      }
      if (result.ok) {
        stdout(`${formatVerification(result)}\n`);
        return;
      }
      stderr(`${formatVerification(result)}\n`);
      throw new CommanderError(1, 'mosaic.audit.chainBroken', formatVerification(result));
    });
}

/** `mosaic audit`: the tamper-evident audit log (`verify`). */
export function auditCommand(options: AuditCommandOptions = {}): Command {
  return new Command('audit')
    .description('The tamper-evident audit log')
    .addCommand(verifyCommand(options).exitOverride());
}
