import { loadServiceConfig, type ServiceConfig } from '@mosaic/config';
import { openServiceDataSource } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import type { ImportableSource } from './sources';

/**
 * Opens a source's own database as its service would (same config, same
 * migrations). In embedded mode that is its PGlite folder, which only one
 * process may hold: import while the service is stopped.
 */
export async function openSourceDatabase(
  source: ImportableSource,
  env: Record<string, string | undefined> = process.env,
): Promise<{ config: ServiceConfig<unknown>; dataSource: DataSource }> {
  const config = loadServiceConfig(source.service, env);
  if (!config.database) throw new Error(`${source.service.name} has no database`);
  const dataSource = await openServiceDataSource({
    database: config.database,
    entities: source.entities,
    migrations: source.migrations,
  });
  return { config, dataSource };
}
