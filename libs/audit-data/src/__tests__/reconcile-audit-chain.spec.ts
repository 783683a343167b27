import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openServiceDataSource } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import {
  appendPublishedEvents,
  AUDIT_HEAD_TOPIC,
  auditEntities,
  auditMigrations,
  AuditLog,
  digest,
  formatReconciliation,
  readPublishedFile,
  reconcileAuditChain,
  type AuditRecordInput,
  type PublishedEvent,
} from '..';

function record(n: number, user = 'olu.officer'): AuditRecordInput {
  return {
    at: new Date(Date.UTC(2026, 1, 10, 12, 0, n)),
    requestId: `req-${n}`,
    user,
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

async function* copyOf(events: readonly PublishedEvent[]): AsyncGenerator<PublishedEvent> {
  yield* events;
}

describe('reconcileAuditChain: the log against its published copy', () => {
  let dataSource: DataSource;
  let other: DataSource;
  let log: AuditLog;

  /** What the outbox relay publishes: every access event the log wrote, in order. */
  const published = async (db: DataSource = dataSource): Promise<PublishedEvent[]> =>
    (
      (await db.query('SELECT topic, envelope FROM outbox ORDER BY position')) as {
        topic: string;
        envelope: { payload: unknown };
      }[]
    ).map((row) => ({ topic: row.topic, payload: row.envelope.payload }));

  /** A head checkpoint as the gateway publishes it. */
  const head = async (db: DataSource = dataSource): Promise<PublishedEvent> => {
    const checkpoint = await new AuditLog(db).headCheckpoint();
    if (!checkpoint) throw new Error('empty log');
    return { topic: AUDIT_HEAD_TOPIC, payload: { ...checkpoint, at: '2026-02-10T12:30:00Z' } };
  };

  /** As the database owner, past the trigger. */
  const tamper = (sql: string, params: unknown[] = []) =>
    dataSource.transaction(async (m) => {
      await m.query('SET LOCAL session_replication_role = replica');
      await m.query(sql, params);
    });

  const open = () =>
    openServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      entities: auditEntities,
      migrations: auditMigrations,
    });

  beforeAll(async () => {
    [dataSource, other] = await Promise.all([open(), open()]);
    log = new AuditLog(dataSource);
    // Another deployment writing the same topics: its own chain, from its own entry 1.
    for (let n = 1; n <= 4; n++) await new AuditLog(other).append(record(n, 'elsewhere'));
  });

  afterAll(async () => {
    await Promise.all([dataSource?.destroy(), other?.destroy()]);
  });

  beforeEach(async () => {
    await tamper('DELETE FROM audit_entry');
    await tamper('DELETE FROM outbox');
  });

  it('finds nothing lost when every published entry is in the log, ignoring other chains', async () => {
    for (let n = 1; n <= 10; n++) await log.append(record(n));
    const foreign = await published(other);
    const copy = [...foreign.slice(0, 2), ...(await published()), ...foreign.slice(2)];
    const result = await reconcileAuditChain(
      dataSource,
      copyOf([...copy, await head(), await head(other)]),
    );
    expect(result).toMatchObject({
      ok: true,
      publishedEntries: 10,
      publishedHeads: 1,
      missing: [],
      missingCount: 0,
      mismatchedCount: 0,
      foreignEvents: 5,
      latestHead: { sequence: '10', state: 'HELD' },
      chainHead: { sequence: '10' },
    });
    expect(formatReconciliation(result)).toMatch(/^audit reconcile: nothing lost/);
  });

  it('names a removed tail, which the hash chain alone cannot see', async () => {
    for (let n = 1; n <= 10; n++) await log.append(record(n));
    const copy = [...(await published()), await head()];
    await tamper('DELETE FROM audit_entry WHERE sequence > 7');
    expect(await log.verify()).toMatchObject({ ok: true, entries: 7 });
    const result = await reconcileAuditChain(dataSource, copyOf(copy));
    expect(result).toMatchObject({
      ok: false,
      missing: [{ from: '8', to: '10' }],
      missingCount: 3,
      latestHead: { sequence: '10', state: 'SHORTER' },
    });
    expect(formatReconciliation(result)).toContain(
      '3 published entries are missing from the log: 8–10',
    );
  });

  it('names a tail lost before its events left, from the last published head', async () => {
    for (let n = 1; n <= 6; n++) await log.append(record(n));
    // Entries 5 and 6 never reached the topic (their outbox rows were deleted), but a head did.
    const copy = [...(await published()).slice(0, 4), await head()];
    await tamper('DELETE FROM audit_entry WHERE sequence > 4');
    const result = await reconcileAuditChain(dataSource, copyOf(copy));
    expect(result).toMatchObject({ ok: false, missing: [{ from: '5', to: '6' }] });
  });

  it('names entries removed from the middle', async () => {
    for (let n = 1; n <= 10; n++) await log.append(record(n));
    const copy = await published();
    await tamper('DELETE FROM audit_entry WHERE sequence IN (4, 5, 8)');
    const result = await reconcileAuditChain(dataSource, copyOf(copy));
    expect(result).toMatchObject({
      ok: false,
      missing: [
        { from: '4', to: '5' },
        { from: '8', to: '8' },
      ],
      missingCount: 3,
      mismatchedCount: 0,
    });
  });

  it('names a log rolled back and regrown past its published head', async () => {
    for (let n = 1; n <= 10; n++) await log.append(record(n));
    const before = [...(await published()), await head()];
    await tamper('DELETE FROM audit_entry WHERE sequence > 5');
    await tamper('DELETE FROM outbox');
    // The regrown entries are new ones at the same places, and the chain verifies.
    for (let n = 6; n <= 12; n++) await log.append(record(100 + n));
    expect(await log.verify()).toMatchObject({ ok: true, entries: 12 });
    const after = [...(await published()), await head()];
    const result = await reconcileAuditChain(dataSource, copyOf([...before, ...after]));
    expect(result.ok).toBe(false);
    expect(result.missingCount).toBe(0);
    expect(result.mismatched.map((m) => m.sequence)).toEqual(['6', '7', '8', '9', '10']);
    expect(result.latestHead).toMatchObject({ sequence: '12', state: 'HELD' });
    expect(formatReconciliation(result)).toContain(
      '5 entries differ from what was published (6, 7, 8, 9, 10)',
    );
  });

  it('reads the embedded copy back from its file, a torn last line counted as unreadable', async () => {
    for (let n = 1; n <= 3; n++) await log.append(record(n));
    const dir = mkdtempSync(join(tmpdir(), 'mosaic-published-'));
    try {
      const file = join(dir, 'audit-published.ndjson');
      const rows = (await dataSource.query('SELECT topic, envelope FROM outbox')) as {
        topic: string;
        envelope: unknown;
      }[];
      await appendPublishedEvents(file, rows);
      const { appendFile } = await import('node:fs/promises');
      await appendFile(file, '{"topic":"audit.access.v1","envel');
      await tamper('DELETE FROM audit_entry WHERE sequence = 3');
      const result = await reconcileAuditChain(dataSource, readPublishedFile(file));
      expect(result).toMatchObject({
        ok: false,
        publishedEntries: 3,
        missing: [{ from: '3', to: '3' }],
        unreadableEvents: 1,
      });
      const none = await reconcileAuditChain(dataSource, readPublishedFile(join(dir, 'absent')));
      expect(none).toMatchObject({ ok: true, publishedEntries: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
