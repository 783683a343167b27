// The audit log's write and verify costs, embedded (PGlite in a temporary
// folder) and infra (a throwaway database on the machine's PostgreSQL), in
// one run. `AuditLog.append` (hash chain, advisory lock, restricted role,
// outbox row; one transaction per entry) is timed against a baseline on the
// same database: a plain single-row INSERT of the same record columns, with
// the same secondary indexes, into an unchained table, one transaction per
// row. The two alternate in blocks (audit first in one block, baseline first
// in the next) so other work on the machine weighs on both alike. Then
// `verifyAuditChain` walks N entries, against reading the same rows in the
// same batches without checking them.
import { loadavg } from 'node:os';
import { Presets, SingleBar } from 'cli-progress';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  AUDIT_ENTRY_COLUMNS,
  auditEntities,
  auditMigrations,
  AuditLog,
  digest,
  entryHash,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditEntry,
  type AuditRecordInput,
} from '@mosaic/audit-data';
import { openServiceDataSource } from '@mosaic/persistence';
import { benchDatabase, percentile } from './bench-support';

export type AuditMode = 'embedded' | 'infra';

export interface AuditBenchOptions {
  modes: AuditMode[];
  /** Measured appends per pattern and mode; the baseline makes as many inserts. */
  appends: number;
  /** Callers of the concurrent pattern. */
  concurrency: number;
  /** Unmeasured writes of each kind before each pattern. */
  warmup: number;
  /** Entries in the chain verifyAuditChain walks (topped up to this count after the appends). */
  verifyEntries: number;
  workDir: string;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface AuditAppendRow {
  mode: AuditMode;
  callers: number;
  writes: number;
  audit: { seconds: number; perSecond: number; latencyMs: Latency };
  baseline: { seconds: number; perSecond: number; latencyMs: Latency };
  /** Baseline writes/s over audit appends/s: how many times slower an append is. */
  throughputRatio: number;
  /** Audit over baseline latency. */
  p50Ratio: number;
  p99Ratio: number;
  loadAverage: number;
}

export interface AuditVerifyRow {
  mode: AuditMode;
  entries: number;
  seconds: number;
  entriesPerSecond: number;
  /** Reading the same rows in the same batches, nothing checked. */
  readSeconds: number;
  readPerSecond: number;
  /** Verify time over read time. */
  ratio: number;
  /** Seconds spent topping the chain up to `entries` (bulk, not timed as appends). */
  fillSeconds: number;
}

export interface AuditBenchReport {
  options: Omit<AuditBenchOptions, 'workDir'>;
  database: Partial<Record<AuditMode, string>>;
  appends: AuditAppendRow[];
  verify: AuditVerifyRow[];
}

const BLOCK = 250;
const VERIFY_BATCH = 1_000;
const FILL_BATCH = 500;
const BASELINE_TABLE = 'bench_audit_plain';
const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(sorted.length, 1);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    mean: round(mean),
  };
}

const PERSON = (n: number) => `0190a000-0000-7000-8000-${n.toString().padStart(12, '0')}`;
const ROLES = ['ANALYST', 'OFFICER', 'REVIEWER', 'SUPERVISOR'] as const;
const OPERATIONS = ['PersonProfile', 'SearchPersons', 'Neighbors', 'Identify'] as const;
const BASE_TIME = Date.UTC(2026, 0, 5, 9, 0, 0);

/**
 * The n-th request of a plausible day at the gateway, as its audit plugin
 * describes it: a user, a role, a purpose and case, digests of the document
 * and variables, a few persons returned; one in ten denied. No clock is read.
 */
function record(n: number): AuditRecordInput {
  const role = ROLES[n % ROLES.length] as string;
  const operation = OPERATIONS[n % OPERATIONS.length] as string;
  const denied = n % 10 === 9;
  return {
    at: new Date(BASE_TIME + n * 100),
    requestId: uuidv7(),
    user: `${role.toLowerCase()}.${n % 37}`,
    roles: [role],
    purpose: 'CASE_INVESTIGATION',
    caseNumber: `CASE-2026-${(n % 500) + 1}`,
    operationName: operation,
    operationType: 'query',
    documentHash: digest(`query ${operation}($id: ID!) { person(id: $id) { id } }`),
    variablesDigest: digest({ id: PERSON(n) }),
    personIds: denied ? [] : [PERSON(n), PERSON(n + 1), PERSON(n + 7)].slice(0, (n % 3) + 1),
    decisionIds: [],
    outcome: denied ? 'DENIED' : 'OK',
    errorCodes: denied ? ['FORBIDDEN'] : [],
    detail: denied ? 'role ANALYST may not read SeizureCase.narrative' : null,
  };
}

