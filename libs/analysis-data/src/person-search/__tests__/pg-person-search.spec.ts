import { createServiceDataSource } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import { analysisMigrations, describePersonSearchContract, PgPersonSearch } from '../..';

let dataSource: DataSource | undefined;

describePersonSearchContract('PostgreSQL pg_trgm on PGlite (embedded mode)', {
  open: async () => {
    dataSource = await createServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      migrations: analysisMigrations,
    });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    return dataSource;
  },
  index: async (db, options) => new PgPersonSearch({ session: db, ...options }),
  close: async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
  },
});
