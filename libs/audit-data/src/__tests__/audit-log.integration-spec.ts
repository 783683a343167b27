import { openServiceDataSource } from '@mosaic/persistence';
import { Client } from 'pg';
import { auditEntities, auditMigrations, AuditLog } from '..';
import { describeAuditLogContract } from './audit-log.contract';

// The machine's PostgreSQL, started by `npm run infra:up`.
const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const prefix = `mosaic_it_audit_${process.pid}_${Date.now().toString(36)}`;
const created: string[] = [];

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const appRole = `${prefix}_app`;

afterAll(async () => {
  for (const name of created) {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
  await admin((c) => c.query(`DROP ROLE IF EXISTS ${appRole}`));
});

describeAuditLogContract('PostgreSQL server', {
  database: async () => {
    const name = `${prefix}_${created.length}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    created.push(name);
    return { kind: 'postgres', url: serverUrl, database: name };
  },
});

describe('audit log owned by an application role that is not a superuser', () => {
  it('migrates, appends as the writer role, and can neither change nor bypass the guard', async () => {
    const name = `${prefix}_owned`;
    await admin(async (c) => {
      await c.query(`CREATE ROLE ${appRole} LOGIN CREATEROLE`);
      await c.query(`CREATE DATABASE ${name} OWNER ${appRole}`);
    });
    created.push(name);
    const url = new URL(serverUrl);
    url.username = appRole;
    const dataSource = await openServiceDataSource({
      database: { kind: 'postgres', url: url.toString(), database: name },
      entities: auditEntities,
      migrations: auditMigrations,
    });
    try {
      const log = new AuditLog(dataSource);
      await log.append({
        at: new Date('2026-01-05T09:00:00Z'),
        requestId: 'req-1',
        user: 'ana.analyst',
        roles: ['ANALYST'],
        purpose: 'CASE_INVESTIGATION',
        caseNumber: 'CASE-2026-1',
        operationName: 'Profile',
        operationType: 'query',
        documentHash: null,
        variablesDigest: null,
        personIds: [],
        decisionIds: [],
        outcome: 'OK',
        errorCodes: [],
        detail: null,
      });
      expect(await log.verify()).toMatchObject({ ok: true, entries: 1 });
      await expect(dataSource.query(`UPDATE audit_entry SET user_name = 'x'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(
        dataSource.transaction((m) => m.query('SET LOCAL session_replication_role = replica')),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await dataSource.destroy();
    }
  });
});
