/**
 * How often each value of a field occurs among records, so agreement on a rare
 * value (an unusual surname) weighs more than agreement on a common one, and an
 * identifier many unrelated people record (a hotel address, a call-centre
 * phone) weighs little. Values seen once are not stored: they take `1 / total`.
 */
export interface TermFrequencyTable {
  field: string;
  /** Values counted (one per record per distinct value). */
  total: number;
  counts: Record<string, number>;
}

export function buildTermFrequencyTable(
  field: string,
  valuesPerRecord: Iterable<readonly string[]>,
): TermFrequencyTable {
  const counts = new Map<string, number>();
  let total = 0;
  for (const values of valuesPerRecord) {
    for (const value of new Set(values)) {
      counts.set(value, (counts.get(value) ?? 0) + 1);
      total += 1;
    }
  }
  const kept: Record<string, number> = {};
  for (const [value, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (count > 1) kept[value] = count;
  }
  return { field, total, counts: kept };
}

/** The probability that a random record carries this value. */
export function termProbability(table: TermFrequencyTable, value: string): number {
  const count = table.counts[value] ?? 1;
  return count / Math.max(1, table.total);
}
