import { loadServiceConfig, type ServiceConfig } from '@mosaic/config';
import { openServiceDataSource } from '@mosaic/persistence';
import type { DataSource } from 'typeorm';
import { openOrRefuse } from '../locked-database';
import type { ImportableSource } from './sources';

/**
 * Opens a source's own database as its service would (same config, same
 * migrations). In embedded mode that is its PGlite folder, which only one
 * process may hold: while the service runs, the command is refused with the
 * lock's explanation (exit code 3) instead of writing beside it.
 */
export async function openSourceDatabase(
  source: ImportableSource,
  env: Record<string, string | undefined> = process.env,
  command: 'import' | 'publish' = 'import',
): Promise<{ config: ServiceConfig<unknown>; dataSource: DataSource }> {
  // The CLI checks no tokens: it only opens the source's database.
  const config = loadServiceConfig(
    { ...source.service, needs: { ...source.service.needs, auth: false } },
    env,
  );
  const database = config.database;
  if (!database) throw new Error(`${source.service.name} has no database`);
  const dataSource = await openOrRefuse(() =>
    openServiceDataSource({
      database,
      entities: source.entities,
      migrations: source.migrations,
      holder: `mosaic ${command} --source ${source.service.name}`,
    }),
  );
  return { config, dataSource };
}
