import type { ServiceDefinition } from '@mosaic/config';
import { CreateQuarantine1764200000001, QuarantinedRecord } from '@mosaic/ingest';
import { CreateOutbox1764200000000, OutboxMessage } from '@mosaic/outbox';
import { FingerprintEnrollmentEntity } from './fingerprint-enrollment.entity';
import { FingerprintFingerEntity } from './fingerprint-finger.entity';
import { FingerprintMissingFingerEntity } from './fingerprint-missing-finger.entity';
import { CreateFingerprintEnrollment1764200000300 } from './migrations/1764200000300-create-fingerprint-enrollment';

/** Fingerprint enrollments: the fingerprint source. Shared by the service and the CLI. */
export const fingerprintService: ServiceDefinition = {
  name: 'fingerprint',
  defaultPort: 4103,
  needs: { database: true, bus: true, search: false, auth: true },
};

export const fingerprintEntities = [
  FingerprintEnrollmentEntity,
  FingerprintFingerEntity,
  FingerprintMissingFingerEntity,
  OutboxMessage,
  QuarantinedRecord,
];
export const fingerprintMigrations = [
  CreateOutbox1764200000000,
  CreateQuarantine1764200000001,
  CreateFingerprintEnrollment1764200000300,
];
