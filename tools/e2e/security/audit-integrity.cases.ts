import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  AUDIT_OUTCOMES,
  AuditLog,
  auditPublishedFile,
  entryHash,
  verifyAuditChain,
} from '@mosaic/audit-data';
import type { DataSource } from 'typeorm';
import type { MosaicStack, StackMode } from '../stack/mosaic-stack';
import { graphql } from './security-client';

/**
 * Issue 15, "Close the side doors", items 3 and 4: `mosaic audit verify` run
 * beside a running gateway loses nothing and is itself on the record, a second
 * process cannot open an embedded database a service holds, and a removed tail
 * of the log, which the hash chain alone cannot see, is named by comparing the
 * log with its published copy.
 */

const repositoryRoot = resolve(__dirname, '../../..');
const VERIFY_CASE = 'CASE-2026-000915';
const BURST = /* GraphQL */ `
  query Burst {
    __typename
  }
`;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The platform variables a developer's shell may hold, which must not leak into the stack's CLI. */
const PLATFORM = /^(DATABASE_URL|KAFKA_BROKERS|SEARCH_URL|MOSAIC_.*)$/;

/** `mosaic …` as an operator runs it: its own node process, with the stack's environment. */
function mosaic(stack: MosaicStack, args: readonly string[]): Promise<CliRun> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !PLATFORM.test(key)) env[key] = value;
  }
  Object.assign(env, stack.env, { MOSAIC_GATEWAY_URL: stack.gatewayUrl });
  return new Promise((done, fail) => {
    const proc = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', fail);
    proc.on('close', (code) => done({ code, stdout, stderr }));
  });
}

async function entryCount(audit: DataSource): Promise<number> {
  const [row] = (await audit.query('SELECT count(*)::int AS n FROM audit_entry')) as {
    n: number;
  }[];
  return row?.n ?? 0;
}

async function headSequence(audit: DataSource): Promise<number> {
  const [row] = (await audit.query(
    'SELECT coalesce(max(sequence), 0)::int AS n FROM audit_entry',
  )) as { n: number }[];
  return row?.n ?? 0;
}

/** As the database owner, past the trigger (see the tampered-row case). */
async function asOwner(audit: DataSource, sql: string, params: unknown[] = []): Promise<void> {
  await audit.transaction(async (manager) => {
    await manager.query('SET LOCAL session_replication_role = replica');
    await manager.query(sql, params);
  });
}

/**
 * The tampered-row case before these leaves one entry's outcome changed. These
 * cases need an intact log to show what plain verification misses, so they put
 * the original back: the one outcome whose content hashes to the stored hash.
 */
async function undoEarlierTampering(audit: DataSource): Promise<void> {
  const before = await verifyAuditChain(audit);
  if (before.ok) return;
  const { kind, sequence } = before.problem;
  const [entry] = (
    await new AuditLog(audit).query({ after: String(BigInt(sequence) + 1n), limit: 1 })
  ).entries;
  const original = AUDIT_OUTCOMES.find(
    (outcome) => entry && entryHash({ ...entry, outcome }) === entry.hash,
  );
  if (kind !== 'ALTERED' || !entry || !original) {
    throw new Error(
      `the audit log was left broken in a way these cases cannot undo: ${kind} at ${sequence}`,
    );
  }
  await asOwner(audit, 'UPDATE audit_entry SET outcome = $1 WHERE sequence = $2', [
    original,
    sequence,
  ]);
  const after = await verifyAuditChain(audit);
  if (!after.ok) throw new Error(`the audit log is still broken: ${after.problem.message}`);
}

