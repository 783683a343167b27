import type { DatabaseConfig } from '@mosaic/config';
import { createServiceDataSource } from '..';
import {
  Column,
  Entity,
  PrimaryColumn,
  type DataSource,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';

@Entity({ name: 'contract_record' })
export class ContractRecord {
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  surname!: string;

  @Column('integer', { default: 0 })
  version!: number;
}

class CreateContractRecord1732600000001 implements MigrationInterface {
  name = 'CreateContractRecord1732600000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE contract_record (id text PRIMARY KEY, surname text NOT NULL, version integer NOT NULL DEFAULT 0)',
    );
    await q.query(
      'CREATE INDEX contract_record_surname_trgm ON contract_record USING gin (surname gin_trgm_ops)',
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE contract_record');
  }
}

export interface DatabaseContractTarget {
  /** Config for a fresh, empty database. */
  database: () => Promise<DatabaseConfig>;
  /** Whether pgvector must be present (always in embedded mode). */
  requiresVector: boolean;
}

/**
 * What every service relies on from its database, whichever mode runs it:
 * migrations up and down, pg_trgm, transactions that stay isolated under
 * concurrency, and affected-row counts.
 */
export function describeDatabaseContract(name: string, target: DatabaseContractTarget): void {
  describe(`service database contract: ${name}`, () => {
    let dataSource: DataSource;

    beforeAll(async () => {
      dataSource = await createServiceDataSource({
        database: await target.database(),
        entities: [ContractRecord],
        migrations: [CreateContractRecord1732600000001],
      });
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
    });

    afterAll(async () => {
      if (dataSource?.isInitialized) await dataSource.destroy();
    });

    beforeEach(async () => {
      await dataSource.query('DELETE FROM contract_record');
    });

    it('runs the platform and service migrations and records them', async () => {
      const applied: Array<{ name: string }> = await dataSource.query(
        'SELECT name FROM schema_migrations ORDER BY id',
      );
      expect(applied.map((m) => m.name)).toEqual([
        'PlatformExtensions1732600000000',
        'CreateContractRecord1732600000001',
      ]);
      expect(await dataSource.showMigrations()).toBe(false);
    });

    it('ranks transliteration variants with pg_trgm', async () => {
      const repo = dataSource.getRepository(ContractRecord);
      await repo.insert([
        { id: 'a', surname: 'Mohammed' },
        { id: 'b', surname: 'Muhammad' },
        { id: 'c', surname: 'Okonkwo' },
      ]);
      const rows: Array<{ id: string; score: number }> = await dataSource.query(
        'SELECT id, similarity(surname, $1) AS score FROM contract_record ORDER BY score DESC',
        ['Mohamed'],
      );
      expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
      expect(rows[1]!.score).toBeGreaterThan(rows[2]!.score);
    });

    (target.requiresVector ? it : it.skip)('orders by cosine distance with pgvector', async () => {
      const rows: Array<{ label: string }> = await dataSource.query(
        `SELECT label FROM (VALUES ('near', '[1,0.1,0]'::vector), ('far', '[0,0,1]'::vector)) AS t(label, v)
         ORDER BY v <=> $1::vector`,
        ['[1,0,0]'],
      );
      expect(rows.map((r) => r.label)).toEqual(['near', 'far']);
    });

    it('keeps concurrent transactions isolated: a rollback loses only its own writes', async () => {
      const failing = dataSource.transaction(async (em) => {
        await em.insert(ContractRecord, { id: 'rolled-back', surname: 'A' });
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('abort this one');
      });
      const succeeding = dataSource.transaction(async (em) => {
        await em.insert(ContractRecord, { id: 'committed', surname: 'B' });
        await new Promise((resolve) => setTimeout(resolve, 5));
        await em.insert(ContractRecord, { id: 'committed-2', surname: 'C' });
      });
      const [a, b] = await Promise.allSettled([failing, succeeding]);
      expect(a.status).toBe('rejected');
      expect(b.status).toBe('fulfilled');
      const ids = (
        await dataSource.getRepository(ContractRecord).find({ order: { id: 'ASC' } })
      ).map((r) => r.id);
      expect(ids).toEqual(['committed', 'committed-2']);
    });

    it('reports how many rows an update touched', async () => {
      const repo = dataSource.getRepository(ContractRecord);
      await repo.insert([
        { id: 'x', surname: 'Smith' },
        { id: 'y', surname: 'Smith' },
        { id: 'z', surname: 'Jones' },
      ]);
      const result = await repo.update({ surname: 'Smith' }, { version: 2 });
      expect(result.affected).toBe(2);
      const deleted = await repo.delete({ surname: 'Jones' });
      expect(deleted.affected).toBe(1);
    });

    it('reverts the last migration with its down step', async () => {
      await dataSource.undoLastMigration({ transaction: 'each' });
      const tables: unknown[] = await dataSource.query(
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'contract_record'",
      );
      expect(tables).toHaveLength(0);
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await dataSource.showMigrations()).toBe(false);
    });
  });
}
