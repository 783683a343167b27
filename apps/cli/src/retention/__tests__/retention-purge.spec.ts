import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, verifyAuditChain, type AuditEntry } from '@mosaic/audit-data';
import { FingerprintEnrollmentStore, fingerprintEnrollmentSchema } from '@mosaic/fingerprint-data';
import { RETENTION_SOURCES, retentionCutoff, type RetentionSource } from '@mosaic/retention';
import { SeizureCaseStore, seizureCaseSchema } from '@mosaic/seizure-data';
import { generateBlocks, resolveSynthOptions } from '@mosaic/synth';
import { TravelEncounterStore, travelEncounterSchema } from '@mosaic/travel-data';
import { validateRecord } from '@mosaic/validation';
import { Command, CommanderError } from 'commander';
import { openAuditDatabase } from '../../audit/audit-database';
import { retentionCommand } from '../retention.command';
import { openRetentionSource } from '../retention-sources';

const NOW = '2026-01-01T00:00:00Z';
const DAYS: Record<RetentionSource, number> = { travel: 1095, seizure: 1460, fingerprint: 1825 };
const TABLE: Record<RetentionSource, { table: string; time: string }> = {
  travel: { table: 'travel_encounter', time: 'encountered_at' },
  // A case's last activity: its opening or its latest event.
  seizure: {
    table: 'seizure_case',
    time: 'greatest(opened_at, (SELECT max(occurred_at) FROM seizure_event e WHERE e.case_id = seizure_case.id))',
  },
  fingerprint: { table: 'fingerprint_enrollment', time: 'enrolled_at' },
};

