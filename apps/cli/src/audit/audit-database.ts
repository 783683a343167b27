import { AUDIT_DATABASE, auditEntities, auditMigrations } from '@mosaic/audit-data';
import { loadServiceConfig, type ServiceDefinition } from '@mosaic/config';
import { openServiceDataSource } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';

/**
 * The gateway's audit database as the CLI finds it. The gateway's service
 * definition lives in its app, which the CLI may not import; only what
 * decides the database is restated here (the gateway's name, `database: 'audit'`).
 */
const auditDatabase: ServiceDefinition = {
  name: 'gateway',
  defaultPort: 4000,
  database: AUDIT_DATABASE,
  needs: { database: true, bus: false, search: false },
};

/**
 * Opens the audit database as the gateway does (same config, same
 * migrations). In embedded mode it is a PGlite folder only one process may
 * hold: while the gateway runs this throws EmbeddedDatabaseLockedError, and
 * `audit verify` goes through the gateway instead.
 */
export async function openAuditDatabase(
  env: Record<string, string | undefined> = process.env,
  holder = 'mosaic audit verify',
): Promise<DataSource> {
  const config = loadServiceConfig(auditDatabase, env);
  if (!config.database) throw new Error('the gateway has no audit database');
  return openServiceDataSource({
    database: config.database,
    entities: auditEntities,
    migrations: auditMigrations,
    holder,
  });
}
