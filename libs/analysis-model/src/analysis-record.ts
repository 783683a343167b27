import {
  foldAddress,
  foldDocumentNumber,
  foldText,
  nameTokens,
  normalisePhone,
  phoneticCodes,
} from '@mosaic/normalise';

/**
 * What the analysis read models keep of one source record: who it names, the
 * identifiers it carries (the raw material of shared-identifier edges) and the
 * context that ties records together (a seizure case, a flight, a port and a
 * time). Built from the source events; templates are never kept.
 */
export type AnalysisSource = 'travel' | 'seizure' | 'fingerprint';
export type IdentifierKind = 'PHONE' | 'ADDRESS' | 'VEHICLE' | 'DOCUMENT';

export interface AnalysisIdentifier {
  kind: IdentifierKind;
  /** Normalised: the value two records must share to be linked through it. */
  value: string;
  /** As recorded (for display as evidence). */
  display: string;
}

export interface AnalysisRecord {
  /** `<source>:<recordId>`. */
  key: string;
  source: AnalysisSource;
  recordId: string;
  /** When the source observed the person (encounter, case opening, enrollment). */
  observedAt: string;
  givenNames: string | null;
  surname: string | null;
  /** As recorded: YYYY-MM-DD, YYYY-MM or YYYY. */
  dateOfBirth: string | null;
  sex: string | null;
  nationality: string | null;
  /** Folded name tokens (diacritics stripped, upper case), given names first. */
  nameTokens: string[];
  /** Double Metaphone codes of the name tokens: transliteration variants meet here. */
  phoneticKeys: string[];
  identifiers: AnalysisIdentifier[];
  /** Seizure: the case that recorded this subject, and the subject's role. */
  caseId: string | null;
  caseNumber: string | null;
  role: string | null;
  /** Travel: the leg. */
  carrier: string | null;
  flight: string | null;
  port: string | null;
  direction: string | null;
}

export class AnalysisRecordError extends Error {
  readonly code = 'UNSUPPORTED_SOURCE_EVENT';
  constructor(topic: string) {
    super(`No analysis mapping for topic ${topic}`);
    this.name = 'AnalysisRecordError';
  }
}

export const ANALYSIS_SOURCE_TOPICS = {
  travel: 'travel.encounter.v1',
  seizure: 'seizure.subject.v1',
  fingerprint: 'fingerprint.enrollment.v1',
} as const;

interface Recorded {
  givenNames: string | null;
  surname: string | null;
  dateOfBirth: string | null;
  sex: string | null;
  nationality: string | null;
}
interface Document {
  type: string;
  number: string;
  issuingCountry: string;
}

/** `TYPE:COUNTRY:NUMBER` with the number folded: one passport, one value. */
export function documentValue(d: Document): string {
  return `${foldText(d.type)}:${foldText(d.issuingCountry)}:${foldDocumentNumber(d.number)}`;
}

export function normaliseIdentifier(kind: IdentifierKind, raw: string): string | null {
  switch (kind) {
    case 'PHONE':
      return normalisePhone(raw);
    case 'ADDRESS':
      return foldAddress(raw);
    case 'VEHICLE': {
      const v = foldDocumentNumber(raw);
      return v === '' ? null : v;
    }
    case 'DOCUMENT': {
      const v = foldDocumentNumber(raw);
      return v === '' ? null : v;
    }
  }
}

function identifiers(
  phones: readonly string[],
  addresses: readonly string[],
  vehicles: readonly string[],
  documents: readonly Document[],
): AnalysisIdentifier[] {
  const out = new Map<string, AnalysisIdentifier>();
  const add = (kind: IdentifierKind, display: string, value: string | null) => {
    if (value !== null && value !== '') out.set(`${kind}|${value}`, { kind, value, display });
  };
  for (const p of phones) add('PHONE', p, normaliseIdentifier('PHONE', p));
  for (const a of addresses) add('ADDRESS', a, normaliseIdentifier('ADDRESS', a));
  for (const v of vehicles) add('VEHICLE', v, normaliseIdentifier('VEHICLE', v));
  for (const d of documents) {
    add('DOCUMENT', `${d.type} ${d.number} ${d.issuingCountry}`, documentValue(d));
  }
  return [...out.values()];
}

function names(p: Recorded): Pick<AnalysisRecord, 'nameTokens' | 'phoneticKeys'> {
  const tokens = [...nameTokens(p.givenNames), ...nameTokens(p.surname)];
  return { nameTokens: tokens, phoneticKeys: [...new Set(tokens.flatMap(phoneticCodes))] };
}

const person = (p: Recorded) => ({
  givenNames: p.givenNames,
  surname: p.surname,
  dateOfBirth: p.dateOfBirth,
  sex: p.sex,
  nationality: p.nationality,
  ...names(p),
});

const none = {
  caseId: null,
  caseNumber: null,
  role: null,
  carrier: null,
  flight: null,
  port: null,
  direction: null,
};

/** A source event's payload (validated against schema/events/<topic>.json before) as an analysis record. */
export function analysisRecordFromEvent(topic: string, payload: unknown): AnalysisRecord {
  switch (topic) {
    case ANALYSIS_SOURCE_TOPICS.travel: {
      const p = payload as {
        recordId: string;
        encounteredAt: string;
        port: string;
        direction: string;
        carrier: string;
        flight: string;
        document: Document | null;
        traveler: Recorded;
        contact: { phone: string | null; address: string | null } | null;
      };
      return {
        key: `travel:${p.recordId}`,
        source: 'travel',
        recordId: p.recordId,
        observedAt: p.encounteredAt,
        ...person(p.traveler),
        identifiers: identifiers(
          p.contact?.phone ? [p.contact.phone] : [],
          p.contact?.address ? [p.contact.address] : [],
          [],
          p.document ? [p.document] : [],
        ),
        ...none,
        carrier: p.carrier,
        flight: p.flight,
        port: p.port,
        direction: p.direction,
      };
    }
    case ANALYSIS_SOURCE_TOPICS.seizure: {
      const p = payload as Recorded & {
        subjectId: string;
        role: string;
        caseId: string;
        caseNumber: string;
        openedAt: string;
        identifiers: {
          phones: string[];
          addresses: string[];
          vehicles: string[];
          documents: Document[];
        };
      };
      return {
        key: `seizure:${p.subjectId}`,
        source: 'seizure',
        recordId: p.subjectId,
        observedAt: p.openedAt,
        ...person(p),
        identifiers: identifiers(
          p.identifiers.phones,
          p.identifiers.addresses,
          p.identifiers.vehicles,
          p.identifiers.documents,
        ),
        ...none,
        caseId: p.caseId,
        caseNumber: p.caseNumber,
        role: p.role,
      };
    }
    case ANALYSIS_SOURCE_TOPICS.fingerprint: {
      const p = payload as { recordId: string; enrolledAt: string; subject: Recorded };
      return {
        key: `fingerprint:${p.recordId}`,
        source: 'fingerprint',
        recordId: p.recordId,
        observedAt: p.enrolledAt,
        ...person(p.subject),
        identifiers: [],
        ...none,
      };
    }
    default:
      throw new AnalysisRecordError(topic);
  }
}
