import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, digest, type AuditEntry, type AuditRecordInput } from '@mosaic/audit-data';
import { EMBEDDED_DATABASE_LOCK_FILE } from '@mosaic/persistence';
import { Command, CommanderError } from 'commander';
import type { DataSource } from 'typeorm';
import { auditCommand } from '../audit.command';
import { openAuditDatabase } from '../audit-database';

function record(n: number): AuditRecordInput {
  return {
    at: new Date(Date.UTC(2026, 1, 10, 12, n)),
    requestId: `req-${n}`,
    user: 'olu.officer',
    roles: ['OFFICER'],
    purpose: 'IDENTITY_VERIFICATION',
    caseNumber: 'CASE-2026-000321',
    operationName: 'Identify',
    operationType: 'query',
    documentHash: digest('query Identify { identify { candidates { personId } } }'),
    variablesDigest: digest({ n }),
    personIds: [],
    decisionIds: [],
    outcome: 'OK',
    errorCodes: [],
    detail: null,
  };
}

/** Runs `mosaic audit …` as main.ts registers it, returning the exit code and what it printed. */
async function mosaicAudit(env: Record<string, string>, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const program = new Command('mosaic').exitOverride().addCommand(
    auditCommand({
      env,
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      clock: () => new Date('2026-02-11T08:00:00Z'),
    }).exitOverride(),
  );
  let code = 0;
  try {
    await program.parseAsync(['audit', ...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = error.exitCode;
  }
  return { code, stdout, stderr };
}

describe('mosaic audit verify (embedded: the gateway’s PGlite audit folder)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-audit-'));
  const env = { MOSAIC_MODE: 'embedded', MOSAIC_DATA_DIR: dataDir };
  let entries: AuditEntry[] = [];

  /** The audit database, opened and closed around `work`: one process at a time holds the folder. */
  async function withDatabase<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T> {
    const dataSource = await openAuditDatabase(env);
    try {
      return await work(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  beforeAll(async () => {
    entries = await withDatabase(async (dataSource) => {
      const log = new AuditLog(dataSource);
      const appended: AuditEntry[] = [];
      for (let n = 1; n <= 6; n++) appended.push(await log.append(record(n)));
      return appended;
    });
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 0 on an intact chain, and records that it checked', async () => {
    const run = await mosaicAudit(env, 'verify', '--no-progress');
    expect(run).toEqual({
      code: 0,
      stdout: `audit verify: intact — 6 entries, head entry 6 (hash ${entries[5]?.hash})\n`,
      stderr: '',
    });
    const [latest] = await withDatabase(async (d) => (await new AuditLog(d).query()).entries);
    expect(latest).toMatchObject({
      sequence: '7',
      operationName: 'audit verify',
      operationType: 'job',
      outcome: 'OK',
      at: new Date('2026-02-11T08:00:00Z'),
    });
  });

  it('exits 1 naming the entry an intruder altered', async () => {
    await withDatabase((d) =>
      d.transaction(async (m) => {
        // What an intruder with the owner's rights does: switch the guard off and edit a row.
        await m.query('SET LOCAL session_replication_role = replica');
        await m.query(`UPDATE audit_entry SET user_name = 'someone.else' WHERE sequence = 4`);
      }),
    );
    const run = await mosaicAudit(env, 'verify', '--no-progress', '--no-record');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`ALTERED at entry 4 (${entries[3]?.id}) after 3 intact entries`);
  });

  it('exits 1 naming the entry after one that was removed', async () => {
    await withDatabase(async (d) => {
      await d.transaction(async (m) => {
        await m.query('SET LOCAL session_replication_role = replica');
        // Undo the alteration, then delete another entry.
        await m.query(`UPDATE audit_entry SET user_name = 'olu.officer' WHERE sequence = 4`);
        await m.query('DELETE FROM audit_entry WHERE sequence = 2');
      });
    });
    const run = await mosaicAudit(env, 'verify', '--no-progress');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`REMOVED at entry 3 (${entries[2]?.id})`);
    expect(run.stderr).toContain('entry 2 is missing');
    const [latest] = await withDatabase(async (d) => (await new AuditLog(d).query()).entries);
    expect(latest).toMatchObject({
      operationName: 'audit verify',
      outcome: 'FAILED',
      errorCodes: ['AUDIT_CHAIN_REMOVED'],
    });
  });
});

describe('mosaic audit verify while a running gateway holds the embedded audit database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-audit-held-'));
  const env = { MOSAIC_MODE: 'embedded', MOSAIC_DATA_DIR: dataDir };

  beforeAll(() => {
    mkdirSync(join(dataDir, 'audit'));
    // The test runner's parent: a live process that is not this one, as a gateway would be.
    writeFileSync(
      join(dataDir, 'audit', EMBEDDED_DATABASE_LOCK_FILE),
      JSON.stringify({
        pid: process.ppid,
        hostname: hostname(),
        holder: 'gateway service',
        since: '2026-02-11T08:00:00.000Z',
        token: 'running',
      }),
    );
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('does not open the folder, and asks for the case the gateway records the verification under', async () => {
    const run = await mosaicAudit(env, 'verify', '--no-progress');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not opening the audit database');
    expect(run.stderr).toContain('is in use by gateway service');
    expect(run.stderr).toContain(
      'error: --case: is required when the verification goes through the gateway',
    );
  });

  it('names the gateway it could not reach', async () => {
    const run = await mosaicAudit(
      env,
      'verify',
      '--no-progress',
      '--case',
      'CASE-2026-000900',
      '--gateway-url',
      'http://127.0.0.1:9/graphql',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: gateway: cannot reach http://127.0.0.1:9/graphql');
  });
});
