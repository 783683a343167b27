import { connectedParts } from '@mosaic/identity-data';

/** What is left of one person once some of its records are purged. */
export type PersonRemainder =
  /** Nothing: every record was purged. */
  | { kind: 'EMPTY'; removed: string[] }
  /** The remaining records are still held together by the remaining links. */
  | { kind: 'INTACT'; removed: string[]; kept: string[] }
  /**
   * The purged records were what tied some remaining records to the rest: the
   * part with the oldest record keeps the person, each other part becomes a
   * person of its own.
   */
  | { kind: 'SPLIT'; removed: string[]; kept: string[]; splitOff: string[][] };

/**
 * Splits a person's remaining records by its remaining links. A link that
 * ran through a purged record is evidence that no longer exists: two records
 * joined only through it are no longer claimed to be one person, as when a
 * disputed link is separated. `records` must be in insertion order (oldest
 * first), which decides the part that keeps the person's id.
 */
export function remainderAfterPurge(
  records: readonly string[],
  edges: readonly { a: string; b: string }[],
  purged: ReadonlySet<string>,
): PersonRemainder {
  const removed = records.filter((k) => purged.has(k));
  const remaining = records.filter((k) => !purged.has(k));
  if (remaining.length === 0) return { kind: 'EMPTY', removed };

  // Parts come out ordered by their oldest record, so the first keeps the person.
  const [kept, ...splitOff] = connectedParts(remaining, edges) as [string[], ...string[][]];
  return splitOff.length === 0
    ? { kind: 'INTACT', removed, kept }
    : { kind: 'SPLIT', removed, kept, splitOff };
}
