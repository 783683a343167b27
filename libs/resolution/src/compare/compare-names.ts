import type { NamePartFeatures } from '../features';
import { NameLevel } from './comparison-fields';
import { jaroWinkler, jaroWinklerUpperBound } from './jaro-winkler';

const JW_HIGH = 0.94;
const JW_MID = 0.85;

function soundAlike(a: NamePartFeatures, i: number, b: NamePartFeatures, j: number): boolean {
  const pa = a.codes[i] as string;
  const sa = a.altCodes[i] as string;
  const pb = b.codes[j] as string;
  const sb = b.altCodes[j] as string;
  return (pa !== '' && (pa === pb || pa === sb)) || (sa !== '' && (sa === pb || sa === sb));
}

function similarityLevel(a: string, b: string): number {
  if (jaroWinklerUpperBound(a.length, b.length) < JW_MID) return NameLevel.DIFFERENT;
  const similarity = jaroWinkler(a, b);
  if (similarity >= JW_HIGH) return NameLevel.JW_HIGH;
  return similarity >= JW_MID ? NameLevel.JW_MID : NameLevel.DIFFERENT;
}

function tokenLevel(a: NamePartFeatures, i: number, b: NamePartFeatures, j: number): number {
  const ta = a.tokens[i] as string;
  const tb = b.tokens[j] as string;
  if (ta === tb) return NameLevel.EXACT;
  if (soundAlike(a, i, b, j)) return NameLevel.PHONETIC;
  return similarityLevel(ta, tb);
}

/**
 * How well each token of the shorter name is matched in the longer one, each
 * token of the longer used once: the worst of those matches. Exact matches are
 * paired first so a reordering cannot pair a token with a lookalike while its
 * twin is left unmatched.
 */
function alignTokens(short: NamePartFeatures, long: NamePartFeatures): number {
  // Used tokens are tracked in 31-bit masks; a name field holds a handful of
  // tokens, and tokens past the 31st of a runaway value are not aligned.
  const ns = Math.min(short.tokens.length, 31);
  const nl = Math.min(long.tokens.length, 31);
  let usedLong = 0;
  let pairedShort = 0;
  for (let i = 0; i < ns; i++) {
    for (let j = 0; j < nl; j++) {
      if ((usedLong & (1 << j)) === 0 && short.tokens[i] === long.tokens[j]) {
        usedLong |= 1 << j;
        pairedShort |= 1 << i;
        break;
      }
    }
  }
  let worst: number = NameLevel.EXACT;
  for (let i = 0; i < ns && worst < NameLevel.DIFFERENT; i++) {
    if ((pairedShort & (1 << i)) !== 0) continue;
    let best: number = NameLevel.DIFFERENT;
    let bestJ = -1;
    for (let j = 0; j < nl && best > NameLevel.PHONETIC; j++) {
      if ((usedLong & (1 << j)) !== 0) continue;
      const level = tokenLevel(short, i, long, j);
      if (level < best) {
        best = level;
        bestJ = j;
      }
    }
    if (bestJ >= 0) usedLong |= 1 << bestJ;
    if (best > worst) worst = best;
  }
  return worst;
}

function joinedSoundAlike(a: NamePartFeatures, b: NamePartFeatures): boolean {
  const pa = a.joinedCode;
  const sa = a.joinedAltCode;
  return (
    (pa !== '' && (pa === b.joinedCode || pa === b.joinedAltCode)) ||
    (sa !== '' && (sa === b.joinedCode || sa === b.joinedAltCode))
  );
}

/** The agreement level of two name fields (NameLevel). */
export function compareNameParts(a: NamePartFeatures, b: NamePartFeatures): number {
  if (a.joined === b.joined) return NameLevel.EXACT;
  const aShorter = a.tokens.length <= b.tokens.length;
  const short = aShorter ? a : b;
  const long = aShorter ? b : a;
  const sameCount = short.tokens.length === long.tokens.length;

  let aligned = alignTokens(short, long);
  // Greedy pairing can depend on which side leads; take the better of both so
  // that the level does not depend on argument order.
  if (sameCount && aligned !== NameLevel.EXACT && short.tokens.length > 1) {
    const reverse = alignTokens(long, short);
    if (reverse < aligned) aligned = reverse;
  }
  // Every token found but the joined strings differ: tokens dropped or reordered.
  if (aligned === NameLevel.EXACT || a.core === b.core) return NameLevel.SUBSET;
  if (aligned <= NameLevel.PHONETIC || sameCount) return aligned;
  // Split differently (Xiao Ming / Xiaoming with a typo, El Masri / Almasri):
  // the joined strings can agree where no token pairing does.
  if (joinedSoundAlike(a, b)) return NameLevel.PHONETIC;
  const joined = similarityLevel(a.joined, b.joined);
  return joined < aligned ? joined : aligned;
}
