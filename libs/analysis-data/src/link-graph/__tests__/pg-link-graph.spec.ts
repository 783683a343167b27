import { createServiceDataSource } from '@mosaic/persistence';
import { analysisMigrations } from '../../analysis-data';
import { MembershipState1764500000100 } from '../../migrations/1764500000100-membership-state';
import { describeLinkGraphContract } from '../link-graph.contract';

// Embedded mode: the read model in an in-memory PGlite, migrated as the service migrates it.
describeLinkGraphContract('PGlite, embedded mode', {
  open: async () => {
    const db = await createServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      migrations: analysisMigrations,
    });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    return db;
  },
  close: async (db) => {
    if (db.isInitialized) await db.destroy();
  },
});

describe('membership state migration', () => {
  it('adds ACTIVE memberships by default, refuses unknown states, and reverts', async () => {
    const db = await createServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      migrations: analysisMigrations,
    });
    await db.initialize();
    try {
      await db.runMigrations({ transaction: 'each' });
      await db.query(
        `INSERT INTO analysis_membership (record_key, person_id, event_id)
         VALUES ('travel:T1', '00000000-0000-4000-8000-000000000001', '00000000-0000-7000-8000-000000000001')`,
      );
      expect(await db.query('SELECT state FROM analysis_membership')).toEqual([
        { state: 'ACTIVE' },
      ]);
      await expect(db.query(`UPDATE analysis_membership SET state = 'DISPUTED'`)).rejects.toThrow(
        /analysis_membership_state/,
      );
      const runner = db.createQueryRunner();
      try {
        await new MembershipState1764500000100().down(runner);
        const columns = async () =>
          (
            (await runner.query(
              `SELECT column_name FROM information_schema.columns
                WHERE table_name = 'analysis_membership' AND column_name = 'state'`,
            )) as unknown[]
          ).length;
        expect(await columns()).toBe(0);
        await new MembershipState1764500000100().up(runner);
        expect(await columns()).toBe(1);
      } finally {
        await runner.release();
      }
    } finally {
      await db.destroy();
    }
  });
});