/** Until every audit entry has left through the outbox and, embedded, reached the published file. */
async function publishedUpTo(stack: MosaicStack, sequence: number): Promise<void> {
  const audit = stack.databases.audit;
  const [last] = (await audit.query('SELECT hash FROM audit_entry WHERE sequence = $1', [
    sequence,
  ])) as { hash: string }[];
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [pending] = (await audit.query(
      `SELECT count(*)::int AS n FROM outbox WHERE topic = 'audit.access.v1' AND published_at IS NULL`,
    )) as { n: number }[];
    let inCopy = true;
    if (stack.mode === 'embedded') {
      const dataDir = stack.env['MOSAIC_DATA_DIR'] as string;
      try {
        inCopy = readFileSync(auditPublishedFile(dataDir), 'utf8').includes(last?.hash ?? '');
      } catch {
        inCopy = false;
      }
    }
    if (pending?.n === 0 && inCopy) return;
    if (Date.now() > deadline) throw new Error(`audit entry ${sequence} was not published`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function describeAuditIntegrityCases(stackOf: () => MosaicStack, mode: StackMode): void {
  describe('audit integrity: one writer, verification through the gateway, loss found', () => {
    beforeAll(async () => {
      await undoEarlierTampering(stackOf().databases.audit);
    }, 60_000);

    it('verifies in a separate process while the gateway serves a burst: no entry lost, its own entry recorded, the chain intact', async () => {
      const stack = stackOf();
      const audit = stack.databases.audit;
      const before = await headSequence(audit);
      expect(await entryCount(audit)).toBe(before);
      const tokens = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((n) => stack.token(`burst.analyst${n}`, ['ANALYST'])),
      );
      let cliDone = false;
      const verification = mosaic(stack, [
        'audit',
        'verify',
        '--no-progress',
        '--case',
        VERIFY_CASE,
        '--user',
        'oversight.cli',
      ]).finally(() => (cliDone = true));
      // Requests keep coming until the verification is over, spread over users below the rate limit.
      let sent = 0;
      const failures: unknown[] = [];
      while (!cliDone || sent < 12) {
        const round = await Promise.all(
          tokens.map((token) => graphql(stack.gatewayUrl, BURST, { token })),
        );
        sent += round.length;
        failures.push(...round.flatMap((a) => a.errors ?? []));
        if (sent >= tokens.length * 24) break;
      }
      const run = await verification;
      expect(failures).toEqual([]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('audit verify: intact');
      expect(run.stdout).toContain(`checked by the gateway at ${stack.gatewayUrl}`);

      const after = await entryCount(audit);
      expect(after).toBe(before + sent + 1);
      expect(await headSequence(audit)).toBe(after);
      const mine = (await audit.query(
        `SELECT user_name AS "user", roles, purpose, case_number, operation_name, outcome
           FROM audit_entry WHERE sequence > $1 AND case_number = $2`,
        [before, VERIFY_CASE],
      )) as Record<string, unknown>[];
      expect(mine).toEqual([
        {
          user: 'oversight.cli',
          roles: ['OVERSIGHT'],
          purpose: 'OVERSIGHT_AUDIT',
          case_number: VERIFY_CASE,
          operation_name: 'MosaicAuditVerify',
          outcome: 'OK',
        },
      ]);
      expect(await verifyAuditChain(audit)).toMatchObject({ ok: true, entries: after });
    }, 180_000);

    (mode === 'embedded' ? it : it.skip)(
      'refuses a second process the embedded database a running service holds, naming the holder',
      async () => {
        const stack = stackOf();
        const dataDir = stack.env['MOSAIC_DATA_DIR'] as string;
        const [before] = (await stack.databases.travel.query(
          'SELECT count(*)::int AS n FROM schema_migrations',
        )) as { n: number }[];
        const run = await mosaic(stack, [
          'import',
          '--source',
          'travel',
          '--no-progress',
          join(repositoryRoot, 'package.json'),
        ]);
        expect(run.code).toBe(3);
        expect(run.stderr).toContain(
          `error: the embedded database ${dataDir}/travel is in use by `,
        );
        expect(run.stderr).toContain(`(pid ${process.pid} on `);
        expect(run.stderr).toContain('only one process may open a PGlite folder');
        expect(run.stderr).not.toMatch(/\n\s+at /);
        // The holder goes on undisturbed.
        const [after] = (await stack.databases.travel.query(
          'SELECT count(*)::int AS n FROM schema_migrations',
        )) as { n: number }[];
        expect(after).toEqual(before);
      },
      120_000,
    );

    it('names a removed tail against the published copy, while plain verification calls the log intact', async () => {
      const stack = stackOf();
      const audit = stack.databases.audit;
      const head = await headSequence(audit);
      expect(head).toBeGreaterThan(3);
      await publishedUpTo(stack, head);
      // An insider removes the last three entries: what is left is a valid, shorter chain.
      await asOwner(audit, 'DELETE FROM audit_entry WHERE sequence > $1', [head - 3]);
      const args = ['audit', 'verify', '--no-progress', '--case', VERIFY_CASE];

      const plain = await mosaic(stack, args);
      expect(plain.code).toBe(0);
      expect(plain.stdout).toContain('audit verify: intact');

      const reconciled = await mosaic(stack, [...args, '--against-topic']);
      expect(reconciled.code).toBe(1);
      // The plain verification's own entry took the place of the first removed one.
      expect(reconciled.stderr).toContain(
        `2 published entries are missing from the log: ${head - 1}–${head}`,
      );
      expect(reconciled.stderr).toContain('1 entries differ from what was published');
    }, 180_000);
  });
}
