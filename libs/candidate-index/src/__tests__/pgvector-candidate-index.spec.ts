import { createServiceDataSource } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import {
  CandidateIndexSchemaError,
  CreateCandidateIndex1764300000000,
  DEFAULT_CANDIDATE_DIMENSIONS,
  describeCandidateIndexContract,
  PgvectorCandidateIndex,
} from '..';

let dataSource: DataSource;

async function openDatabase(): Promise<DataSource> {
  const db = await createServiceDataSource({
    database: { kind: 'pglite', dataDir: 'memory://' },
    migrations: [CreateCandidateIndex1764300000000],
  });
  await db.initialize();
  await db.runMigrations({ transaction: 'each' });
  return db;
}

beforeAll(async () => {
  dataSource = await openDatabase();
});

afterAll(async () => {
  if (dataSource?.isInitialized) await dataSource.destroy();
});

describeCandidateIndexContract('pgvector on PGlite (embedded mode)', {
  create: async () => {
    await dataSource.query('DELETE FROM candidate_record');
    return new PgvectorCandidateIndex({ session: dataSource });
  },
  dimensions: DEFAULT_CANDIDATE_DIMENSIONS,
});

describe('pgvector candidate index in the identity database', () => {
  const face = new Float32Array(DEFAULT_CANDIDATE_DIMENSIONS.face).fill(0.05);
  const record = { key: 'in-tx', face, fingers: [], blockingKeys: ['doc:TX1'] };

  beforeEach(async () => {
    await dataSource.query('DELETE FROM candidate_record');
  });

  it('writes inside the caller’s transaction: a rollback leaves nothing indexed', async () => {
    const index = new PgvectorCandidateIndex({ session: dataSource });
    await expect(
      dataSource.transaction(async (manager) => {
        await new PgvectorCandidateIndex({ session: manager }).upsert([record]);
        throw new Error('the consumer failed after indexing');
      }),
    ).rejects.toThrow('the consumer failed after indexing');
    expect(await index.size()).toBe(0);

    await dataSource.transaction(async (manager) => {
      await new PgvectorCandidateIndex({ session: manager }).upsert([record]);
    });
    expect(await index.size()).toBe(1);
  });

  it('migrates down and up again', async () => {
    await dataSource.undoLastMigration({ transaction: 'each' });
    const tables: unknown[] = await dataSource.query(
      "SELECT 1 FROM information_schema.tables WHERE table_name LIKE 'candidate\\_%'",
    );
    expect(tables).toHaveLength(0);
    await dataSource.runMigrations({ transaction: 'each' });
    await new PgvectorCandidateIndex({ session: dataSource }).upsert([record]);
  });

  it('creates nothing without pgvector, and the index then says what is missing', async () => {
    const bare = await createServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
    });
    await bare.initialize();
    try {
      await bare.runMigrations();
      await bare.query('DROP EXTENSION vector');
      const runner = bare.createQueryRunner();
      await new CreateCandidateIndex1764300000000().up(runner);
      await runner.release();
      await expect(new PgvectorCandidateIndex({ session: bare }).size()).rejects.toBeInstanceOf(
        CandidateIndexSchemaError,
      );
    } finally {
      await bare.destroy();
    }
  });
});
