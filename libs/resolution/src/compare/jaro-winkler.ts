// Match flags reused across calls: comparisons run in a hot loop, and names
// are short, so two small buffers grown on demand avoid an allocation per call.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/**
 * Jaro–Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4, the
 * prefix bonus applied above a Jaro similarity of 0.7).
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > flagsA.length) flagsA = new Uint8Array(la * 2);
  if (lb > flagsB.length) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);

  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    const ch = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === ch) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;

  let halfTranspositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - (halfTranspositions >> 1)) / m) / 3;
  if (jaro <= 0.7) return jaro;

  const limit = Math.min(4, la, lb);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * The highest Jaro–Winkler two strings of these lengths can reach (all of the
 * shorter matched, no transpositions, a full prefix): lets a caller skip the
 * computation when even that cannot clear its threshold.
 */
export function jaroWinklerUpperBound(la: number, lb: number): number {
  if (la === 0 || lb === 0) return 0;
  const short = Math.min(la, lb);
  const jaro = (1 + short / Math.max(la, lb) + 1) / 3;
  const prefix = Math.min(4, short);
  return jaro + prefix * 0.1 * (1 - jaro);
}
