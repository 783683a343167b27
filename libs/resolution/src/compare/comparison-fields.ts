import type { ComparisonField, ComparisonVector } from '../comparison';

/** Name levels: shared by given names and surnames. */
export const NameLevel = {
  /** The same name, whatever the spacing, hyphens, case or diacritics. */
  EXACT: 0,
  /**
   * One side's tokens all found exactly in the other's: a dropped middle name,
   * second surname or particle, or the same names in another order.
   */
  SUBSET: 1,
  /** Every token of the shorter side sounds like one of the other's (Double Metaphone). */
  PHONETIC: 2,
  /** Jaro–Winkler ≥ 0.94 (token by token, or the joined names where they split differently). */
  JW_HIGH: 3,
  /** Jaro–Winkler ≥ 0.85. */
  JW_MID: 4,
  DIFFERENT: 5,
} as const;

export const DobLevel = {
  EXACT: 0,
  DAY_MONTH_SWAPPED: 1,
  /** Year and month agree; the day differs or one side has none. */
  YEAR_MONTH: 2,
  /** Only the year agrees, or one side has only a year. */
  YEAR: 3,
  DIFFERENT: 4,
} as const;

export const DocumentLevel = {
  SAME: 0,
  /** Same issuing country and type, one substitution, insertion, deletion or adjacent swap apart. */
  ONE_EDIT: 1,
  DIFFERENT: 2,
} as const;

export const AgreementLevel = { SAME: 0, DIFFERENT: 1 } as const;
export const SharedLevel = { SHARED: 0, DIFFERENT: 1 } as const;

const NAME_LEVELS = Object.keys(NameLevel);

export const COMPARISON_FIELDS: readonly ComparisonField[] = [
  { field: 'given', levels: NAME_LEVELS, termFrequency: true },
  { field: 'surname', levels: NAME_LEVELS, termFrequency: true },
  { field: 'dob', levels: Object.keys(DobLevel), termFrequency: false },
  { field: 'sex', levels: Object.keys(AgreementLevel), termFrequency: false },
  {
    field: 'nationality',
    levels: Object.keys(AgreementLevel),
    termFrequency: false,
    confoundedWith: { fields: ['given', 'surname'], level: NameLevel.PHONETIC },
  },
  { field: 'document', levels: Object.keys(DocumentLevel), termFrequency: false },
  { field: 'phone', levels: Object.keys(SharedLevel), termFrequency: true },
  { field: 'address', levels: Object.keys(SharedLevel), termFrequency: true },
];

/** Positions in COMPARISON_FIELDS (and so in a vector's `levels` and `tfValues`). */
export const FieldIndex = {
  given: 0,
  surname: 1,
  dob: 2,
  sex: 3,
  nationality: 4,
  document: 5,
  phone: 6,
  address: 7,
} as const;
export type ComparisonFieldName = keyof typeof FieldIndex;

export function createComparisonVector(): ComparisonVector {
  return {
    levels: new Int8Array(COMPARISON_FIELDS.length),
    tfValues: new Array<string | null>(COMPARISON_FIELDS.length).fill(null),
  };
}

/** The level a vector reached for a field, by name; null when the field was missing on a side. */
export function levelName(vector: ComparisonVector, field: ComparisonFieldName): string | null {
  const index = FieldIndex[field];
  const level = vector.levels[index] as number;
  return level < 0 ? null : ((COMPARISON_FIELDS[index] as ComparisonField).levels[level] ?? null);
}
