import type { RecordFeatures } from '../features';
import { confusableFold } from '@mosaic/normalise';
import { isNameParticle } from './name-parts';

/**
 * Exact-match keys for candidate generation. Each key must stay selective (a
 * block of thousands of records costs thousands of comparisons and is cut by
 * the index anyway), so names are paired with a second attribute, and each
 * distortion a record can carry is survived by at least one key:
 *
 * - `doc:<number>`: the document number with confusable characters (O/0, I/1,
 *   S/5, B/8, Z/2) folded, so a misread number still meets its original.
 * - `nny:<code>+<code>|<year>`: phonetic first given name and first surname,
 *   sorted so a given/surname swap gives the same key, with the birth year;
 *   survives spelling variants that sound alike, dropped middle names and
 *   second surnames, partial dates and day/month swaps.
 * - `nd:<code>|<year>-<m>-<d>`: one name (first given, first surname) with the
 *   full date of birth, its day and month in ascending order so a swap gives
 *   the same key; survives a typo, nickname or variant in the other name.
 * - `nsn:<code>+<code>|<sex>|<nationality>`: both names without the date, for
 *   records whose date of birth is missing.
 *
 * Measured on a synthetic population (normalise-synth.spec.ts checks it) this finds
 * about 99% of same-person record pairs other than aliases, with fewer
 * comparisons than surname+year and given+year keys, which find 97%: a common
 * name with a birth year is a block of thousands at a million persons.
 */
export function blockingKeys(features: RecordFeatures): string[] {
  const keys = new Set<string>();
  for (const document of features.documents) keys.add(`doc:${confusableFold(document.number)}`);

  const { given, surname } = features.nameParts;
  const givenCode = given?.codes[0] || null;
  let surnameCode: string | null = null;
  if (surname) {
    for (let i = 0; i < surname.tokens.length && surnameCode === null; i++) {
      if (!isNameParticle(surname.tokens[i] as string)) surnameCode = surname.codes[i] || null;
    }
  }
  const pair =
    givenCode && surnameCode
      ? givenCode < surnameCode
        ? `${givenCode}+${surnameCode}`
        : `${surnameCode}+${givenCode}`
      : null;

  const dob = features.dob;
  if (pair && dob) keys.add(`nny:${pair}|${dob.year}`);
  if (dob && dob.month !== null && dob.day !== null) {
    const date = `${dob.year}-${Math.min(dob.month, dob.day)}-${Math.max(dob.month, dob.day)}`;
    if (givenCode) keys.add(`nd:${givenCode}|${date}`);
    if (surnameCode) keys.add(`nd:${surnameCode}|${date}`);
  }
  if (pair && features.sex && features.nationality) {
    keys.add(`nsn:${pair}|${features.sex}|${features.nationality}`);
  }
  return [...keys];
}

/**
 * Two-key blocking keys: one for each pair of a record's name keys (every key
 * but `doc:`). Two records share one exactly when they agree on both keys.
 * They let a key shared by very many records (a common name with a birth
 * year, at a million persons) still propose candidates, but only those that
 * agree on a second key, so the work per record does not grow with the
 * gallery (see ResolverOptions.commonBlockSize).
 */
export function pairedBlockingKeys(keys: readonly string[]): string[] {
  const names = keys.filter((k) => !k.startsWith('doc:')).sort();
  const paired: string[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) paired.push(`${names[i]}&${names[j]}`);
  }
  return paired;
}
