/**
 * The record the resolver works on: one observation of one person, taken from a
 * source event (a travel encounter, a seizure subject, a fingerprint enrollment).
 * Everything here is as recorded; normalisation happens in `normaliseRecord`.
 */
export type SourceName = 'travel' | 'seizure' | 'fingerprint' | 'tabular';
export type Modality = 'FACE' | 'FINGER';
export type Sex = 'M' | 'F' | 'X';

export interface BiometricSample {
  /** Unit-norm float32 template. */
  template: Float32Array;
  /** Capture quality in [0, 1]. */
  quality: number;
}

export interface FingerSample extends BiometricSample {
  /** ANSI/NIST-ITL finger position 1–10. */
  position: number;
}

export interface RecordedDocument {
  type: string;
  number: string;
  issuingCountry: string;
}

export interface ResolutionRecord {
  /** `<source>:<recordId>`: unique across sources. */
  key: string;
  source: SourceName;
  recordId: string;
  /** When the source observed the person (encounter, case opening, enrollment). */
  observedAt: string;
  givenNames: string | null;
  surname: string | null;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as recorded (day and month may be swapped). */
  dateOfBirth: string | null;
  sex: Sex | null;
  /** ISO 3166-1 alpha-3. */
  nationality: string | null;
  documents: RecordedDocument[];
  phones: string[];
  addresses: string[];
  vehicles: string[];
  face: BiometricSample | null;
  fingers: FingerSample[];
}

export const recordKey = (source: SourceName, recordId: string): string => `${source}:${recordId}`;
