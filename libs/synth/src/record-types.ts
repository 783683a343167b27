/**
 * The shapes of the generated source files (one JSON object per NDJSON line).
 * They are what `mosaic import` reads; ground truth is never part of them.
 */
import type { RegionGroup } from './names/name-types';

export type Sex = 'M' | 'F' | 'X';
export type SourceName = 'travel' | 'seizure' | 'fingerprint';

/** Biographic data as a clerk or a document reader recorded it: any field may be missing or wrong. */
export interface RecordedPerson {
  givenNames: string | null;
  surname: string | null;
  /** `YYYY-MM-DD`, or partial `YYYY-MM` / `YYYY`, as recorded (day and month may be swapped). */
  dateOfBirth: string | null;
  sex: Sex | null;
  /** ISO 3166-1 alpha-3. */
  nationality: string | null;
}

export type DocumentType = 'PASSPORT' | 'NATIONAL_ID' | 'RESIDENCE_PERMIT';

export interface DocumentRef {
  type: DocumentType;
  number: string;
  issuingCountry: string;
}

/** A face capture: 512 float32 values, little-endian, base64; unit norm. */
export interface FaceCapture {
  template: string;
  quality: number;
  capturedAt: string;
}

/** ANSI/NIST-ITL finger positions 1–10 (1 right thumb … 10 left little). */
export type FingerPosition = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** A finger capture: 256 float32 values, little-endian, base64; unit norm. */
export interface FingerCapture {
  position: FingerPosition;
  template: string;
  quality: number;
}

export type Direction = 'ARRIVAL' | 'DEPARTURE';

export interface TravelEncounterRecord {
  recordId: string;
  encounteredAt: string;
  port: string;
  direction: Direction;
  carrier: string;
  flight: string;
  document: DocumentRef | null;
  traveler: RecordedPerson;
  /** Booking contact data, when the carrier supplied it. */
  contact: { phone: string | null; address: string | null } | null;
  face: FaceCapture | null;
}

export type SubjectRole = 'SUSPECT' | 'COURIER' | 'DRIVER' | 'ORGANIZER' | 'ASSOCIATE';
export type SeizureEventType = 'SEIZURE' | 'APPREHENSION' | 'INTERDICTION';
export type ItemCategory =
  'NARCOTICS' | 'CURRENCY' | 'WEAPON' | 'FRAUDULENT_DOCUMENT' | 'WILDLIFE' | 'TOBACCO';

export interface SeizureSubject extends RecordedPerson {
  subjectId: string;
  role: SubjectRole;
  identifiers: {
    phones: string[];
    addresses: string[];
    vehicles: string[];
    documents: DocumentRef[];
  };
  face: FaceCapture | null;
  fingerprints: FingerCapture[] | null;
}

export interface SeizureCaseRecord {
  recordId: string;
  caseNumber: string;
  agency: string;
  openedAt: string;
  narrative: string;
  events: {
    eventId: string;
    type: SeizureEventType;
    occurredAt: string;
    port: string | null;
    location: string;
  }[];
  subjects: SeizureSubject[];
  items: {
    itemId: string;
    category: ItemCategory;
    description: string;
    quantity: number;
    unit: string;
  }[];
}

export type EnrollmentReason =
  'BORDER_ENCOUNTER' | 'VISA_APPLICATION' | 'ARREST' | 'ASYLUM_CLAIM' | 'RESIDENCE_PERMIT';
export type MissingFingerReason = 'AMPUTATED' | 'BANDAGED' | 'UNPRINTABLE';

export interface FingerprintEnrollmentRecord {
  recordId: string;
  enrollmentId: string;
  enrolledAt: string;
  agency: string;
  reason: EnrollmentReason;
  subject: RecordedPerson;
  fingers: FingerCapture[];
  missingFingers: { position: FingerPosition; reason: MissingFingerReason }[];
  face: FaceCapture | null;
}

// ---- ground truth (written to truth/, never imported) ----

/** What was done to a record's biographic data on its way from the true person. */
export type Distortion =
  | 'GIVEN_NAME_VARIANT'
  | 'SURNAME_VARIANT'
  | 'NAME_TYPO'
  | 'NICKNAME'
  | 'DIACRITICS_STRIPPED'
  | 'MIDDLE_NAME_DROPPED'
  | 'NAME_ORDER_SWAPPED'
  | 'SECOND_SURNAME_DROPPED'
  | 'ALIAS'
  | 'DOB_PARTIAL'
  | 'DOB_DAY_MONTH_SWAPPED'
  | 'DOB_MISSING'
  | 'DOCUMENT_MISTYPED'
  | 'DOCUMENT_RECYCLED';

export interface TruthPerson {
  personId: string;
  group: RegionGroup;
  sex: Sex;
  dateOfBirth: string;
  nationalities: string[];
  givenName: string;
  middleName: string | null;
  surnames: string[];
  /** Persons whose face latent was made close to this one's, and how. */
  biometricLookalikes: { personId: string; kind: 'TWIN' | 'LOOKALIKE' }[];
}

export interface TruthRecord {
  source: SourceName;
  /** The record that stands for one person: the encounter, the seizure subject, the enrollment. */
  recordId: string;
  /** For seizure subjects, the case (file-level record) that holds them. */
  containerId: string | null;
  personId: string;
  distortions: Distortion[];
}

export type RelationshipType = 'FAMILY' | 'ASSOCIATES' | 'CRIMINAL_NETWORK';

export interface TruthRelationship {
  kind: 'RELATIONSHIP';
  relationshipId: string;
  type: RelationshipType;
  members: string[];
  /** For networks: members that also belong to another network (bridges), and the hub. */
  bridges?: string[];
  hub?: string;
  /** Identifiers the members share (phones, addresses, vehicles, documents). */
  sharedIdentifiers: { type: 'PHONE' | 'ADDRESS' | 'VEHICLE' | 'DOCUMENT'; value: string }[];
}

/** An identifier many unrelated people record (hotel address, call-centre phone): not a tie. */
export interface TruthCoincidence {
  kind: 'COINCIDENCE';
  identifierType: 'PHONE' | 'ADDRESS';
  value: string;
  personIds: string[];
  note: string;
}