/** The record columns of audit_entry and its secondary indexes, with no chain. */
async function createBaselineTable(dataSource: DataSource): Promise<void> {
  await dataSource.query(`
    CREATE TABLE ${BASELINE_TABLE} (
      sequence bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      at timestamptz NOT NULL,
      request_id text,
      user_name text,
      roles text[] NOT NULL,
      purpose text,
      case_number text,
      operation_name text,
      operation_type text,
      document_hash text,
      variables_digest text,
      person_ids text[] NOT NULL,
      decision_ids text[] NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('OK', 'PARTIAL', 'DENIED', 'FAILED')),
      error_codes text[] NOT NULL,
      detail text
    )`);
  await dataSource.query(
    `CREATE INDEX ${BASELINE_TABLE}_user ON ${BASELINE_TABLE} (user_name, sequence DESC)`,
  );
  await dataSource.query(
    `CREATE INDEX ${BASELINE_TABLE}_case ON ${BASELINE_TABLE} (case_number, sequence DESC)`,
  );
  await dataSource.query(
    `CREATE INDEX ${BASELINE_TABLE}_person ON ${BASELINE_TABLE} USING gin (person_ids)`,
  );
  await dataSource.query(`CREATE INDEX ${BASELINE_TABLE}_at ON ${BASELINE_TABLE} (at)`);
}

function plainInsert(dataSource: DataSource, r: AuditRecordInput): Promise<unknown> {
  return dataSource.transaction((manager) =>
    manager.query(
      `INSERT INTO ${BASELINE_TABLE} (id, at, request_id, user_name, roles, purpose, case_number,
         operation_name, operation_type, document_hash, variables_digest, person_ids,
         decision_ids, outcome, error_codes, detail)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11, $12::text[], $13::text[],
         $14, $15::text[], $16)`,
      [
        uuidv7(),
        r.at,
        r.requestId,
        r.user,
        r.roles,
        r.purpose,
        r.caseNumber,
        r.operationName,
        r.operationType,
        r.documentHash,
        r.variablesDigest,
        r.personIds,
        r.decisionIds,
        r.outcome,
        r.errorCodes,
        r.detail,
      ],
    ),
  );
}

