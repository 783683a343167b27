import type { SynthOptions } from '../options';
import type { Distortion } from '../record-types';
import type { Rng } from '../rng';
import type { NameEntry, RegionNameData } from './name-types';

const COMBINING_MARKS = /\p{M}/gu;

export function stripDiacritics(value: string): string {
  return value.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
}

export function hasDiacritics(value: string): boolean {
  return stripDiacritics(value) !== value;
}

/** A person's true name, keeping the pool entries so records can vary them. */
export interface TrueName {
  given: NameEntry;
  middle: NameEntry | null;
  /** One surname, or paternal + maternal for double-surname groups (male forms for gendered groups). */
  surnames: NameEntry[];
  female: boolean;
}

export interface RecordedName {
  givenNames: string;
  surname: string;
  distortions: Distortion[];
}

export function surnameSpelling(data: RegionNameData, spelling: string, female: boolean): string {
  return female && data.femaleSurname ? data.femaleSurname(spelling) : spelling;
}

/** The name exactly as the person would write it. */
export function canonicalName(
  data: RegionNameData,
  name: TrueName,
): { given: string; surname: string } {
  const given = name.middle
    ? `${name.given.canonical} ${name.middle.canonical}`
    : name.given.canonical;
  const surname = name.surnames
    .map((s) => surnameSpelling(data, s.canonical, name.female))
    .join(' ');
  return { given, surname };
}

/**
 * The name as one record holds it: transliteration variants, nicknames,
 * dropped middle names and second surnames, swapped order, stripped
 * diacritics and typos, each at its configured rate and each reported in
 * `distortions` for the ground truth.
 */
export function recordName(
  rng: Rng,
  data: RegionNameData,
  name: TrueName,
  rates: SynthOptions['names'],
): RecordedName {
  const distortions: Distortion[] = [];
  let given = name.given.canonical;
  if (name.given.nicknames?.length && rng.chance(rates.nicknameRate)) {
    given = rng.pick(name.given.nicknames);
    distortions.push('NICKNAME');
  } else if (name.given.variants.length > 0 && rng.chance(rates.variantRate)) {
    given = rng.pick(name.given.variants);
    distortions.push('GIVEN_NAME_VARIANT');
  }
  if (name.middle) {
    if (rng.chance(rates.middleNameDropRate)) distortions.push('MIDDLE_NAME_DROPPED');
    else given = `${given} ${name.middle.canonical}`;
  }

  let surnameVaried = false;
  const surnames = name.surnames.map((entry) => {
    if (entry.variants.length > 0 && rng.chance(rates.variantRate)) {
      surnameVaried = true;
      return surnameSpelling(data, rng.pick(entry.variants), name.female);
    }
    return surnameSpelling(data, entry.canonical, name.female);
  });
  if (surnameVaried) distortions.push('SURNAME_VARIANT');
  if (surnames.length > 1 && rng.chance(rates.secondSurnameDropRate)) {
    surnames.length = 1;
    distortions.push('SECOND_SURNAME_DROPPED');
  }
  let surname = surnames.join(' ');

  const swapRate = data.familyNameFirst ? rates.familyFirstSwapRate : rates.orderSwapRate;
  if (rng.chance(swapRate)) {
    [given, surname] = [surname, given];
    distortions.push('NAME_ORDER_SWAPPED');
  }
  if ((hasDiacritics(given) || hasDiacritics(surname)) && rng.chance(rates.diacriticStripRate)) {
    given = stripDiacritics(given);
    surname = stripDiacritics(surname);
    distortions.push('DIACRITICS_STRIPPED');
  }
  if (rng.chance(rates.typoRate)) {
    if (rng.chance(0.5)) given = typo(rng, given);
    else surname = typo(rng, surname);
    distortions.push('NAME_TYPO');
  }
  if (rng.chance(rates.uppercaseRate)) {
    given = given.toUpperCase();
    surname = surname.toUpperCase();
  }
  return { givenNames: given, surname, distortions };
}

const KEYBOARD_NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'qswz',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'wsdr',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'ujko',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  m: 'njk',
  n: 'bhjm',
  o: 'iklp',
  p: 'ol',
  q: 'wa',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asx',
};

/** One keying error: a neighbouring key, a dropped or doubled letter, or two letters swapped. */
export function typo(rng: Rng, value: string): string {
  const letters = [...value];
  const positions = letters.flatMap((ch, i) => (/\p{L}/u.test(ch) ? [i] : []));
  if (positions.length < 2) return value + 'e';
  const i = rng.pick(positions);
  const ch = letters[i] as string;
  switch (rng.int(4)) {
    case 0: {
      const lower = stripDiacritics(ch).toLowerCase();
      const neighbours = KEYBOARD_NEIGHBOURS[lower] ?? 'aeiou';
      let replacement = rng.pick([...neighbours]);
      if (ch !== ch.toLowerCase()) replacement = replacement.toUpperCase();
      letters[i] = replacement;
      break;
    }
    case 1:
      letters.splice(i, 1);
      break;
    case 2:
      letters.splice(i, 0, ch.toLowerCase());
      break;
    default: {
      const j = i + 1 < letters.length && /\p{L}/u.test(letters[i + 1] as string) ? i + 1 : i - 1;
      if (j < 0) return value + 'e';
      [letters[i], letters[j]] = [letters[j] as string, ch];
      // Swapping two equal letters changes nothing: fall back to dropping one.
      if (letters[i] === letters[j]) letters.splice(i, 1);
    }
  }
  const result = letters.join('');
  return result === value ? value + 'e' : result;
}
