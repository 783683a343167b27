import { AgreementLevel, DobLevel, FieldIndex, NameLevel } from '../compare';
import type { ComparisonVector } from '../comparison';
import type { RecordFeatures } from '../features';

/**
 * The evidence profile of a pair with no biometric comparison whose records
 * carry the same travel document (ADR 0014). It may auto-link only when a
 * threshold set carries a measurement that allows it.
 */
export const DOCUMENT_ANCHOR_PROFILE = 'document';

/** The flag a pair's evidence carries when it is document-anchored. */
export const DOCUMENT_ANCHOR_FLAG = 'DOCUMENT_ANCHOR';

/** Default lower bound the anchor's measured precision must reach (issue 18). */
export const DOCUMENT_ANCHOR_MIN_PRECISION = 0.9995;

/**
 * The same document number, issued by the same (recorded) country, of the
 * same type where both say: one document, not a number that happens to
 * recur. A number one edit away (ONE_EDIT) is a typo or a sibling's passport
 * from the same series, and does not count.
 */
export function sameTravelDocument(a: RecordFeatures, b: RecordFeatures): boolean {
  for (const da of a.documents) {
    if (da.country === '' || da.number === '') continue;
    for (const db of b.documents) {
      if (da.number !== db.number || da.country !== db.country) continue;
      if (da.type !== '' && db.type !== '' && da.type !== db.type) continue;
      return true;
    }
  }
  return false;
}

const nameAgrees = (level: number) => level >= 0 && level <= NameLevel.JW_HIGH;

/**
 * A document anchor: the same travel document, given name and surname that
 * agree (exact, subset, phonetic or Jaro–Winkler ≥ 0.94), the same full date
 * of birth, and sex that does not disagree. A twin or a son shares a surname
 * and perhaps an address, but not a passport number together with a given
 * name and a birth date; a recycled or mistyped number comes with another
 * person's name or is one edit away.
 */
export function isDocumentAnchor(
  vector: ComparisonVector,
  a: RecordFeatures,
  b: RecordFeatures,
): boolean {
  return (
    nameAgrees(vector.levels[FieldIndex.given] as number) &&
    nameAgrees(vector.levels[FieldIndex.surname] as number) &&
    vector.levels[FieldIndex.dob] === DobLevel.EXACT &&
    vector.levels[FieldIndex.sex] !== AgreementLevel.DIFFERENT &&
    sameTravelDocument(a, b)
  );
}
