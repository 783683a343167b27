import type { ServiceDefinition } from '@mosaic/config';
import type { RecordSink } from '@mosaic/ingest';
import {
  FingerprintEnrollmentStore,
  fingerprintEnrollmentSchema,
  fingerprintEntities,
  fingerprintMigrations,
  fingerprintService,
} from '@mosaic/fingerprint-data';
import {
  SeizureCaseStore,
  seizureCaseSchema,
  seizureEntities,
  seizureMigrations,
  seizureService,
} from '@mosaic/seizure-data';
import {
  TravelEncounterStore,
  travelEncounterSchema,
  travelEntities,
  travelMigrations,
  travelService,
} from '@mosaic/travel-data';
import { validateRecord, type Validated } from '@mosaic/validation';

/** What `mosaic import` and `mosaic publish` need to know about one source. */
export interface ImportableSource {
  service: ServiceDefinition;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  validate: (value: unknown) => Validated<unknown>;
  sink: () => RecordSink<unknown>;
}

export const SOURCES: Readonly<Record<string, ImportableSource>> = {
  travel: {
    service: travelService,
    entities: travelEntities,
    migrations: travelMigrations,
    validate: (value) => validateRecord(travelEncounterSchema, value),
    sink: () => new TravelEncounterStore() as RecordSink<unknown>,
  },
  seizure: {
    service: seizureService,
    entities: seizureEntities,
    migrations: seizureMigrations,
    validate: (value) => validateRecord(seizureCaseSchema, value),
    sink: () => new SeizureCaseStore() as RecordSink<unknown>,
  },
  fingerprint: {
    service: fingerprintService,
    entities: fingerprintEntities,
    migrations: fingerprintMigrations,
    validate: (value) => validateRecord(fingerprintEnrollmentSchema, value),
    sink: () => new FingerprintEnrollmentStore() as RecordSink<unknown>,
  },
};
