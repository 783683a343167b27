/**
 * Whether two strings differ by at most one edit: a substitution, an insertion,
 * a deletion or a swap of two adjacent characters (optimal string alignment
 * distance ≤ 1). Equal strings count. No allocation.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // Substitution at i, or the swap of i and i + 1; the rest must be identical.
    if (restEqual(a, i + 1, b, i + 1)) return true;
    return (
      i + 1 < la &&
      a.charCodeAt(i) === b.charCodeAt(i + 1) &&
      a.charCodeAt(i + 1) === b.charCodeAt(i) &&
      restEqual(a, i + 2, b, i + 2)
    );
  }
  return la > lb ? restEqual(a, i + 1, b, i) : restEqual(a, i, b, i + 1);
}

function restEqual(a: string, ia: number, b: string, ib: number): boolean {
  if (a.length - ia !== b.length - ib) return false;
  for (; ia < a.length; ia++, ib++) if (a.charCodeAt(ia) !== b.charCodeAt(ib)) return false;
  return true;
}
