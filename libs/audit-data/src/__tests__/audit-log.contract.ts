import type { DatabaseConfig } from '@mosaic/config';
import { openServiceDataSource } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  AUDIT_ACCESS_TOPIC,
  AUDIT_WRITER_ROLE,
  auditEntities,
  auditMigrations,
  AuditLog,
  AuditQueryError,
  digest,
  entryHash,
  verifyAuditChain,
  type AuditEntry,
  type AuditRecordInput,
} from '..';

export interface AuditLogContractTarget {
  /** Config for a fresh, empty database. */
  database: () => Promise<DatabaseConfig>;
}

const PERSON = (n: number) => `0190a000-0000-7000-8000-${n.toString().padStart(12, '0')}`;

/** The n-th operation of a plausible day, at a fixed instant (no clock is read). */
function record(n: number, overrides: Partial<AuditRecordInput> = {}): AuditRecordInput {
  return {
    at: new Date(Date.UTC(2026, 0, 5, 9, 0, n)),
    requestId: `req-${n}`,
    user: n % 2 === 0 ? 'ana.analyst' : 'olu.officer',
    roles: n % 2 === 0 ? ['ANALYST'] : ['OFFICER'],
    purpose: 'CASE_INVESTIGATION',
    caseNumber: `CASE-2026-${(n % 3) + 1}`,
    operationName: 'PersonProfile',
    operationType: 'query',
    documentHash: digest(`query PersonProfile { person(id: "${n}") { id } }`),
    variablesDigest: digest({ id: PERSON(n) }),
    personIds: [PERSON(n)],
    decisionIds: [],
    outcome: 'OK',
    errorCodes: [],
    detail: null,
    ...overrides,
  };
}

/**
 * What the audit log promises in both run modes (PGlite and PostgreSQL): an
 * unbroken hash chain, every kind of tampering named at the first entry it
 * touches, UPDATE and DELETE refused to the writer role and to the owner
 * alike, and one `audit.access.v1` event per entry.
 */
