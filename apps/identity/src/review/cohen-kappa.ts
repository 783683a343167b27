/**
 * Cohen's kappa for two raters labelling the same items: observed agreement
 * corrected for the agreement their label frequencies would give by chance,
 * κ = (pₒ − pₑ) / (1 − pₑ). No maintained npm package computes it (ADR 0015),
 * so it is this small function. Null when there is nothing to measure: no
 * pairs, or both raters used one and the same label throughout (pₑ = 1).
 */
export function cohenKappa<L extends string>(pairs: readonly (readonly [L, L])[]): number | null {
  if (pairs.length === 0) return null;
  const n = pairs.length;
  const first = new Map<L, number>();
  const second = new Map<L, number>();
  let agree = 0;
  for (const [a, b] of pairs) {
    if (a === b) agree++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const observed = agree / n;
  let chance = 0;
  for (const [label, count] of first) chance += (count / n) * ((second.get(label) ?? 0) / n);
  if (chance >= 1) return null;
  return (observed - chance) / (1 - chance);
}
