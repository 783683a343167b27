import { createServiceDataSource } from '@mosaic/persistence';
import { Client } from 'pg';
import { analysisMigrations } from '../../analysis-data';
import { describeLinkGraphContract } from '../link-graph.contract';

const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
// Its own database, dropped afterwards: runs never see each other's rows.
const database = `mosaic_lg${process.pid.toString(36)}${Date.now().toString(36)}_analysis`;

async function onServer(statement: string): Promise<void> {
  const client = new Client({ connectionString: `${serverUrl.replace(/\/+$/, '')}/postgres` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// Infra mode: the same read model in PostgreSQL, migrated as the service migrates it.
describeLinkGraphContract('PostgreSQL, infra mode', {
  open: async () => {
    await onServer(`CREATE DATABASE ${database}`);
    const db = await createServiceDataSource({
      database: { kind: 'postgres', url: serverUrl, database },
      migrations: analysisMigrations,
    });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    return db;
  },
  close: async (db) => {
    if (db.isInitialized) await db.destroy();
    await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  },
});
