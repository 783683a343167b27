import doubleMetaphone from 'talisman/phonetics/double-metaphone';

/** Primary and alternate Double Metaphone codes of a folded word (each at most four letters). */
export function metaphonePair(word: string): [string, string] {
  return doubleMetaphone(word);
}

/**
 * Double Metaphone codes of one folded name token (primary, then the
 * alternate when it differs): Mohammed / Muhammad / Mohamed meet on one code.
 */
export function phoneticCodes(token: string): string[] {
  if (token === '') return [];
  const [primary, alternate] = doubleMetaphone(token);
  return alternate && alternate !== primary ? [primary, alternate] : [primary];
}
