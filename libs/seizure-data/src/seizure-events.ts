import { timestamp } from '@mosaic/validation';
import { z } from 'zod';
import {
  agency,
  caseNumber,
  recordId,
  seizureEventSchema,
  seizureItemSchema,
  seizureSubjectSchema,
  SUBJECT_ROLES,
  type SeizureCaseInput,
} from './seizure-case.schema';

export const SEIZURE_CASE_TOPIC = 'seizure.case.v1';
export const SEIZURE_CASE_EVENT = 'seizure.case.recorded';
export const SEIZURE_SUBJECT_TOPIC = 'seizure.subject.v1';
export const SEIZURE_SUBJECT_EVENT = 'seizure.subject.recorded';

/**
 * The payload of `seizure.case.v1` (key: caseId): what happened and what was
 * seized, and who was involved in which role. Subjects' own data travels in
 * `seizure.subject.v1`; the free-text narrative stays in the source.
 */
export const seizureCaseEventSchema = z
  .object({
    caseId: recordId,
    caseNumber,
    agency,
    openedAt: timestamp,
    events: z.array(seizureEventSchema),
    items: z.array(seizureItemSchema),
    subjects: z
      .array(z.object({ subjectId: recordId, role: z.enum(SUBJECT_ROLES) }).strict())
      .min(1),
  })
  .strict();

/**
 * The payload of `seizure.subject.v1` (key: subjectId): one subject as
 * recorded, templates included — events stay inside Mosaic, where identity
 * needs them to match; GraphQL never exposes them. The case fields and the
 * co-subjects let link analysis and identity place the subject without
 * joining the case event.
 */
export const seizureSubjectEventSchema = seizureSubjectSchema.extend({
  caseId: recordId,
  caseNumber,
  openedAt: timestamp,
  coSubjectIds: z.array(recordId),
});

export type SeizureCaseEvent = z.output<typeof seizureCaseEventSchema>;
export type SeizureSubjectEvent = z.output<typeof seizureSubjectEventSchema>;

export function seizureCaseEvent(record: SeizureCaseInput): SeizureCaseEvent {
  return {
    caseId: record.recordId,
    caseNumber: record.caseNumber,
    agency: record.agency,
    openedAt: record.openedAt,
    events: record.events,
    items: record.items,
    subjects: record.subjects.map((s) => ({ subjectId: s.subjectId, role: s.role })),
  };
}

export function seizureSubjectEvents(record: SeizureCaseInput): SeizureSubjectEvent[] {
  return record.subjects.map((subject) => ({
    ...subject,
    caseId: record.recordId,
    caseNumber: record.caseNumber,
    openedAt: record.openedAt,
    coSubjectIds: record.subjects
      .filter((other) => other.subjectId !== subject.subjectId)
      .map((other) => other.subjectId),
  }));
}
