import type { ServiceDefinition } from '@mosaic/config';
import { CreateQuarantine1764200000001, QuarantinedRecord } from '@mosaic/ingest';
import { CreateOutbox1764200000000, OutboxMessage } from '@mosaic/outbox';
import { CreateSeizureCase1764200000200 } from './migrations/1764200000200-create-seizure-case';
import { SeizureCaseEntity, SeizureEventEntity, SeizureItemEntity } from './seizure-case.entity';
import {
  SeizureSubjectEntity,
  SeizureSubjectFingerEntity,
  SeizureSubjectIdentifierEntity,
} from './seizure-subject.entity';

/** Seizure and apprehension cases: the seizure source. Shared by the service and the CLI. */
export const seizureService: ServiceDefinition = {
  name: 'seizure',
  defaultPort: 4102,
  needs: { database: true, bus: true, search: false, auth: true },
};

export const seizureEntities = [
  SeizureCaseEntity,
  SeizureEventEntity,
  SeizureItemEntity,
  SeizureSubjectEntity,
  SeizureSubjectIdentifierEntity,
  SeizureSubjectFingerEntity,
  OutboxMessage,
  QuarantinedRecord,
];
export const seizureMigrations = [
  CreateOutbox1764200000000,
  CreateQuarantine1764200000001,
  CreateSeizureCase1764200000200,
];
