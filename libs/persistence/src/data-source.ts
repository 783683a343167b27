import type { DatabaseConfig } from '@mosaic/config';
import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import { openEmbeddedDatabase } from './embedded-database';
import { PlatformExtensions1732600000000 } from './migrations/1732600000000-platform-extensions';
import { pgliteDriverModule } from './pglite-pool';

export interface ServiceDataSourceOptions {
  database: DatabaseConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
  logging?: boolean;
  /**
   * Embedded mode: what this process is, named to anyone refused the folder
   * while it holds it (`gateway service`, `mosaic import --source travel`).
   */
  holder?: string;
}

/** Migrations every service database runs before its own. */
export const platformMigrations = [PlatformExtensions1732600000000];

/**
 * Builds the TypeORM DataSource of one service database, the same code for both
 * run modes: a PGlite folder (embedded) or that service's PostgreSQL database
 * (infra). Schema changes only ever come from migrations.
 */
export async function createServiceDataSource(
  options: ServiceDataSourceOptions,
): Promise<DataSource> {
  const common = {
    type: 'postgres' as const,
    synchronize: false,
    migrationsRun: false,
    entities: options.entities ?? [],
    migrations: [...platformMigrations, ...(options.migrations ?? [])],
    migrationsTableName: 'schema_migrations',
    logging: options.logging ?? false,
  };
  let dataSourceOptions: DataSourceOptions;
  if (options.database.kind === 'pglite') {
    const pglite = await openEmbeddedDatabase(options.database.dataDir, {
      holder: options.holder,
    });
    dataSourceOptions = { ...common, driver: pgliteDriverModule, extra: { pglite } };
  } else {
    const url = new URL(options.database.url);
    url.pathname = `/${options.database.database}`;
    dataSourceOptions = { ...common, url: url.toString(), poolSize: 10 };
  }
  return new DataSource(dataSourceOptions);
}

/**
 * The service database ready to use: connected and migrated, as a service
 * opens it at boot and as the CLI opens a source's database.
 */
export async function openServiceDataSource(
  options: ServiceDataSourceOptions,
): Promise<DataSource> {
  const dataSource = await createServiceDataSource(options);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
