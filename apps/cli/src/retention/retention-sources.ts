import { loadServiceConfig, type EventBusConfig, type ServiceDefinition } from '@mosaic/config';
import {
  FingerprintRetention,
  fingerprintEntities,
  fingerprintMigrations,
  fingerprintService,
} from '@mosaic/fingerprint-data';
import { openServiceDataSource } from '@mosaic/persistence';
import type { RetentionSource, SourcePurgeOptions, SourcePurgeReport } from '@mosaic/retention';
import {
  SeizureRetention,
  seizureEntities,
  seizureMigrations,
  seizureService,
} from '@mosaic/seizure-data';
import {
  TravelRetention,
  travelEntities,
  travelMigrations,
  travelService,
} from '@mosaic/travel-data';
import type { DataSource } from 'typeorm';

/** What the purge needs of one source's retention (TravelRetention and its siblings). */
export interface SourceRetention {
  countExpired(
    options: Pick<SourcePurgeOptions, 'now' | 'retentionDays'>,
  ): Promise<SourcePurgeReport>;
  purgeExpired(options: SourcePurgeOptions): Promise<SourcePurgeReport>;
}

export interface OpenedSource {
  source: RetentionSource;
  dataSource: DataSource;
  bus: EventBusConfig | null;
  /** Embedded: a PGlite folder, which never vacuums on its own. */
  embedded: boolean;
  retention: SourceRetention;
}

interface SourceDefinition {
  service: ServiceDefinition;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  retention: (dataSource: DataSource) => SourceRetention;
}

const SOURCES: Readonly<Record<RetentionSource, SourceDefinition>> = {
  travel: {
    service: travelService,
    entities: travelEntities,
    migrations: travelMigrations,
    retention: (d) => new TravelRetention(d),
  },
  seizure: {
    service: seizureService,
    entities: seizureEntities,
    migrations: seizureMigrations,
    retention: (d) => new SeizureRetention(d),
  },
  fingerprint: {
    service: fingerprintService,
    entities: fingerprintEntities,
    migrations: fingerprintMigrations,
    retention: (d) => new FingerprintRetention(d),
  },
};

/**
 * Opens one source's own database as its service would (same config, same
 * migrations). In embedded mode that is its PGlite folder, which only one
 * process may hold: while the service runs, this source's purge fails with
 * the lock's explanation (EmbeddedDatabaseLockedError) and is audited as FAILED.
 */
export async function openRetentionSource(
  source: RetentionSource,
  env: Record<string, string | undefined>,
): Promise<OpenedSource> {
  const definition = SOURCES[source];
  // The purge needs the source's database and bus only, whatever else the service needs.
  const config = loadServiceConfig(
    { ...definition.service, needs: { database: true, bus: true, search: false } },
    env,
  );
  if (!config.database) throw new Error(`${source} has no database`);
  const database = config.database;
  const dataSource = await openServiceDataSource({
    database,
    entities: definition.entities,
    migrations: definition.migrations,
    holder: `mosaic retention purge (${source})`,
  });
  return {
    source,
    dataSource,
    bus: config.bus,
    embedded: config.database.kind === 'pglite',
    retention: definition.retention(dataSource),
  };
}
