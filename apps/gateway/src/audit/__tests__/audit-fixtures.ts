import { AccessError, type Principal, type Purpose, type Role } from '@mosaic/access';
import { auditEntities, auditMigrations } from '@mosaic/audit-data';
import { openServiceDataSource } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import type { AuditedContext } from '../audit.plugin';

/** A fresh, migrated audit database in memory, as the gateway opens its own. */
export function openAuditDatabase(): Promise<DataSource> {
  return openServiceDataSource({
    database: { kind: 'pglite', dataDir: 'memory://' },
    entities: auditEntities,
    migrations: auditMigrations,
  });
}

/** The gateway context of a caller holding a verified token and declaring a purpose. */
export function callerContext(
  user: string,
  roles: Role[],
  purpose: Purpose,
  caseNumber: string,
  requestId = `req-${user}`,
): AuditedContext {
  const principal: Principal = {
    user,
    roles,
    tokenId: `jti-${user}`,
    expiresAt: new Date('2030-01-01T00:00:00Z'),
  };
  return {
    requestId,
    principal: { ok: true, value: principal },
    purpose: { ok: true, value: { purpose, caseNumber } },
    trail: { personIds: new Set(), decisionIds: new Set() },
  };
}

/** The gateway context of a request without a token (its purpose checked for form only). */
export function anonymousContext(requestId = 'req-anonymous'): AuditedContext {
  return {
    requestId,
    principal: {
      ok: false,
      error: new AccessError('UNAUTHENTICATED', 'the request has no bearer token'),
    },
    purpose: {
      ok: false,
      error: new AccessError('PURPOSE_REQUIRED', 'the x-mosaic-purpose header is missing'),
    },
    trail: { personIds: new Set(), decisionIds: new Set() },
  };
}

/** As the owner with the append-only guard off: what an intruder with DBA rights does. */
export function tamper(dataSource: DataSource, sql: string, params: unknown[] = []) {
  return dataSource.transaction(async (m) => {
    await m.query('SET LOCAL session_replication_role = replica');
    await m.query(sql, params);
  });
}
