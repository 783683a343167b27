import { countryCode, quality, recordedDate, template, timestamp } from '@mosaic/validation';
import { z } from 'zod';

export const FACE_TEMPLATE_DIMENSIONS = 512;
export const FINGER_TEMPLATE_DIMENSIONS = 256;

export const SUBJECT_ROLES = ['SUSPECT', 'COURIER', 'DRIVER', 'ORGANIZER', 'ASSOCIATE'] as const;
export const SEIZURE_EVENT_TYPES = ['SEIZURE', 'APPREHENSION', 'INTERDICTION'] as const;
export const ITEM_CATEGORIES = [
  'NARCOTICS',
  'CURRENCY',
  'WEAPON',
  'FRAUDULENT_DOCUMENT',
  'WILDLIFE',
  'TOBACCO',
] as const;
export const DOCUMENT_TYPES = ['PASSPORT', 'NATIONAL_ID', 'RESIDENCE_PERMIT'] as const;

export const recordId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'expected 1–64 letters, digits, . _ : -');

const name = z.string().trim().min(1, 'must not be empty').max(200);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/**
 * Flags every element whose `key` repeats an earlier one, at that element's
 * path (`subjects.2.subjectId`), so the issue names the offending field.
 */
function uniqueBy<T>(key: keyof T & string) {
  return (items: readonly T[], ctx: z.RefinementCtx) => {
    const first = new Map<unknown, number>();
    items.forEach((item, index) => {
      const value = item[key];
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: [index, key],
          message: `duplicate ${key} ${String(value)} (same as item ${earlier})`,
        });
    });
  };
}

export const seizureDocumentSchema = z
  .object({
    type: z.enum(DOCUMENT_TYPES),
    number: z.string().trim().min(3).max(20),
    issuingCountry: countryCode,
  })
  .strict();

export const faceCaptureSchema = z
  .object({ template: template(FACE_TEMPLATE_DIMENSIONS), quality, capturedAt: timestamp })
  .strict();

export const fingerCaptureSchema = z
  .object({
    position: z.number().int().min(1, 'expected 1–10').max(10, 'expected 1–10'),
    template: template(FINGER_TEMPLATE_DIMENSIONS),
    quality,
  })
  .strict();

export const seizureSubjectSchema = z
  .object({
    subjectId: recordId,
    role: z.enum(SUBJECT_ROLES),
    givenNames: name.nullable(),
    surname: name.nullable(),
    dateOfBirth: recordedDate.nullable(),
    sex: z.enum(['M', 'F', 'X']).nullable(),
    nationality: countryCode.nullable(),
    identifiers: z
      .object({
        phones: z
          .array(
            z
              .string()
              .trim()
              .regex(/^\+?[0-9][0-9 ().-]{4,38}$/, 'expected a phone number'),
          )
          .max(20),
        addresses: z.array(text(300)).max(20),
        vehicles: z.array(text(20)).max(20),
        documents: z.array(seizureDocumentSchema).max(20),
      })
      .strict(),
    face: faceCaptureSchema.nullable(),
    /** null: no prints taken; an empty list: taken, none usable. */
    fingerprints: z.array(fingerCaptureSchema).max(10).superRefine(uniqueBy('position')).nullable(),
  })
  .strict();

export const seizureEventSchema = z
  .object({
    eventId: recordId,
    type: z.enum(SEIZURE_EVENT_TYPES),
    occurredAt: timestamp,
    port: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected a 3-letter IATA port code')
      .nullable(),
    location: text(300),
  })
  .strict();

export const seizureItemSchema = z
  .object({
    itemId: recordId,
    category: z.enum(ITEM_CATEGORIES),
    description: text(1_000),
    quantity: z.number().positive('must be greater than 0').max(1e12),
    unit: text(20),
  })
  .strict();

export const caseNumber = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9./_-]{0,63}$/, 'expected 1–64 letters, digits, . / _ -');
export const agency = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'expected an agency code such as CUSTOMS');

/** One seizure case as the seizure source accepts it (an import line or the mutation's input). */
export const seizureCaseSchema = z
  .object({
    recordId,
    caseNumber,
    agency,
    openedAt: timestamp,
    narrative: z.string().trim().max(10_000),
    events: z.array(seizureEventSchema).max(100).superRefine(uniqueBy('eventId')),
    subjects: z
      .array(seizureSubjectSchema)
      .min(1, 'a case has at least one subject')
      .max(100)
      .superRefine(uniqueBy('subjectId')),
    items: z.array(seizureItemSchema).max(500).superRefine(uniqueBy('itemId')),
  })
  .strict();

export type SeizureCaseInput = z.output<typeof seizureCaseSchema>;
export type SeizureSubjectInput = SeizureCaseInput['subjects'][number];
