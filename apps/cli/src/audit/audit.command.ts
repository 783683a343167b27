import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, CommanderError } from 'commander';
import {
  AUDIT_DATABASE,
  auditPublishedFile,
  AuditLog,
  formatReconciliation,
  readPublishedFile,
  readPublishedTopics,
  type AuditProblemKind as AuditVerificationProblemKind,
  type AuditReconciliation,
  type AuditVerification,
  type PublishedEvent,
} from '@mosaic/audit-data';
import { loadServiceConfig, type ServiceDefinition } from '@mosaic/config';
import { EmbeddedDatabaseLockedError } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import { openAuditDatabase } from './audit-database';
import {
  DEFAULT_GATEWAY_URL,
  GatewayVerifyError,
  verifyThroughGateway,
  type GatewayVerification,
} from './audit-via-gateway';

/** Where the gateway's published audit copy is: its bus (Kafka) or, embedded, its data folder. */
const auditCopySettings: ServiceDefinition = {
  name: 'gateway',
  defaultPort: 4000,
  database: AUDIT_DATABASE,
  needs: { database: true, bus: true, search: false },
};

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

interface VerifyOpts {
  progress: boolean;
  record: boolean;
  viaGateway?: boolean;
  gatewayUrl?: string;
  token?: string;
  case?: string;
  user?: string;
  againstTopic?: boolean;
  chainStart?: string;
}

