import { createServiceDataSource } from '@mosaic/persistence';
import { createSearchClient, pingSearchEngine } from '@mosaic/search-engine';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  analysisMigrations,
  createPersonSearchIndexer,
  describePersonSearchContract,
  ElasticsearchPersonSearch,
  PersonSearchSchemaError,
  personSearchPopulation,
  writeSeedPersons,
} from '../..';

// The services of `npm run infra:up`; this run's own database and indexes.
const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const client = createSearchClient(process.env['SEARCH_URL'] ?? 'http://127.0.0.1:9200');
const run = `itps${process.pid.toString(36)}${Date.now().toString(36)}`;
const databases: string[] = [];
const indexes: string[] = [];

async function onServer(statement: string): Promise<void> {
  const admin = new Client({ connectionString: `${serverUrl.replace(/\/+$/, '')}/postgres` });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

const openDataSources: DataSource[] = [];

/** A new, migrated read-model database on the PostgreSQL server. */
async function openReadModel(): Promise<DataSource> {
  const database = `mosaic_${run}_${databases.length}`;
  databases.push(database);
  await onServer(`CREATE DATABASE ${database}`);
  const db = await createServiceDataSource({
    database: { kind: 'postgres', url: serverUrl, database },
    migrations: analysisMigrations,
  });
  await db.initialize();
  await db.runMigrations({ transaction: 'each' });
  openDataSources.push(db);
  return db;
}

const indexName = () => {
  const name = `mosaic-it-${run}-persons-${indexes.length}`;
  indexes.push(name);
  return name;
};

beforeAll(async () => {
  await pingSearchEngine(client);
});

afterAll(async () => {
  for (const db of openDataSources) if (db.isInitialized) await db.destroy();
  for (const database of databases) {
    await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
  // The node refuses wildcard deletes (action.destructive_requires_name).
  if (indexes.length > 0) await client.indices.delete({ index: indexes, ignore_unavailable: true });
  await client.close();
});

const contractIndex = indexName();
describePersonSearchContract('Elasticsearch fed from PostgreSQL (infra mode)', {
  open: openReadModel,
  index: async (_db, options) => {
    const search = new ElasticsearchPersonSearch({ client, index: contractIndex, ...options });
    await search.ensureIndex();
    return search;
  },
});

describe('Elasticsearch person search index', () => {
  it('creates its index once; a second ensureIndex keeps the documents', async () => {
    const name = indexName();
    const db = await openReadModel();
    const population = personSearchPopulation(30);
    await writeSeedPersons(db, population);
    const indexer = createPersonSearchIndexer({ session: db, client, index: name });
    await indexer.reindexAll();
    await new ElasticsearchPersonSearch({ client, index: name }).ensureIndex();
    const { count } = await client.count({ index: name });
    // Merged and split persons are not indexed.
    expect(count).toBe(population.filter((p) => p.status === 'ACTIVE').length);
  });

  it('refuses an existing index with another mapping', async () => {
    const name = indexName();
    await client.indices.create({
      index: name,
      mappings: { properties: { x: { type: 'keyword' } } },
    });
    await expect(
      new ElasticsearchPersonSearch({ client, index: name }).ensureIndex(),
    ).rejects.toBeInstanceOf(PersonSearchSchemaError);
  });

  it('rebuilds in place with progress, removing persons the read model no longer has', async () => {
    const name = indexName();
    const db = await openReadModel();
    const population = personSearchPopulation(60);
    await writeSeedPersons(db, population);
    const indexer = createPersonSearchIndexer({ session: db, client, index: name, batchSize: 25 });
    await indexer.reindexAll();
    const search = new ElasticsearchPersonSearch({ client, index: name });
    const gone = population.find((p) => p.status === 'ACTIVE' && p.records.length === 1);
    const name0 = gone?.records[0];
    await db.query('DELETE FROM analysis_record WHERE person_id = $1', [gone?.id]);
    const before = await search.search({
      name: `${name0?.givenNames} ${name0?.surname}`,
      offset: 0,
      limit: 100,
    });
    expect(before.hits.map((h) => h.personId)).toContain(gone?.id);

    const progress: { phase: string; done: number; total: number | null }[] = [];
    await indexer.reindexAll((p) => progress.push(p));
    const after = await search.search({
      name: `${name0?.givenNames} ${name0?.surname}`,
      offset: 0,
      limit: 100,
    });
    expect(after.hits.map((h) => h.personId)).not.toContain(gone?.id);
    const indexed = progress.filter((p) => p.phase === 'index');
    // Every person with records is visited (merged and split ones to be removed).
    const withRecords = population.length - 1;
    expect(indexed.map((p) => p.done)).toEqual([25, 50, withRecords]);
    expect(indexed.every((p) => p.total === withRecords)).toBe(true);
    expect(progress.some((p) => p.phase === 'prune')).toBe(true);
  });
});
