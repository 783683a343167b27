import { countryCode, quality, recordedDate, template, timestamp } from '@mosaic/validation';
import { z } from 'zod';

export const FINGER_TEMPLATE_DIMENSIONS = 256;
export const FACE_TEMPLATE_DIMENSIONS = 512;

export const ENROLLMENT_REASONS = [
  'BORDER_ENCOUNTER',
  'VISA_APPLICATION',
  'ARREST',
  'ASYLUM_CLAIM',
  'RESIDENCE_PERMIT',
] as const;
export const MISSING_FINGER_REASONS = ['AMPUTATED', 'BANDAGED', 'UNPRINTABLE'] as const;

const sourceId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'expected 1–64 letters, digits, . _ : -');

const name = z.string().trim().min(1, 'must not be empty').max(200);

/** ANSI/NIST-ITL finger position: 1 right thumb … 10 left little. */
const fingerPosition = z
  .number()
  .int('expected a finger position 1–10')
  .min(1, 'expected a finger position 1–10')
  .max(10, 'expected a finger position 1–10');

const fingerCapture = z
  .object({ position: fingerPosition, template: template(FINGER_TEMPLATE_DIMENSIONS), quality })
  .strict();

const missingFinger = z
  .object({ position: fingerPosition, reason: z.enum(MISSING_FINGER_REASONS) })
  .strict();

/** One fingerprint enrollment as the fingerprint source accepts it (an import line or the mutation's input). */
export const fingerprintEnrollmentSchema = z
  .object({
    recordId: sourceId,
    enrollmentId: sourceId,
    enrolledAt: timestamp,
    agency: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'expected an agency code such as BORDER_FORCE'),
    reason: z.enum(ENROLLMENT_REASONS),
    subject: z
      .object({
        givenNames: name.nullable(),
        surname: name.nullable(),
        dateOfBirth: recordedDate.nullable(),
        sex: z.enum(['M', 'F', 'X']).nullable(),
        nationality: countryCode.nullable(),
      })
      .strict(),
    fingers: z.array(fingerCapture).max(10, 'at most 10 fingers'),
    missingFingers: z.array(missingFinger).max(10, 'at most 10 missing fingers'),
    face: z
      .object({ template: template(FACE_TEMPLATE_DIMENSIONS), quality, capturedAt: timestamp })
      .strict()
      .nullable(),
  })
  .strict()
  .superRefine((record, ctx) => {
    // A finger is either captured or missing, once: a second entry would make
    // two templates (or a template and an excuse) claim the same finger.
    const seen = new Map<number, string>();
    const check = (list: 'fingers' | 'missingFingers', entries: readonly { position: number }[]) =>
      entries.forEach(({ position }, index) => {
        const first = seen.get(position);
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [list, index, 'position'],
            message: `finger position ${position} is already listed at ${first}`,
          });
        } else {
          seen.set(position, `${list}.${index}`);
        }
      });
    check('fingers', record.fingers);
    check('missingFingers', record.missingFingers);
  });

export type FingerprintEnrollmentInput = z.output<typeof fingerprintEnrollmentSchema>;

export const FINGERPRINT_ENROLLMENT_TOPIC = 'fingerprint.enrollment.v1';
export const FINGERPRINT_ENROLLMENT_EVENT = 'fingerprint.enrollment.recorded';

/**
 * The payload of `fingerprint.enrollment.v1`: the accepted record, finger and
 * face templates included — events stay inside Mosaic, where the identity
 * service needs the templates to match; GraphQL never exposes them.
 */
export const fingerprintEnrollmentEventSchema = fingerprintEnrollmentSchema;
