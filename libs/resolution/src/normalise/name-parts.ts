import { metaphonePair as doubleMetaphone } from '@mosaic/normalise';
import type { NamePartFeatures } from '../features';

// Articles and prepositions that precede a family name and that records keep,
// join or drop at will (Al-Masri / Almasri / Masri, de la Torre / Delatorre,
// van der Berg / Berg). General naming conventions, not a list of names.
const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'AL',
  'EL',
  'BEN',
  'BIN',
  'IBN',
  'BINT',
  'DE',
  'DEL',
  'DELA',
  'DELLA',
  'DEI',
  'DES',
  'DI',
  'DA',
  'DAS',
  'DO',
  'DOS',
  'DU',
  'LA',
  'LE',
  'LO',
  'LAS',
  'LOS',
  'VAN',
  'VON',
  'DER',
  'DEN',
  'TER',
  'TEN',
  'Y',
]);

// The Arabic article is often written glued (Alkhatib, Elamrani). Only a
// remainder that could stand as a name on its own is taken as one, so that
// Alaoui or Elena keep their first letters.
const GLUED_ARTICLE = /^(?:AL|EL)([B-DF-HJ-NP-TV-Z][A-Z]{3,})$/;

export function isNameParticle(token: string): boolean {
  return NAME_PARTICLES.has(token);
}

function coreOf(tokens: readonly string[], gluedArticle: boolean): string {
  let first = 0;
  while (first < tokens.length - 1 && NAME_PARTICLES.has(tokens[first] as string)) first++;
  const rest = tokens.slice(first);
  if (gluedArticle && rest.length > 0) {
    const glued = GLUED_ARTICLE.exec(rest[0] as string);
    if (glued) rest[0] = glued[1] as string;
  }
  return rest.join('');
}

/** Prepares one name field for comparison; null when it has no tokens. */
export function namePart(tokens: string[], kind: 'given' | 'surname'): NamePartFeatures | null {
  if (tokens.length === 0) return null;
  const codes: string[] = [];
  const altCodes: string[] = [];
  for (const token of tokens) {
    const [primary, alternate] = doubleMetaphone(token);
    codes.push(primary);
    altCodes.push(alternate);
  }
  const joined = tokens.join('');
  const [joinedCode, joinedAltCode] =
    tokens.length === 1 ? [codes[0] as string, altCodes[0] as string] : doubleMetaphone(joined);
  return {
    tokens,
    codes,
    altCodes,
    joined,
    joinedCode,
    joinedAltCode,
    core: coreOf(tokens, kind === 'surname'),
  };
}