/** Runs `mosaic retention …` as main.ts registers it, returning the exit code and what it printed. */
async function mosaicRetention(env: Record<string, string>, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const program = new Command('mosaic').exitOverride().addCommand(
    retentionCommand({
      env,
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      clock: () => new Date('2026-01-01T09:30:00Z'),
    }).exitOverride(),
  );
  let code = 0;
  try {
    await program.parseAsync(['retention', ...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = error.exitCode;
  }
  return { code, stdout, stderr };
}

function parsed<T>(schema: Parameters<typeof validateRecord>[0], records: unknown[]): T[] {
  return records.map((r) => {
    const v = validateRecord(schema, r);
    if (!v.ok) throw new Error('a synthetic record is invalid');
    return v.value as T;
  });
}

describe('mosaic retention purge (embedded: the sources’ and the gateway’s PGlite folders)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-retention-'));
  const env = {
    MOSAIC_MODE: 'embedded',
    MOSAIC_DATA_DIR: dataDir,
    MOSAIC_RETENTION_TRAVEL_DAYS: String(DAYS.travel),
    MOSAIC_RETENTION_SEIZURE_DAYS: String(DAYS.seizure),
    MOSAIC_RETENTION_FINGERPRINT_DAYS: String(DAYS.fingerprint),
  };

  /** Per source: [records older than the cutoff, all records] as the database holds them. */
  async function census(): Promise<Record<RetentionSource, [number, number]>> {
    const out = {} as Record<RetentionSource, [number, number]>;
    for (const source of RETENTION_SOURCES) {
      const opened = await openRetentionSource(source, env);
      try {
        const { table, time } = TABLE[source];
        const [row] = (await opened.dataSource.query(
          `SELECT count(*) FILTER (WHERE ${time} < $1)::int AS old, count(*)::int AS n FROM ${table}`,
          [retentionCutoff(new Date(NOW), DAYS[source]).toISOString()],
        )) as { old: number; n: number }[];
        out[source] = [row?.old ?? 0, row?.n ?? 0];
      } finally {
        await opened.dataSource.destroy();
      }
    }
    return out;
  }

  async function auditEntries(): Promise<AuditEntry[]> {
    const dataSource = await openAuditDatabase(env);
    try {
      expect((await verifyAuditChain(dataSource)).ok).toBe(true);
      return (await new AuditLog(dataSource).query({ limit: 100 })).entries.reverse();
    } finally {
      await dataSource.destroy();
    }
  }

  beforeAll(async () => {
    const options = resolveSynthOptions(
      { persons: 150, seed: 3 },
      { 'seizure.loneCaseRate': '0.1', 'population.networkRate': '0.2' },
    );
    const blocks = [...generateBlocks(options)];
    for (const source of RETENTION_SOURCES) {
      const opened = await openRetentionSource(source, env);
      try {
        await opened.dataSource.transaction(async (manager) => {
          if (source === 'travel') {
            await new TravelEncounterStore().storeBatch(
              manager,
              parsed(
                travelEncounterSchema,
                blocks.flatMap((b) => b.travel),
              ),
            );
          } else if (source === 'seizure') {
            await new SeizureCaseStore().storeBatch(
              manager,
              parsed(
                seizureCaseSchema,
                blocks.flatMap((b) => b.seizure),
              ),
            );
          } else {
            await new FingerprintEnrollmentStore().storeBatch(
              manager,
              parsed(
                fingerprintEnrollmentSchema,
                blocks.flatMap((b) => b.fingerprint),
              ),
            );
          }
        });
      } finally {
        await opened.dataSource.destroy();
      }
    }
  }, 120_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('counts in a dry run without changing anything or writing to the audit log', async () => {
    const before = await census();
    for (const source of RETENTION_SOURCES) expect(before[source][0]).toBeGreaterThan(0);
    const run = await mosaicRetention(env, 'purge', '--now', NOW, '--dry-run', '--no-progress');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('dry run, nothing is changed at 2026-01-01T00:00:00.000Z');
    expect(run.stdout).toContain(`travel: would remove ${before.travel[0]} encounters older than`);
    expect(run.stdout).toContain(`fingerprint: would remove ${before.fingerprint[0]} enrollments`);
    expect(await census()).toEqual(before);
    expect(await auditEntries()).toEqual([]);
  }, 120_000);

  it('purges every source by its own period, reports it, and audits one entry per source', async () => {
    const before = await census();
    const run = await mosaicRetention(
      env,
      'purge',
      '--now',
      NOW,
      '--batch-size',
      '7',
      '--no-progress',
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const after = await census();
    for (const source of RETENTION_SOURCES) {
      expect({ source, after: after[source] }).toEqual({
        source,
        after: [0, before[source][1] - before[source][0]],
      });
    }
    expect(run.stdout).toContain(
      `travel: removed ${before.travel[0]} encounters older than ${retentionCutoff(new Date(NOW), DAYS.travel).toISOString()} (1095 days); ${before.travel[0]} tombstones written`,
    );

    const entries = await auditEntries();
    expect(entries.map((e) => [e.operationName, e.operationType, e.outcome])).toEqual(
      RETENTION_SOURCES.map(() => ['retention.purge', 'job', 'OK']),
    );
    expect(new Set(entries.map((e) => e.requestId)).size).toBe(1);
    const details = entries.map((e) => JSON.parse(e.detail ?? '{}') as Record<string, unknown>);
    expect(details.map((d) => [d['source'], d['retentionDays'], d['cutoff']])).toEqual(
      RETENTION_SOURCES.map((s) => [
        s,
        DAYS[s],
        retentionCutoff(new Date(NOW), DAYS[s]).toISOString(),
      ]),
    );
    expect(details[0]?.['removed']).toEqual({ ENCOUNTER: before.travel[0] });
    expect(entries.every((e) => e.at.toISOString() === '2026-01-01T09:30:00.000Z')).toBe(true);

    // Once more with the same clock: nothing left to remove, and that run is on the record too.
    const again = await mosaicRetention(env, 'purge', '--now', NOW, '--no-progress');
    expect(again.stdout).toContain('travel: removed nothing older than');
    expect(await auditEntries()).toHaveLength(2 * RETENTION_SOURCES.length);
  }, 180_000);

  it('refuses a bad retention period or clock, naming it', async () => {
    const bad = await mosaicRetention(
      { ...env, MOSAIC_RETENTION_SEIZURE_DAYS: 'forever' },
      'purge',
      '--no-progress',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('MOSAIC_RETENTION_SEIZURE_DAYS');
    const clock = await mosaicRetention(env, 'purge', '--now', '2026-01-01', '--no-progress');
    expect(clock.code).not.toBe(0);
    expect(clock.stderr).toContain('--now must be an ISO 8601 instant with an offset');
  });
});
