import { countryCode, quality, recordedDate, template, timestamp } from '@mosaic/validation';
import { z } from 'zod';

export const FACE_TEMPLATE_DIMENSIONS = 512;

const name = z.string().trim().min(1, 'must not be empty').max(200);

/** One traveler encounter as the travel source accepts it (an import line or the mutation's input). */
export const travelEncounterSchema = z
  .object({
    recordId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'expected 1–64 letters, digits, . _ : -'),
    encounteredAt: timestamp,
    port: z.string().regex(/^[A-Z]{3}$/, 'expected a 3-letter IATA port code'),
    direction: z.enum(['ARRIVAL', 'DEPARTURE']),
    carrier: z.string().regex(/^[A-Z0-9]{2}$/, 'expected a 2-character carrier code'),
    flight: z
      .string()
      .regex(/^[A-Z0-9]{2}\d{1,4}[A-Z]?$/, 'expected a flight number such as MZ123'),
    document: z
      .object({
        type: z.enum(['PASSPORT', 'NATIONAL_ID', 'RESIDENCE_PERMIT']),
        number: z.string().trim().min(3).max(20),
        issuingCountry: countryCode,
      })
      .strict()
      .nullable(),
    traveler: z
      .object({
        givenNames: name.nullable(),
        surname: name.nullable(),
        dateOfBirth: recordedDate.nullable(),
        sex: z.enum(['M', 'F', 'X']).nullable(),
        nationality: countryCode.nullable(),
      })
      .strict(),
    contact: z
      .object({ phone: z.string().max(40).nullable(), address: z.string().max(300).nullable() })
      .strict()
      .nullable(),
    face: z
      .object({ template: template(FACE_TEMPLATE_DIMENSIONS), quality, capturedAt: timestamp })
      .strict()
      .nullable(),
  })
  .strict();

export type TravelEncounterInput = z.output<typeof travelEncounterSchema>;

export const TRAVEL_ENCOUNTER_TOPIC = 'travel.encounter.v1';
export const TRAVEL_ENCOUNTER_EVENT = 'travel.encounter.recorded';

/**
 * The payload of `travel.encounter.v1`: the accepted record, template
 * included — events stay inside Mosaic, where the identity service needs the
 * template to match; GraphQL never exposes it.
 */
export const travelEncounterEventSchema = travelEncounterSchema;
