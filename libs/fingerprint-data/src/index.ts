export { FingerprintEnrollmentEntity } from './fingerprint-enrollment.entity';
export {
  ENROLLMENT_REASONS,
  FACE_TEMPLATE_DIMENSIONS,
  FINGER_TEMPLATE_DIMENSIONS,
  FINGERPRINT_ENROLLMENT_EVENT,
  FINGERPRINT_ENROLLMENT_TOPIC,
  fingerprintEnrollmentEventSchema,
  fingerprintEnrollmentSchema,
  MISSING_FINGER_REASONS,
  type FingerprintEnrollmentInput,
} from './fingerprint-enrollment.schema';
export { FingerprintEnrollmentStore } from './fingerprint-enrollment.store';
export { FingerprintFingerEntity } from './fingerprint-finger.entity';
export { FingerprintMissingFingerEntity } from './fingerprint-missing-finger.entity';
export {
  fingerprintEntities,
  fingerprintMigrations,
  fingerprintService,
} from './fingerprint-service';
export { FingerprintRetention } from './retention/fingerprint-retention';
