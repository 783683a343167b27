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
  // The CLI checks no tokens: it only opens the source's database.
  const config = loadServiceConfig(
    { ...source.service, needs: { ...source.service.needs, auth: false } },
    env,
  );
  if (!config.database) throw new Error(`${source.service.name} has no database`);
  const dataSource = await openServiceDataSource({
    database: config.database,
    entities: source.entities,
    migrations: source.migrations,
  });
  return { config, dataSource };
}
