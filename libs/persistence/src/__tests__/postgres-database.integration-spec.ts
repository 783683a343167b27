import { Client } from 'pg';
import { describeDatabaseContract } from './database.contract';

// The machine's PostgreSQL, started by `npm run infra:up`.
const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const scratch = `mosaic_it_${process.pid}_${Date.now().toString(36)}`;

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

afterAll(async () => {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`));
});

describeDatabaseContract('PostgreSQL server', {
  database: async () => {
    await admin((c) => c.query(`CREATE DATABASE ${scratch}`));
    return { kind: 'postgres', url: serverUrl, database: scratch };
  },
  requiresVector: false,
});

describe('infra databases', () => {
  it('has one database per service, created by infra:up', async () => {
    const rows = await admin((c) =>
      c.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'mosaic\\_%' ORDER BY 1",
      ),
    );
    const names = rows.rows.map((r) => r.datname);
    for (const service of ['travel', 'seizure', 'fingerprint', 'identity', 'analysis', 'audit']) {
      expect(names).toContain(`mosaic_${service}`);
    }
  });
});
