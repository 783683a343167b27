import {
  AUDIT_ACCESS_TOPIC,
  AUDIT_HEAD_TOPIC,
  auditAccessEventSchema,
  auditHeadEventSchema,
} from '@mosaic/audit-data';
import { RETENTION_TOMBSTONE_TOPIC, retentionTombstoneEventSchema } from '@mosaic/retention';
import {
  fingerprintEnrollmentEventSchema,
  FINGERPRINT_ENROLLMENT_TOPIC,
} from '@mosaic/fingerprint-data';
import { IDENTITY_PERSON_TOPIC, identityPersonEventSchema } from '@mosaic/identity-data';
import {
  SEIZURE_CASE_TOPIC,
  SEIZURE_SUBJECT_TOPIC,
  seizureCaseEventSchema,
  seizureSubjectEventSchema,
} from '@mosaic/seizure-data';
import { travelEncounterEventSchema, TRAVEL_ENCOUNTER_TOPIC } from '@mosaic/travel-data';
import { z } from 'zod';

/** Every event contract, by topic: the zod schema its producer validates against. */
const EVENT_CONTRACTS: Readonly<Record<string, z.ZodType>> = {
  [TRAVEL_ENCOUNTER_TOPIC]: travelEncounterEventSchema,
  [FINGERPRINT_ENROLLMENT_TOPIC]: fingerprintEnrollmentEventSchema,
  [SEIZURE_CASE_TOPIC]: seizureCaseEventSchema,
  [SEIZURE_SUBJECT_TOPIC]: seizureSubjectEventSchema,
  [IDENTITY_PERSON_TOPIC]: identityPersonEventSchema,
  [AUDIT_ACCESS_TOPIC]: auditAccessEventSchema,
  [AUDIT_HEAD_TOPIC]: auditHeadEventSchema,
  [RETENTION_TOMBSTONE_TOPIC]: retentionTombstoneEventSchema,
};

/** The JSON Schema file for each topic, as committed under schema/events/. */
export function renderEventSchemas(): Map<string, string> {
  return new Map(
    Object.entries(EVENT_CONTRACTS).map(([topic, schema]) => {
      const json = z.toJSONSchema(schema, {
        target: 'draft-2020-12',
        io: 'input',
        unrepresentable: 'any',
      });
      const document = {
        $id: `https://mosaic.invalid/schema/events/${topic}.json`,
        title: topic,
        ...json,
      };
      return [`${topic}.json`, JSON.stringify(document, null, 2) + '\n'];
    }),
  );
}