/** Runs `records` through `write` from `callers` concurrent callers; per-write latencies in ms. */
async function drive(
  records: readonly AuditRecordInput[],
  callers: number,
  write: (r: AuditRecordInput) => Promise<unknown>,
  done: () => void,
): Promise<{ samples: number[]; seconds: number }> {
  const samples: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: Math.min(callers, records.length) }, async () => {
      while (next < records.length) {
        const r = records[next++] as AuditRecordInput;
        const t0 = process.hrtime.bigint();
        await write(r);
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
        done();
      }
    }),
  );
  return { samples, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function bar(label: string): SingleBar {
  return new SingleBar(
    {
      format: `  ${label} {bar} {value}/{total} | audit p50 {audit} ms | baseline p50 {baseline} ms`,
      noTTYOutput: true,
      notTTYSchedule: 10_000,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
}

async function benchAppends(
  mode: AuditMode,
  dataSource: DataSource,
  log: AuditLog,
  callers: number,
  options: AuditBenchOptions,
  counter: { n: number },
): Promise<AuditAppendRow> {
  const take = (count: number) => Array.from({ length: count }, () => record((counter.n += 1)));
  const appendOne = (r: AuditRecordInput) => log.append(r);
  const insertOne = (r: AuditRecordInput) => plainInsert(dataSource, r);
  const noop = () => undefined;
  await drive(take(options.warmup), callers, appendOne, noop);
  await drive(take(options.warmup), callers, insertOne, noop);

  const progress = bar(`${mode}, ${callers === 1 ? 'sequential' : `${callers} callers`}`);
  progress.start(options.appends * 2, 0, { audit: '—', baseline: '—' });
  let value = 0;
  const tick = () => progress.update((value += 1));
  const audit = { samples: [] as number[], seconds: 0 };
  const baseline = { samples: [] as number[], seconds: 0 };
  const p50 = (s: number[]) =>
    round(
      percentile(
        [...s].sort((a, b) => a - b),
        50,
      ),
      1,
    );
  for (let done = 0, block = 0; done < options.appends; block += 1) {
    const size = Math.min(BLOCK, options.appends - done);
    const runs: [typeof audit, (r: AuditRecordInput) => Promise<unknown>][] = [
      [audit, appendOne],
      [baseline, insertOne],
    ];
    if (block % 2 === 1) runs.reverse();
    for (const [into, write] of runs) {
      const run = await drive(take(size), callers, write, tick);
      into.samples.push(...run.samples);
      into.seconds += run.seconds;
    }
    done += size;
    progress.update(value, { audit: p50(audit.samples), baseline: p50(baseline.samples) });
  }
  progress.stop();
  const side = (x: typeof audit) => ({
    seconds: round(x.seconds),
    perSecond: Math.round(x.samples.length / x.seconds),
    latencyMs: latency(x.samples),
  });
  const a = side(audit);
  const b = side(baseline);
  return {
    mode,
    callers,
    writes: options.appends,
    audit: a,
    baseline: b,
    throughputRatio: round(b.perSecond / a.perSecond),
    p50Ratio: round(a.latencyMs.p50 / b.latencyMs.p50),
    p99Ratio: round(a.latencyMs.p99 / b.latencyMs.p99),
    loadAverage: round(loadavg()[0] ?? 0),
  };
}

/**
 * Tops the chain up to `target` entries with what append would have written
 * (same records, sequences, links and hashes), in multi-row INSERTs as the
 * owner: only a long chain is needed for the verify figures, not the appends.
 */
async function fillChain(
  mode: AuditMode,
  dataSource: DataSource,
  target: number,
  counter: { n: number },
): Promise<number> {
  const [head] = (await dataSource.query(
    'SELECT sequence::text AS sequence, hash FROM audit_entry ORDER BY audit_entry.sequence DESC LIMIT 1',
  )) as { sequence: string; hash: string }[];
  let sequence = head ? Number(head.sequence) : 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  if (sequence >= target) return 0;
  const started = process.hrtime.bigint();
  const progress = new SingleBar(
    {
      format: `  ${mode}, chain to ${target.toLocaleString('en')} entries {bar} {value}/{total}`,
      noTTYOutput: true,
      notTTYSchedule: 10_000,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  progress.start(target, sequence);
  while (sequence < target) {
    const entries: AuditEntry[] = [];
    for (let i = 0; i < FILL_BATCH && sequence < target; i++) {
      const r = record((counter.n += 1));
      sequence += 1;
      const unhashed = { ...r, sequence: String(sequence), id: uuidv7(), prevHash };
      const entry: AuditEntry = { ...unhashed, hash: entryHash(unhashed) };
      prevHash = entry.hash;
      entries.push(entry);
    }
    const params: unknown[] = [];
    const values = entries.map((e, j) => {
      params.push(
        e.sequence,
        e.id,
        e.at,
        e.requestId,
        e.user,
        e.roles,
        e.purpose,
        e.caseNumber,
        e.operationName,
        e.operationType,
        e.documentHash,
        e.variablesDigest,
        e.personIds,
        e.decisionIds,
        e.outcome,
        e.errorCodes,
        e.detail,
        e.prevHash,
        e.hash,
      );
      const p = (k: number) => `$${j * 19 + k}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}::text[], ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}, ${p(12)}, ${p(13)}::text[], ${p(14)}::text[], ${p(15)}, ${p(16)}::text[], ${p(17)}, ${p(18)}, ${p(19)})`;
    });
    await dataSource.query(
      `INSERT INTO audit_entry (sequence, id, at, request_id, user_name, roles, purpose,
         case_number, operation_name, operation_type, document_hash, variables_digest,
         person_ids, decision_ids, outcome, error_codes, detail, prev_hash, hash)
       VALUES ${values.join(', ')}`,
      params,
    );
    progress.update(sequence);
  }
  progress.stop();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function benchVerify(
  mode: AuditMode,
  dataSource: DataSource,
  options: AuditBenchOptions,
  counter: { n: number },
): Promise<AuditVerifyRow> {
  const fillSeconds = await fillChain(mode, dataSource, options.verifyEntries, counter);
  // The bulk fill leaves the planner without statistics (autovacuum may be off).
  await dataSource.query('ANALYZE audit_entry');
  const [{ total }] = (await dataSource.query(
    'SELECT count(*)::int AS total FROM audit_entry',
  )) as [{ total: number }];

  const progress = new SingleBar(
    {
      format: `  ${mode}, {step} {bar} {value}/{total} entries`,
      noTTYOutput: true,
      notTTYSchedule: 10_000,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  progress.start(total, 0, { step: 'verifyAuditChain' });
  let started = process.hrtime.bigint();
  const result = await verifyAuditChain(dataSource, {
    batchSize: VERIFY_BATCH,
    onProgress: ({ checked }) => progress.update(checked),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!result.ok) {
    progress.stop();
    throw new Error(`audit: the ${mode} chain does not verify: ${result.problem.message}`);
  }

  progress.update(0, { step: 'baseline: read only' });
  started = process.hrtime.bigint();
  let read = 0;
  for (let last = '0'; ;) {
    const rows = (await dataSource.query(
      `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entry WHERE sequence > $1::bigint
       ORDER BY audit_entry.sequence LIMIT $2`,
      [last, VERIFY_BATCH],
    )) as { sequence: string }[];
    read += rows.length;
    progress.update(read);
    const tail = rows[rows.length - 1];
    if (!tail || rows.length < VERIFY_BATCH) break;
    last = tail.sequence;
  }
  const readSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  progress.stop();
  return {
    mode,
    entries: result.entries,
    seconds: round(seconds),
    entriesPerSecond: Math.round(result.entries / seconds),
    readSeconds: round(readSeconds),
    readPerSecond: Math.round(read / readSeconds),
    ratio: round(seconds / readSeconds),
    fillSeconds: round(fillSeconds, 1),
  };
}

async function benchMode(
  mode: AuditMode,
  options: AuditBenchOptions,
  log: (line: string) => void,
): Promise<{ appends: AuditAppendRow[]; verify: AuditVerifyRow; database: string }> {
  const { database, cleanup } = await benchDatabase(mode, 'audit', options.workDir);
  let dataSource: DataSource | null = null;
  try {
    dataSource = await openServiceDataSource({
      database,
      entities: auditEntities,
      migrations: auditMigrations,
    });
    const [{ version }] = (await dataSource.query('SELECT version() AS version')) as [
      { version: string },
    ];
    const server = version.split(' on ')[0] ?? version;
    log(`audit: ${mode}, ${server}`);
    await createBaselineTable(dataSource);
    const auditLog = new AuditLog(dataSource);
    const counter = { n: 0 };
    const appends: AuditAppendRow[] = [];
    for (const callers of [...new Set([1, options.concurrency])]) {
      appends.push(await benchAppends(mode, dataSource, auditLog, callers, options, counter));
    }
    const verify = await benchVerify(mode, dataSource, options, counter);
    return {
      appends,
      verify,
      database: mode === 'embedded' ? `${server}, temporary folder` : server,
    };
  } finally {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await cleanup();
  }
}

export async function benchAudit(
  options: AuditBenchOptions,
  log: (line: string) => void,
): Promise<AuditBenchReport> {
  const report: AuditBenchReport = {
    options: {
      modes: options.modes,
      appends: options.appends,
      concurrency: options.concurrency,
      warmup: options.warmup,
      verifyEntries: options.verifyEntries,
    },
    database: {},
    appends: [],
    verify: [],
  };
  for (const mode of options.modes) {
    const result = await benchMode(mode, options, log);
    report.database[mode] = result.database;
    report.appends.push(...result.appends);
    report.verify.push(result.verify);
  }
  return report;
}

const pattern = (callers: number) => (callers === 1 ? 'sequential' : `${callers} callers`);
const n = (x: number) => x.toLocaleString('en');

export function auditTable(report: AuditBenchReport): string {
  return [
    '| mode | callers | appends | append/s | append p50 / p95 / p99 (ms) | baseline insert/s | baseline p50 / p95 / p99 (ms) | baseline / append, throughput | append / baseline, p50 | append / baseline, p99 |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.appends.map(
      (r) =>
        `| ${r.mode} | ${pattern(r.callers)} | ${n(r.writes)} | ${n(r.audit.perSecond)} | ${r.audit.latencyMs.p50} / ${r.audit.latencyMs.p95} / ${r.audit.latencyMs.p99} | ${n(r.baseline.perSecond)} | ${r.baseline.latencyMs.p50} / ${r.baseline.latencyMs.p95} / ${r.baseline.latencyMs.p99} | ${r.throughputRatio}× | ${r.p50Ratio}× | ${r.p99Ratio}× |`,
    ),
    '',
    '| mode | entries | verifyAuditChain (s) | entries/s | baseline: read only (s) | read entries/s | verify / read |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...report.verify.map(
      (r) =>
        `| ${r.mode} | ${n(r.entries)} | ${r.seconds} | ${n(r.entriesPerSecond)} | ${r.readSeconds} | ${n(r.readPerSecond)} | ${r.ratio}× |`,
    ),
  ].join('\n');
}
