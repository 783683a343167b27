import type { ResolutionRecord, Sex } from './record';

/** A date of birth as far as it was recorded. */
export type { DateParts } from '@mosaic/normalise';
import type { DateParts } from '@mosaic/normalise';

export interface NameFeatures {
  /** Folded tokens: upper-case ASCII letters, diacritics stripped, punctuation removed. */
  given: string[];
  surnames: string[];
  /** A phonetic code per token (same order as the tokens). */
  givenPhonetic: string[];
  surnamePhonetic: string[];
}

/**
 * One name field (the given names, or the surnames) prepared once in
 * `normaliseRecord` so that `compareFeatures`, which runs for every candidate
 * pair, only compares strings it already has.
 */
export interface NamePartFeatures {
  /** The same folded tokens as in NameFeatures. */
  tokens: string[];
  /** Double Metaphone primary and alternate code per token ('' when a token has none). */
  codes: string[];
  altCodes: string[];
  /** Tokens joined without separators: 'Min-jun', 'Min Jun' and 'Minjun' all give MINJUN. */
  joined: string;
  joinedCode: string;
  joinedAltCode: string;
  /** `joined` without a leading name particle (Al-, El, de, van …): what a dropped particle leaves. */
  core: string;
}

/** A record after normalisation: what comparisons and blocking work on. */
export interface RecordFeatures {
  record: ResolutionRecord;
  name: NameFeatures | null;
  /** Comparison-ready given names and surnames; null where the record has none. */
  nameParts: { given: NamePartFeatures | null; surname: NamePartFeatures | null };
  dob: DateParts | null;
  sex: Sex | null;
  nationality: string | null;
  /**
   * Document numbers folded to upper-case alphanumerics, with the issuing country
   * and the document type (upper case): numbers are compared only within one
   * country and type.
   */
  documents: { number: string; country: string; type: string }[];
  /** E.164 where the number can be read as one; digits otherwise. */
  phones: string[];
  /** Folded address strings. */
  addresses: string[];
  /** Exact-match keys for the candidate index (document number; phonetic name + birth year). */
  blockingKeys: string[];
}
