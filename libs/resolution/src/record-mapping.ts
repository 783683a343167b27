import { decodeTemplate } from '@mosaic/validation';
import { recordKey, type FingerSample, type ResolutionRecord, type Sex } from './record';

/**
 * Source events → resolution records. The payloads have been validated
 * against schema/events/<topic>.json before they get here; this only reshapes
 * them and decodes the templates.
 */

interface Recorded {
  givenNames: string | null;
  surname: string | null;
  dateOfBirth: string | null;
  sex: Sex | null;
  nationality: string | null;
}
interface Document {
  type: string;
  number: string;
  issuingCountry: string;
}
interface Face {
  template: string;
  quality: number;
}
interface Finger {
  position: number;
  template: string;
  quality: number;
}

export interface TravelEncounterPayload {
  recordId: string;
  encounteredAt: string;
  document: Document | null;
  traveler: Recorded;
  contact: { phone: string | null; address: string | null } | null;
  face: Face | null;
}

export interface SeizureSubjectPayload extends Recorded {
  subjectId: string;
  openedAt: string;
  identifiers: { phones: string[]; addresses: string[]; vehicles: string[]; documents: Document[] };
  face: Face | null;
  fingerprints: Finger[] | null;
}

export interface FingerprintEnrollmentPayload {
  recordId: string;
  enrolledAt: string;
  subject: Recorded;
  fingers: Finger[];
  face: Face | null;
}

export const SOURCE_TOPICS = {
  travel: 'travel.encounter.v1',
  seizure: 'seizure.subject.v1',
  fingerprint: 'fingerprint.enrollment.v1',
} as const;

export class UnsupportedTopicError extends Error {
  readonly code = 'UNSUPPORTED_TOPIC';
  constructor(topic: string) {
    super(`No resolution mapping for topic ${topic}`);
    this.name = 'UnsupportedTopicError';
  }
}

const face = (f: Face | null) =>
  f ? { template: decodeTemplate(f.template), quality: f.quality } : null;

const fingers = (list: Finger[] | null): FingerSample[] =>
  (list ?? []).map((f) => ({
    position: f.position,
    template: decodeTemplate(f.template),
    quality: f.quality,
  }));

const person = (p: Recorded) => ({
  givenNames: p.givenNames,
  surname: p.surname,
  dateOfBirth: p.dateOfBirth,
  sex: p.sex,
  nationality: p.nationality,
});

export function recordFromTravelEncounter(p: TravelEncounterPayload): ResolutionRecord {
  return {
    key: recordKey('travel', p.recordId),
    source: 'travel',
    recordId: p.recordId,
    observedAt: p.encounteredAt,
    ...person(p.traveler),
    documents: p.document ? [p.document] : [],
    phones: p.contact?.phone ? [p.contact.phone] : [],
    addresses: p.contact?.address ? [p.contact.address] : [],
    vehicles: [],
    face: face(p.face),
    fingers: [],
  };
}

export function recordFromSeizureSubject(p: SeizureSubjectPayload): ResolutionRecord {
  return {
    key: recordKey('seizure', p.subjectId),
    source: 'seizure',
    recordId: p.subjectId,
    observedAt: p.openedAt,
    ...person(p),
    documents: p.identifiers.documents,
    phones: p.identifiers.phones,
    addresses: p.identifiers.addresses,
    vehicles: p.identifiers.vehicles,
    face: face(p.face),
    fingers: fingers(p.fingerprints),
  };
}

export function recordFromFingerprintEnrollment(p: FingerprintEnrollmentPayload): ResolutionRecord {
  return {
    key: recordKey('fingerprint', p.recordId),
    source: 'fingerprint',
    recordId: p.recordId,
    observedAt: p.enrolledAt,
    ...person(p.subject),
    documents: [],
    phones: [],
    addresses: [],
    vehicles: [],
    face: face(p.face),
    fingers: fingers(p.fingers),
  };
}

export function recordFromEvent(topic: string, payload: unknown): ResolutionRecord {
  switch (topic) {
    case SOURCE_TOPICS.travel:
      return recordFromTravelEncounter(payload as TravelEncounterPayload);
    case SOURCE_TOPICS.seizure:
      return recordFromSeizureSubject(payload as SeizureSubjectPayload);
    case SOURCE_TOPICS.fingerprint:
      return recordFromFingerprintEnrollment(payload as FingerprintEnrollmentPayload);
    default:
      throw new UnsupportedTopicError(topic);
  }
}