export function describeAuditLogContract(name: string, target: AuditLogContractTarget): void {
  describe(`audit log contract: ${name}`, () => {
    let dataSource: DataSource;
    let log: AuditLog;

    /** As the owner, with the append-only trigger switched off: what an intruder with DBA rights does. */
    const tamper = (sql: string, params: unknown[] = []) =>
      dataSource.transaction(async (m) => {
        await m.query('SET LOCAL session_replication_role = replica');
        await m.query(sql, params);
      });

    /** Shifts every entry after `sequence` one place on, as a forger must to slip one in. */
    const makeRoomAfter = async (sequence: number) => {
      await tamper('UPDATE audit_entry SET sequence = sequence + 1000000 WHERE sequence > $1', [
        sequence,
      ]);
      await tamper('UPDATE audit_entry SET sequence = sequence - 999999 WHERE sequence > 1000000');
    };

    const appendMany = async (count: number): Promise<AuditEntry[]> => {
      const entries: AuditEntry[] = [];
      for (let n = 1; n <= count; n++) entries.push(await log.append(record(n)));
      return entries;
    };

    beforeAll(async () => {
      dataSource = await openServiceDataSource({
        database: await target.database(),
        entities: auditEntities,
        migrations: auditMigrations,
      });
      log = new AuditLog(dataSource);
    });

    afterAll(async () => {
      if (dataSource?.isInitialized) await dataSource.destroy();
    });

    beforeEach(async () => {
      await tamper('DELETE FROM audit_entry');
      await tamper('DELETE FROM outbox');
    });

    it('chains every entry to the one before it, and a chain of appends verifies', async () => {
      const entries = await appendMany(12);
      expect(entries.map((e) => e.sequence)).toEqual(entries.map((_, i) => String(i + 1)));
      expect(entries[0]?.prevHash).toBe('0'.repeat(64));
      for (let i = 1; i < entries.length; i++) {
        expect(entries[i]?.prevHash).toBe(entries[i - 1]?.hash);
      }
      const progress: { checked: number; total: number }[] = [];
      const result = await verifyAuditChain(dataSource, {
        batchSize: 5,
        onProgress: (p) => progress.push(p),
      });
      expect(result).toEqual({
        ok: true,
        entries: 12,
        head: { sequence: '12', hash: entries[11]?.hash },
      });
      expect(progress).toEqual([
        { checked: 5, total: 12 },
        { checked: 10, total: 12 },
        { checked: 12, total: 12 },
      ]);
    });

    it('verifies an empty log as intact', async () => {
      expect(await log.verify()).toEqual({ ok: true, entries: 0, head: null });
    });

    it('stores hostile text so that it reads back exactly as it was hashed', async () => {
      const appended = await log.append(
        record(1, {
          operationName: 'Evil\u0000Name\uD800',
          user: "robert'); DROP TABLE audit_entry;--",
          detail: 'x'.repeat(5_000),
          personIds: [PERSON(2), PERSON(1), PERSON(2)],
          errorCodes: ['FORBIDDEN', 'FORBIDDEN', 'BAD_USER_INPUT'],
          outcome: 'DENIED',
        }),
      );
      expect(appended.operationName).toBe('Evil\uFFFDName\uFFFD');
      expect(appended.detail).toHaveLength(2_000);
      expect(appended.personIds).toEqual([PERSON(1), PERSON(2)]);
      expect(appended.errorCodes).toEqual(['BAD_USER_INPUT', 'FORBIDDEN']);
      const { entries } = await log.query();
      expect(entries).toEqual([appended]);
      expect(entryHash(entries[0] as AuditEntry)).toBe(appended.hash);
      expect((await log.verify()).ok).toBe(true);
    });

    it('names an entry whose content was changed as ALTERED', async () => {
      const entries = await appendMany(8);
      await tamper('UPDATE audit_entry SET person_ids = $1 WHERE sequence = 5', [[PERSON(99)]]);
      expect(await log.verify()).toEqual({
        ok: false,
        entries: 4,
        problem: expect.objectContaining({
          kind: 'ALTERED',
          sequence: '5',
          entryId: entries[4]?.id,
        }),
      });
    });

    it('names an entry that was changed and re-hashed as ALTERED (its successor no longer links to it)', async () => {
      const entries = await appendMany(6);
      const forged = { ...(entries[2] as AuditEntry), user: 'someone.else' };
      await tamper('UPDATE audit_entry SET user_name = $1, hash = $2 WHERE sequence = 3', [
        forged.user,
        entryHash(forged),
      ]);
      const result = await log.verify();
      expect(result).toMatchObject({
        ok: false,
        problem: { kind: 'ALTERED', sequence: '3', entryId: entries[2]?.id },
      });
    });

    it('names the entry after a deleted one as REMOVED, saying which is missing', async () => {
      const entries = await appendMany(7);
      await tamper('DELETE FROM audit_entry WHERE sequence = 4');
      const result = await log.verify();
      expect(result).toMatchObject({
        ok: false,
        entries: 3,
        problem: { kind: 'REMOVED', sequence: '5', entryId: entries[4]?.id },
      });
      expect(!result.ok && result.problem.message).toContain('entry 4 is missing');
    });

    it('names a forged entry slipped into the middle of the chain as INSERTED', async () => {
      const entries = await appendMany(6);
      // The forgery links to entry 3 properly; the entries after it were chained to entry 3.
      await makeRoomAfter(3);
      const forged: Omit<AuditEntry, 'hash'> = {
        ...record(40, { user: 'ghost', personIds: [] }),
        sequence: '4',
        id: uuidv7(),
        prevHash: entries[2]?.hash as string,
      };
      await insertRaw(dataSource, { ...forged, hash: entryHash(forged) });
      expect(await log.verify()).toMatchObject({
        ok: false,
        problem: { kind: 'INSERTED', sequence: '4', entryId: forged.id },
      });
    });

    it('names a forged entry that links to nothing, with the chain resuming around it, as INSERTED', async () => {
      await appendMany(5);
      await makeRoomAfter(2);
      const forged: Omit<AuditEntry, 'hash'> = {
        ...record(41, { user: 'ghost' }),
        sequence: '3',
        id: uuidv7(),
        prevHash: digest('made up'),
      };
      await insertRaw(dataSource, { ...forged, hash: entryHash(forged) });
      expect(await log.verify()).toMatchObject({
        ok: false,
        problem: { kind: 'INSERTED', sequence: '3', entryId: forged.id },
      });
    });

    it('refuses UPDATE and DELETE to the writer role appends run as', async () => {
      await appendMany(2);
      for (const sql of [
        `UPDATE audit_entry SET outcome = 'OK'`,
        'DELETE FROM audit_entry',
        'TRUNCATE audit_entry',
      ]) {
        await expect(
          dataSource.transaction(async (m) => {
            await m.query(`SET LOCAL ROLE ${AUDIT_WRITER_ROLE}`);
            await m.query(sql);
          }),
        ).rejects.toThrow(/permission denied/);
      }
      expect(await count(dataSource)).toBe(2);
    });

    it('refuses UPDATE, DELETE and TRUNCATE to the owner too (the trigger)', async () => {
      await appendMany(2);
      for (const sql of [
        `UPDATE audit_entry SET outcome = 'OK'`,
        'DELETE FROM audit_entry WHERE sequence = 1',
        'TRUNCATE audit_entry',
      ]) {
        await expect(dataSource.query(sql)).rejects.toThrow(/append-only/);
      }
      expect(await count(dataSource)).toBe(2);
    });

    it('appends under the writer role: without its INSERT grant, an append fails', async () => {
      await dataSource.query(`REVOKE INSERT ON audit_entry FROM ${AUDIT_WRITER_ROLE}`);
      try {
        await expect(log.append(record(1))).rejects.toThrow(/permission denied/);
      } finally {
        await dataSource.query(`GRANT INSERT ON audit_entry TO ${AUDIT_WRITER_ROLE}`);
      }
      expect(await count(dataSource)).toBe(0);
    });

    it('keeps one unbroken chain under concurrent appends', async () => {
      const appended = await Promise.all(
        Array.from({ length: 24 }, (_, i) => log.append(record(i + 1))),
      );
      expect(new Set(appended.map((e) => e.sequence)).size).toBe(24);
      expect(await log.verify()).toMatchObject({ ok: true, entries: 24 });
    });

    it('publishes each entry on audit.access.v1 through the outbox, in the same transaction', async () => {
      const [first, second] = await appendMany(2);
      const rows = (await dataSource.query(
        'SELECT topic, key, envelope FROM outbox ORDER BY position',
      )) as { topic: string; key: string; envelope: { type: string; payload: unknown } }[];
      expect(rows.map((r) => r.topic)).toEqual([AUDIT_ACCESS_TOPIC, AUDIT_ACCESS_TOPIC]);
      expect(rows[1]?.envelope.payload).toEqual({
        entryId: second?.id,
        sequence: '2',
        at: second?.at.toISOString(),
        requestId: 'req-2',
        user: 'ana.analyst',
        roles: ['ANALYST'],
        purpose: 'CASE_INVESTIGATION',
        caseNumber: 'CASE-2026-3',
        operationName: 'PersonProfile',
        operationType: 'query',
        documentHash: second?.documentHash,
        variablesDigest: second?.variablesDigest,
        personIds: [PERSON(2)],
        decisionIds: [],
        outcome: 'OK',
        errorCodes: [],
        detail: null,
        prevHash: first?.hash,
        hash: second?.hash,
      });
    });

    it('writes neither the entry nor its event when the append fails', async () => {
      await expect(log.append({ ...record(1), at: new Date(Number.NaN) })).rejects.toThrow(
        /valid `at`/,
      );
      await expect(
        log.append(record(1, { outcome: 'MAYBE' as AuditRecordInput['outcome'] })),
      ).rejects.toThrow(/outcome/);
      expect(await count(dataSource)).toBe(0);
      expect(await dataSource.query('SELECT count(*)::int AS n FROM outbox')).toEqual([{ n: 0 }]);
    });

    it('answers oversight queries by user, person, purpose, case, outcome and time, newest first, in pages', async () => {
      for (let n = 1; n <= 9; n++) {
        await log.append(
          record(n, {
            outcome: n === 9 ? 'DENIED' : 'OK',
            purpose: n === 7 ? 'DATA_QUALITY' : 'CASE_INVESTIGATION',
          }),
        );
      }
      const seq = (page: { entries: AuditEntry[] }) => page.entries.map((e) => e.sequence);
      expect(seq(await log.query({ user: 'ana.analyst' }))).toEqual(['8', '6', '4', '2']);
      expect(seq(await log.query({ personId: PERSON(5) }))).toEqual(['5']);
      expect(seq(await log.query({ purpose: 'DATA_QUALITY' }))).toEqual(['7']);
      expect(seq(await log.query({ caseNumber: 'CASE-2026-1' }))).toEqual(['9', '6', '3']);
      expect(seq(await log.query({ outcome: 'DENIED' }))).toEqual(['9']);
      expect(
        seq(
          await log.query({
            from: new Date(Date.UTC(2026, 0, 5, 9, 0, 3)),
            to: new Date(Date.UTC(2026, 0, 5, 9, 0, 5)),
          }),
        ),
      ).toEqual(['4', '3']);

      const first = await log.query({ limit: 4 });
      expect(seq(first)).toEqual(['9', '8', '7', '6']);
      const second = await log.query({ limit: 4, after: first.nextCursor as string });
      expect(seq(second)).toEqual(['5', '4', '3', '2']);
      const last = await log.query({ limit: 4, after: second.nextCursor as string });
      expect(seq(last)).toEqual(['1']);
      expect(last.nextCursor).toBeNull();

      await expect(log.query({ limit: 101 })).rejects.toThrow(AuditQueryError);
      await expect(log.query({ limit: 0 })).rejects.toThrow(/limit/);
      await expect(log.query({ after: "1' OR 1=1" })).rejects.toThrow(/after/);
    });

    it('migrates down and up again', async () => {
      const scratch = await openServiceDataSource({
        database: await target.database(),
        entities: auditEntities,
        migrations: auditMigrations,
      });
      try {
        await scratch.undoLastMigration({ transaction: 'each' });
        expect(await scratch.query(`SELECT to_regclass('audit_entry') AS t`)).toEqual([
          { t: null },
        ]);
        await scratch.runMigrations({ transaction: 'each' });
        await new AuditLog(scratch).append(record(1));
        expect((await new AuditLog(scratch).verify()).ok).toBe(true);
      } finally {
        await scratch.destroy();
      }
    });
  });
}

async function count(dataSource: DataSource): Promise<number> {
  const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM audit_entry')) as [
    { n: number },
  ];
  return n;
}

/** A row written straight into the table, as a forger with the owner's rights would. */
async function insertRaw(dataSource: DataSource, e: AuditEntry): Promise<void> {
  await dataSource.query(
    `INSERT INTO audit_entry (sequence, id, at, request_id, user_name, roles, purpose, case_number,
       operation_name, operation_type, document_hash, variables_digest, person_ids, decision_ids,
       outcome, error_codes, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11, $12, $13::text[], $14::text[],
       $15, $16::text[], $17, $18, $19)`,
    [
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
    ],
  );
}
