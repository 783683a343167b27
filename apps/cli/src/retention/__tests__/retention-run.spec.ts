import type { AuditRecordInput } from '@mosaic/audit-data';
import {
  purgeWindow,
  type RetentionSource,
  type SourcePurgeOptions,
  type SourcePurgeReport,
} from '@mosaic/retention';
import type { DataSource } from 'typeorm';
import { runRetentionPurge, type RetentionRunOptions } from '../retention-purge';
import type { OpenedSource } from '../retention-sources';

const NOW = new Date('2026-01-01T00:00:00Z');
const POLICY = { travel: 1095, seizure: 3650, fingerprint: 3650 };

/** A source whose purge removes `removed` records, or fails with `failure`. */
function source(name: RetentionSource, removed: number, failure?: Error) {
  const closed = { value: false };
  const report = (options: Pick<SourcePurgeOptions, 'now' | 'retentionDays'>, dryRun: boolean) =>
    ({
      source: name,
      dryRun,
      ...purgeWindow(options),
      removed: { ENCOUNTER: removed },
      tombstones: dryRun ? 0 : removed,
      outboxEventsDeleted: removed,
      quarantinedLinesDeleted: 0,
      batches: dryRun ? 0 : 1,
    }) satisfies SourcePurgeReport;
  const opened: OpenedSource = {
    source: name,
    // Only what runRetentionPurge touches: whether it is open, and closing it.
    dataSource: {
      get isInitialized() {
        return !closed.value;
      },
      destroy: async () => {
        closed.value = true;
      },
    } as unknown as DataSource,
    bus: null,
    embedded: true,
    retention: {
      countExpired: async (options) => report(options, true),
      purgeExpired: async (options) => {
        if (failure) throw failure;
        options.onBatch?.({ done: removed, batches: 1 });
        return report(options, false);
      },
    },
  };
  return { opened, closed };
}

function run(
  sources: Record<RetentionSource, ReturnType<typeof source>>,
  audit: RetentionRunOptions['audit'],
  dryRun = false,
) {
  return runRetentionPurge({
    policy: POLICY,
    now: NOW,
    dryRun,
    batchSize: 100,
    operator: 'ops.oncall',
    runId: '0190a6b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b',
    clock: () => new Date('2026-01-01T09:00:00Z'),
    audit,
    open: async (name) => sources[name].opened,
  });
}

describe('runRetentionPurge', () => {
  it('audits a failed source as FAILED, still purges the others, and closes every database', async () => {
    const appended: AuditRecordInput[] = [];
    const sources = {
      travel: source('travel', 3),
      seizure: source('seizure', 0, new Error('connection reset')),
      fingerprint: source('fingerprint', 2),
    };
    const outcomes = await run(sources, { append: async (e) => appended.push(e) });
    expect(outcomes.map((o) => [o.source, o.ok])).toEqual([
      ['travel', true],
      ['seizure', false],
      ['fingerprint', true],
    ]);
    expect(
      appended.map((e) => [e.operationName, e.operationType, e.outcome, e.errorCodes]),
    ).toEqual([
      ['retention.purge', 'job', 'OK', []],
      ['retention.purge', 'job', 'FAILED', ['RETENTION_PURGE_FAILED']],
      ['retention.purge', 'job', 'OK', []],
    ]);
    expect(JSON.parse(appended[1]?.detail ?? '{}')).toEqual({
      source: 'seizure',
      now: '2026-01-01T00:00:00.000Z',
      cutoff: '2016-01-04T00:00:00.000Z',
      retentionDays: 3650,
      error: 'connection reset',
    });
    expect(appended.every((e) => e.user === 'ops.oncall' && e.personIds.length === 0)).toBe(true);
    expect(Object.values(sources).every((s) => s.closed.value)).toBe(true);
  });

  it('stops before the next source when the audit log cannot be written', async () => {
    const sources = {
      travel: source('travel', 3),
      seizure: source('seizure', 1),
      fingerprint: source('fingerprint', 2),
    };
    const purged: string[] = [];
    for (const s of Object.values(sources)) {
      const purge = s.opened.retention.purgeExpired;
      s.opened.retention.purgeExpired = async (options) => {
        purged.push(s.opened.source);
        return purge(options);
      };
    }
    await expect(
      run(sources, {
        append: async () => {
          throw new Error('AUDIT_UNAVAILABLE');
        },
      }),
    ).rejects.toThrow('AUDIT_UNAVAILABLE');
    expect(purged).toEqual(['travel']);
    expect(sources.travel.closed.value).toBe(true);
  });

  it('refuses to purge without an audit log, and a dry run purges nothing', async () => {
    const sources = {
      travel: source('travel', 3),
      seizure: source('seizure', 1),
      fingerprint: source('fingerprint', 2),
    };
    await expect(run(sources, null)).rejects.toThrow(/must be audited/);
    const dry = await run(sources, null, true);
    expect(dry.every((o) => o.ok && o.report.dryRun && o.report.tombstones === 0)).toBe(true);
  });
});