/** A progress bar on stderr that draws only when asked to. */
function progressBar(enabled: boolean, format: string) {
  const bar = new SingleBar({ format, stream: process.stderr, hideCursor: true });
  let started = false;
  return {
    update(value: number, total: number) {
      if (!enabled) return;
      if (!started) {
        bar.start(total, value);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(value);
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** The published copy of the log as the CLI finds it: the Kafka topics, or the embedded file. */
function publishedCopy(
  env: Record<string, string | undefined>,
  onProgress: (read: number, total: number) => void,
): AsyncIterable<PublishedEvent> {
  const config = loadServiceConfig(auditCopySettings, env);
  if (config.bus?.kind === 'kafka') {
    return readPublishedTopics({ brokers: config.bus.brokers, onProgress });
  }
  const file = auditPublishedFile(dirname((config.database as { dataDir: string }).dataDir));
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    size = 0;
  }
  return readPublishedFile(file, (bytes) => onProgress(Math.min(bytes, size), size));
}

/** Verifies with the audit database opened here (the gateway is not running). */
async function verifyDirectly(
  dataSource: DataSource,
  opts: VerifyOpts,
  env: Record<string, string | undefined>,
  clock: () => Date,
): Promise<{ ok: boolean; lines: string[] }> {
  const log = new AuditLog(dataSource);
  const walk = progressBar(
    opts.progress,
    'audit verify [{bar}] {percentage}% | {value}/{total} entries | ETA {eta_formatted}',
  );
  let result: AuditVerification;
  try {
    result = await log.verify({ onProgress: ({ checked, total }) => walk.update(checked, total) });
  } finally {
    walk.stop();
  }
  const lines = [formatVerification(result)];
  let reconciliation: AuditReconciliation | null = null;
  if (opts.againstTopic) {
    const read = progressBar(
      opts.progress,
      'audit reconcile [{bar}] {percentage}% | {value}/{total} read | ETA {eta_formatted}',
    );
    try {
      reconciliation = await log.reconcile(
        publishedCopy(env, (value, total) => read.update(value, total)),
        opts.chainStart ? { chainStart: opts.chainStart } : {},
      );
    } finally {
      read.stop();
    }
    lines.push(formatReconciliation(reconciliation));
  }
  const ok = result.ok && (reconciliation?.ok ?? true);
  if (opts.record) {
    // The check itself is an access to the log: it goes on the record like any other.
    await log.append({
      at: clock(),
      requestId: null,
      user: opts.user ?? operator(),
      roles: [],
      purpose: null,
      caseNumber: opts.case ?? null,
      operationName: 'audit verify',
      operationType: 'job',
      documentHash: null,
      variablesDigest: null,
      personIds: [],
      decisionIds: [],
      outcome: ok ? 'OK' : 'FAILED',
      errorCodes: [
        ...(result.ok ? [] : [`AUDIT_CHAIN_${result.problem.kind}`]),
        ...(reconciliation && !reconciliation.ok ? ['AUDIT_CHAIN_LOSS'] : []),
      ],
      detail: lines.join('\n'),
    });
  }
  return { ok, lines };
}

/** The report lines of a verification the gateway made. */
function gatewayLines(v: GatewayVerification, url: string): string[] {
  const lines = [
    formatVerification(
      v.ok
        ? {
            ok: true,
            entries: v.entriesChecked,
            head:
              v.headSequence && v.headHash ? { sequence: v.headSequence, hash: v.headHash } : null,
          }
        : {
            ok: false,
            entries: v.entriesChecked,
            problem: {
              kind: (v.problem?.kind ?? 'ALTERED') as AuditVerificationProblemKind,
              sequence: v.problem?.sequence ?? '?',
              entryId: v.problem?.entryId ?? '?',
              message: v.problem?.message ?? 'no detail',
            },
          },
    ),
  ];
  if (v.reconciliation) lines.push(v.reconciliation);
  lines.push(`audit verify: checked by the gateway at ${url}, which recorded this verification`);
  return lines;
}

function verifyCommand(options: AuditCommandOptions): Command {
  const stdout = options.stdout ?? ((text) => process.stdout.write(text));
  const stderr = options.stderr ?? ((text) => process.stderr.write(text));
  return new Command('verify')
    .description(
      'Walk the audit hash chain and name the first altered, inserted or removed entry; with --against-topic, also name entries the published copy shows the log lost (exit code 1 if either finds one). ' +
        'While the gateway holds the embedded audit database, or with --via-gateway / --gateway-url / MOSAIC_GATEWAY_URL, the running gateway verifies it (as OVERSIGHT under OVERSIGHT_AUDIT, --case required) and records the verification',
    )
    .option('--no-progress', 'do not draw a progress bar')
    .option(
      '--no-record',
      'do not add an entry recording this verification (the gateway always records its own)',
    )
    .option('--via-gateway', 'ask the running gateway instead of opening the audit database')
    .option(
      '--gateway-url <url>',
      `the gateway's GraphQL URL (default: MOSAIC_GATEWAY_URL, else ${DEFAULT_GATEWAY_URL}); implies --via-gateway`,
    )
    .option(
      '--token <jwt>',
      'an OVERSIGHT token (deployments with an identity provider); default: one minted with the deployment secret',
    )
    .option('--case <number>', 'the case number the verification is recorded under')
    .option('--user <name>', 'who runs the verification (default: the operating system user)')
    .option(
      '--against-topic',
      'also compare the log with its published copy (audit.access.v1 and audit.head.v1; embedded: <MOSAIC_DATA_DIR>/audit-published.ndjson) and name missing entries',
    )
    .option(
      '--chain-start <hash>',
      'the hash of entry 1, as recorded earlier, for a log that may have lost entry 1 itself',
    )
    .action(async (opts: VerifyOpts) => {
      const env = options.env ?? process.env;
      const clock = options.clock ?? (() => new Date());
      const url = opts.gatewayUrl ?? env['MOSAIC_GATEWAY_URL'];
      let dataSource: DataSource | null = null;
      let heldBy: string | null = null;
      if (!opts.viaGateway && url === undefined) {
        try {
          dataSource = await openAuditDatabase(env);
        } catch (error) {
          if (!(error instanceof EmbeddedDatabaseLockedError)) throw error;
          // The gateway holds the folder: opening it from here would lose entries. Ask it instead.
          heldBy = error.message;
        }
      }
      let outcome: { ok: boolean; lines: string[] };
      if (dataSource) {
        try {
          outcome = await verifyDirectly(dataSource, opts, env, clock);
        } finally {
          await dataSource.destroy();
        }
      } else {
        const gatewayUrl = url ?? DEFAULT_GATEWAY_URL;
        try {
          const verification = await verifyThroughGateway({
            url: gatewayUrl,
            caseNumber: opts.case,
            token: opts.token,
            user: opts.user ?? operator(),
            againstPublished: opts.againstTopic ?? false,
            env,
          });
          outcome = {
            ok: verification.ok && verification.reconciliationOk !== false,
            lines: gatewayLines(verification, gatewayUrl),
          };
        } catch (error) {
          if (!(error instanceof GatewayVerifyError)) throw error;
          if (heldBy) stderr(`audit verify: not opening the audit database — ${heldBy}\n`);
          stderr(`error: ${error.message}\n`);
          throw new CommanderError(2, 'mosaic.audit.gateway', error.message);
        }
      }
      if (outcome.ok) {
        stdout(`${outcome.lines.join('\n')}\n`);
        return;
      }
      stderr(`${outcome.lines.join('\n')}\n`);
      throw new CommanderError(1, 'mosaic.audit.chainBroken', outcome.lines.join('; '));
    });
}

/** `mosaic audit`: the tamper-evident audit log (`verify`). */
export function auditCommand(options: AuditCommandOptions = {}): Command {
  return new Command('audit')
    .description('The tamper-evident audit log')
    .addCommand(verifyCommand(options).exitOverride());
}
