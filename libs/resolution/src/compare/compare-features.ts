import type { ComparisonVector } from '../comparison';
import type { DateParts, NamePartFeatures, RecordFeatures } from '../features';
import {
  AgreementLevel,
  createComparisonVector,
  DobLevel,
  DocumentLevel,
  FieldIndex,
  NameLevel,
  SharedLevel,
} from './comparison-fields';
import { compareNameParts } from './compare-names';
import { withinOneEdit } from './edit-distance';

const MISSING = -1;

function nameLevel(a: NamePartFeatures | null, b: NamePartFeatures | null): number {
  return a && b ? compareNameParts(a, b) : MISSING;
}

// For choosing between the straight and the swapped reading only: a field one
// side lacks counts as a disagreement, so the choice never favours less evidence.
function cost(level: number): number {
  return level < 0 ? NameLevel.DIFFERENT : level;
}

function compareNames(a: RecordFeatures, b: RecordFeatures, out: ComparisonVector): void {
  const ag = a.nameParts.given;
  const as = a.nameParts.surname;
  const bg = b.nameParts.given;
  const bs = b.nameParts.surname;
  let given = nameLevel(ag, bg);
  let surname = nameLevel(as, bs);
  let givenValue = ag?.joined ?? null;
  let surnameValue = as?.joined ?? null;
  if (given !== NameLevel.EXACT || surname !== NameLevel.EXACT) {
    const aGivenBSurname = nameLevel(ag, bs);
    const aSurnameBGiven = nameLevel(as, bg);
    if (cost(aGivenBSurname) + cost(aSurnameBGiven) < cost(given) + cost(surname)) {
      // Which record has its names the wrong way round cannot be told; reading
      // the pair in the frame of the record with the smaller key keeps the
      // vector independent of argument order.
      if (a.record.key <= b.record.key) {
        given = aGivenBSurname;
        surname = aSurnameBGiven;
      } else {
        given = aSurnameBGiven;
        surname = aGivenBSurname;
        givenValue = bg?.joined ?? null;
        surnameValue = bs?.joined ?? null;
      }
    }
  }
  out.levels[FieldIndex.given] = given;
  out.levels[FieldIndex.surname] = surname;
  // At EXACT both sides hold the same joined string.
  out.tfValues[FieldIndex.given] = given === NameLevel.EXACT ? givenValue : null;
  out.tfValues[FieldIndex.surname] = surname === NameLevel.EXACT ? surnameValue : null;
}

function compareDob(a: DateParts | null, b: DateParts | null): number {
  if (!a || !b) return MISSING;
  if (a.year !== b.year) return DobLevel.DIFFERENT;
  if (a.month === null || b.month === null) return DobLevel.YEAR;
  if (a.day !== null && b.day !== null) {
    if (a.month === b.month && a.day === b.day) return DobLevel.EXACT;
    if (a.month === b.day && a.day === b.month) return DobLevel.DAY_MONTH_SWAPPED;
  }
  return a.month === b.month ? DobLevel.YEAR_MONTH : DobLevel.YEAR;
}

function compareDocuments(a: RecordFeatures['documents'], b: RecordFeatures['documents']): number {
  if (a.length === 0 || b.length === 0) return MISSING;
  let level = MISSING;
  for (const da of a) {
    for (const db of b) {
      const sameCountry = da.country === db.country || da.country === '' || db.country === '';
      if (!sameCountry) continue;
      if (da.number === db.number) return DocumentLevel.SAME;
      // A passport number and an identity card number say nothing about each other.
      if (da.type !== '' && db.type !== '' && da.type !== db.type) continue;
      const pairLevel = withinOneEdit(da.number, db.number)
        ? DocumentLevel.ONE_EDIT
        : DocumentLevel.DIFFERENT;
      if (level === MISSING || pairLevel < level) level = pairLevel;
    }
  }
  return level;
}

function firstShared(a: readonly string[], b: readonly string[]): string | null {
  for (const x of a) for (const y of b) if (x === y) return x;
  return null;
}

/**
 * Fills `out` with the comparison of two records: the allocation-free form of
 * compareFeatures for loops that compare many pairs.
 */
export function compareFeaturesInto(
  a: RecordFeatures,
  b: RecordFeatures,
  out: ComparisonVector,
): void {
  if (a.name && b.name) {
    compareNames(a, b, out);
  } else {
    out.levels[FieldIndex.given] = MISSING;
    out.levels[FieldIndex.surname] = MISSING;
    out.tfValues[FieldIndex.given] = null;
    out.tfValues[FieldIndex.surname] = null;
  }
  compareFieldsButNamesInto(a, b, out);
}

/**
 * Every field but the names, which are most of a comparison's cost: enough
 * for an upper bound on a pair's LLR before the names are compared. Leaves
 * the name levels as they were.
 */
export function compareFieldsButNamesInto(
  a: RecordFeatures,
  b: RecordFeatures,
  out: ComparisonVector,
): void {
  out.levels[FieldIndex.dob] = compareDob(a.dob, b.dob);
  out.levels[FieldIndex.sex] =
    a.sex && b.sex ? (a.sex === b.sex ? AgreementLevel.SAME : AgreementLevel.DIFFERENT) : MISSING;
  out.levels[FieldIndex.nationality] =
    a.nationality && b.nationality
      ? a.nationality === b.nationality
        ? AgreementLevel.SAME
        : AgreementLevel.DIFFERENT
      : MISSING;
  out.levels[FieldIndex.document] = compareDocuments(a.documents, b.documents);

  if (a.phones.length === 0 || b.phones.length === 0) {
    out.levels[FieldIndex.phone] = MISSING;
    out.tfValues[FieldIndex.phone] = null;
  } else {
    const phone = firstShared(a.phones, b.phones);
    out.levels[FieldIndex.phone] = phone === null ? SharedLevel.DIFFERENT : SharedLevel.SHARED;
    out.tfValues[FieldIndex.phone] = phone;
  }
  if (a.addresses.length === 0 || b.addresses.length === 0) {
    out.levels[FieldIndex.address] = MISSING;
    out.tfValues[FieldIndex.address] = null;
  } else {
    const address = firstShared(a.addresses, b.addresses);
    out.levels[FieldIndex.address] = address === null ? SharedLevel.DIFFERENT : SharedLevel.SHARED;
    out.tfValues[FieldIndex.address] = address;
  }
}

/** The comparison vector of a record pair, in COMPARISON_FIELDS order. */
export function compareFeatures(a: RecordFeatures, b: RecordFeatures): ComparisonVector {
  const out = createComparisonVector();
  compareFeaturesInto(a, b, out);
  return out;
}
