import { analysisEntities, analysisMigrations } from '@mosaic/analysis-data';
import { loadServiceConfig, z, type ServiceConfig, type ServiceDefinition } from '@mosaic/config';
import {
  fingerprintEntities,
  fingerprintMigrations,
  fingerprintService,
} from '@mosaic/fingerprint-data';
import { identityEntities, identityMigrations } from '@mosaic/identity-data';
import { openServiceDataSource } from '@mosaic/persistence';
import { seizureEntities, seizureMigrations, seizureService } from '@mosaic/seizure-data';
import { travelEntities, travelMigrations, travelService } from '@mosaic/travel-data';
import type { DataSource } from 'typeorm';
import { openOrRefuse } from '../locked-database';
import type { ReindexDatabases } from './reindex-read-model';

/**
 * The identity and analysis services' databases as the CLI finds them. Their
 * service definitions live in their apps, which the CLI may not import; only
 * what decides the database (the name) and the search index is restated here.
 */
const identityDatabase: ServiceDefinition = {
  name: 'identity',
  defaultPort: 4104,
  needs: { database: true, bus: false, search: false },
};

const analysisVariables = {
  MOSAIC_ANALYSIS_SEARCH_INDEX: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,100}$/, 'must be a lower-case search engine index name')
      .default('mosaic-persons'),
  ),
};

const analysisDatabase: ServiceDefinition<typeof analysisVariables> = {
  name: 'analysis',
  defaultPort: 4105,
  needs: { database: true, bus: false, search: true },
  extra: analysisVariables,
};

export type AnalysisReadModelConfig = ServiceConfig<{ MOSAIC_ANALYSIS_SEARCH_INDEX: string }>;

export interface OpenedReindexDatabases {
  databases: ReindexDatabases;
  analysisConfig: AnalysisReadModelConfig;
  close: () => Promise<void>;
}

/**
 * Opens every database `mosaic reindex` reads or writes, as their services
 * would (same config, same migrations). In embedded mode those are PGlite
 * folders, which only one process may hold: while a service runs, reindex is
 * refused with the lock's explanation (exit code 3) and opens nothing.
 */
export async function openReindexDatabases(
  env: Record<string, string | undefined> = process.env,
): Promise<OpenedReindexDatabases> {
  const analysisConfig = loadServiceConfig(analysisDatabase, env);
  const opened: DataSource[] = [];
  const open = async (
    service: ServiceDefinition<z.ZodRawShape>,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    entities: Function[],
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    migrations: Function[],
  ): Promise<DataSource> => {
    // The CLI checks no tokens: it only opens the service's database.
    const config =
      service === analysisDatabase
        ? analysisConfig
        : loadServiceConfig({ ...service, needs: { ...service.needs, auth: false } }, env);
    const database = config.database;
    if (!database) throw new Error(`${service.name} has no database`);
    const dataSource = await openOrRefuse(() =>
      openServiceDataSource({ database, entities, migrations, holder: 'mosaic reindex' }),
    );
    opened.push(dataSource);
    return dataSource;
  };
  const close = async () => {
    for (const d of opened.splice(0)) if (d.isInitialized) await d.destroy();
  };
  try {
    const databases: ReindexDatabases = {
      analysis: await open(analysisDatabase, analysisEntities, analysisMigrations),
      identity: await open(identityDatabase, identityEntities, identityMigrations),
      travel: await open(travelService, travelEntities, travelMigrations),
      seizure: await open(seizureService, seizureEntities, seizureMigrations),
      fingerprint: await open(fingerprintService, fingerprintEntities, fingerprintMigrations),
    };
    return { databases, analysisConfig, close };
  } catch (error) {
    await close();
    throw error;
  }
}
