/**
 * The comparison vector of a record pair: for each field, the agreement level
 * reached. The Fellegi–Sunter model (`model/`) is generic over this table; it
 * learns m and u per level.
 */
export interface ComparisonField {
  field: string;
  /** Agreement levels, strongest first; the last is disagreement. */
  levels: readonly string[];
  /**
   * Whether the model adjusts this field's first level by term frequency (a rare
   * surname agreeing weighs more than a common one). The comparison then reports
   * the agreed value in `tfValues`.
   */
  termFrequency: boolean;
  /**
   * Fields this one is not independent of: when any of them agrees at or
   * above `level` (index, strongest first), this field's agreement adds no
   * weight (disagreement still counts). Nationality, say, follows from the
   * name: two people sharing a surname usually share a nationality too, and
   * counting both would count one fact twice.
   */
  confoundedWith?: { fields: readonly string[]; level: number };
}

export interface ComparisonVector {
  /** Level index per field, in COMPARISON_FIELDS order; -1 when either side lacks the field. */
  levels: Int8Array;
  /** Per field: the folded value agreed on when the level is 0 and the field is TF-adjusted. */
  tfValues: (string | null)[];
}
