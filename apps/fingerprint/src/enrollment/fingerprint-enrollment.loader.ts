import { loaderFor, type SubgraphContext } from '@mosaic/service-kit';
import DataLoader from 'dataloader';
import type { FingerprintCaptures, FingerprintEnrollment } from './fingerprint-enrollment.model';
import type { FingerprintEnrollmentService } from './fingerprint-enrollment.service';

/**
 * The request's batched enrollment lookup: every id asked for in one tick
 * (a whole `_entities` call) becomes ONE query on fingerprint_enrollment.
 */
export function fingerprintEnrollmentLoader(
  context: SubgraphContext,
  service: FingerprintEnrollmentService,
): DataLoader<string, FingerprintEnrollment | null> {
  return loaderFor(
    context,
    'fingerprintEnrollment',
    () => new DataLoader((ids: readonly string[]) => service.findByIds(ids)),
  );
}

/**
 * The request's batched finger lookup, keyed by enrollment id: the
 * `fingers` and `missingFingers` of every enrollment in the batch come from
 * at most ONE more query (none when the operation asks for neither).
 */
export function fingerprintCapturesLoader(
  context: SubgraphContext,
  service: FingerprintEnrollmentService,
): DataLoader<string, FingerprintCaptures> {
  return loaderFor(
    context,
    'fingerprintCaptures',
    () => new DataLoader((enrollmentIds: readonly string[]) => service.capturesFor(enrollmentIds)),
  );
}
