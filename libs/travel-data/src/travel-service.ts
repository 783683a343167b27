import type { ServiceDefinition } from '@mosaic/config';
import { CreateQuarantine1764200000001, QuarantinedRecord } from '@mosaic/ingest';
import { CreateOutbox1764200000000, OutboxMessage } from '@mosaic/outbox';
import { CreateTravelEncounter1764200000100 } from './migrations/1764200000100-create-travel-encounter';
import { TravelEncounterEntity } from './travel-encounter.entity';

/** Traveler photo encounters at ports: the travel source. Shared by the service and the CLI. */
export const travelService: ServiceDefinition = {
  name: 'travel',
  defaultPort: 4101,
  needs: { database: true, bus: true, search: false, auth: true },
};

export const travelEntities = [TravelEncounterEntity, OutboxMessage, QuarantinedRecord];
export const travelMigrations = [
  CreateOutbox1764200000000,
  CreateQuarantine1764200000001,
  CreateTravelEncounter1764200000100,
];
